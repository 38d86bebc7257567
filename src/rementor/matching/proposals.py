"""Proposed pairs (consent to the pair): making them when a run is published, what they hold,
when they expire, and the e-mails that ask both members to answer.

While a proposal is open and within its time to answer, it holds its mentee and one of its
mentor's places (``PairProposal.objects.holding``): a new run proposes neither again, and no
pair made by hand takes them. The answers and a manager's decisions are in ``consent``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rementor.core.links import site_root
from rementor.matching.explain import reasons_for
from rementor.matching.models import OCCUPYING, MatchRun, Pair, PairProposal, ProposalStatus
from rementor.people.queries import has_left
from rementor.programmes.models import Enrollment, Programme, Role

MENTEE, MENTOR = Role.MENTEE.value, Role.MENTOR.value


def held_places(mentor: Enrollment, *, exclude: PairProposal | None = None) -> int:
    """How many of ``mentor``'s places open proposals hold."""
    held = PairProposal.objects.holding().filter(mentor=mentor)
    if exclude is not None:
        held = held.exclude(pk=exclude.pk)
    return held.count()


def close_expired(*, programme: Programme) -> int:
    """Mark the programme's open proposals past their deadline as unanswered (so their
    mentee may be proposed again); returns how many."""
    now = timezone.now()
    return PairProposal.objects.filter(
        programme=programme, status=ProposalStatus.OPEN, deadline__lt=now
    ).update(status=ProposalStatus.EXPIRED, closed_at=now)


def propose_pair(
    *,
    programme: Programme,
    mentee: Enrollment,
    mentor: Enrollment,
    by,
    run: MatchRun | None = None,
    score: float | None = None,
    explanation: dict | None = None,
    covered_skills=(),
) -> PairProposal:
    """Propose one pair of a published run and e-mail both members (after the commit).

    Raises ValidationError with the reason when the mentee is already paired or proposed,
    or the mentor has no place left; the caller skips that pair."""
    if Pair.objects.filter(mentee=mentee, status__in=OCCUPYING).exists():
        raise ValidationError(
            _("%(mentee)s already has a mentor.") % {"mentee": mentee.person.full_name}
        )
    if PairProposal.objects.filter(
        mentee=mentee, mentor=mentor, status=ProposalStatus.DECLINED
    ).exists():
        # Publishing an older run again must not propose a pair one of them declined.
        raise ValidationError(
            _("%(mentee)s and %(mentor)s were proposed to each other already, and declined.")
            % {"mentee": mentee.person.full_name, "mentor": mentor.person.full_name}
        )
    if PairProposal.objects.holding().filter(mentee=mentee).exists():
        raise ValidationError(
            _("%(mentee)s already has a proposed mentor waiting for an answer.")
            % {"mentee": mentee.person.full_name}
        )
    capacity = min(mentor.effective_capacity, programme.max_mentor_capacity)
    taken = Pair.objects.filter(mentor=mentor, status__in=OCCUPYING).count()
    if taken + held_places(mentor) >= capacity:
        raise ValidationError(
            _("%(mentor)s has no place left (capacity %(capacity)s).")
            % {"mentor": mentor.person.full_name, "capacity": capacity}
        )
    try:
        with transaction.atomic():
            proposal = PairProposal.objects.create(
                programme=programme,
                run=run,
                mentee=mentee,
                mentor=mentor,
                score=score,
                explanation=explanation or {},
                covered_skills=list(covered_skills),
                deadline=deadline_from(timezone.now(), programme.consent_days),
                created_by=by,
            )
    except IntegrityError:  # the database's one open proposal per mentee
        raise ValidationError(
            _("%(mentee)s already has a proposed mentor waiting for an answer.")
            % {"mentee": mentee.person.full_name}
        ) from None
    transaction.on_commit(lambda: notify_proposal(proposal=proposal))
    return proposal


def deadline_from(start: dt.datetime, days: int) -> dt.datetime:
    """The end of the last day to answer, in the site's time zone (a proposal made on the 1st
    with 7 days can be answered until the 8th, 23:59)."""
    last_day = timezone.localtime(start).date() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time(23, 59, 59)))


# ------------------------------------------------------------------------------ e-mails


def proposal_link(proposal: PairProposal) -> str:
    return site_root() + reverse("matching:proposal", args=[proposal.pk])


def waiting_members(proposal: PairProposal) -> list[Enrollment]:
    """The members who have not answered yet."""
    return [
        member
        for role, member in ((MENTEE, proposal.mentee), (MENTOR, proposal.mentor))
        if not proposal.answer_of(role)
    ]


def address_of(member: Enrollment) -> tuple[str, str]:
    """(e-mail, language) for ``member``; no e-mail for someone who left."""
    if has_left(member.person):
        return "", settings.LANGUAGE_CODE
    user = getattr(member.person, "user", None)
    email = user.email if user else member.person.email
    return email or "", (user.language if user else "") or settings.LANGUAGE_CODE


def send_proposal_mail(*, proposal: PairProposal, member: Enrollment, reminder: bool) -> bool:
    """E-mail ``member`` their proposed partner, why, and the link to answer; False when they
    cannot be reached."""
    email, language = address_of(member)
    if not email:
        return False
    is_mentee = member.pk == proposal.mentee_id
    partner = proposal.mentor if is_mentee else proposal.mentee
    with translation.override(language):
        context = {
            "member": member.person,
            "partner": partner.person,
            "is_mentee": is_mentee,
            "programme": proposal.programme,
            "reasons": reasons_for(
                mentee=proposal.mentee,
                mentor=proposal.mentor,
                covered_skills=proposal.covered_skills or [],
            ),
            "deadline": timezone.localtime(proposal.deadline),
            "reminder": reminder,
            "link": proposal_link(proposal),
        }
        subject = (
            _("Reminder: your proposed pair in “%(programme)s” waits for your answer")
            if reminder
            else _("Your proposed pair in “%(programme)s”: please accept or decline")
        ) % {"programme": proposal.programme.name}
        body = render_to_string("matching/email/pair_proposed.txt", context)
    send_mail(subject, body, None, [email])
    return True


def notify_proposal(*, proposal: PairProposal) -> None:
    proposal = PairProposal.objects.select_related(
        "programme",
        "mentee__person__user",
        "mentee__person__department",
        "mentor__person__user",
        "mentor__person__department",
    ).get(pk=proposal.pk)
    for member in (proposal.mentee, proposal.mentor):
        send_proposal_mail(proposal=proposal, member=member, reminder=False)


def send_closed_mail(*, proposal: PairProposal, member: Enrollment) -> bool:
    """Tell ``member`` that ``proposal`` will not go ahead and what happens next (back among
    those waiting for a partner; a new proposal may come). Never the reason, nor who said
    no: those are for the programme team. False when they cannot be reached."""
    email, language = address_of(member)
    if not email:
        return False
    is_mentee = member.pk == proposal.mentee_id
    partner = proposal.mentor if is_mentee else proposal.mentee
    with translation.override(language):
        subject = _("Your proposed pair in “%(programme)s” will not go ahead") % {
            "programme": proposal.programme.name
        }
        body = render_to_string(
            "matching/email/pair_not_going_ahead.txt",
            {
                "member": member.person,
                "partner": partner.person,
                "programme": proposal.programme,
                "link": site_root() + reverse("programmes:detail", args=[proposal.programme.slug]),
            },
        )
    send_mail(subject, body, None, [email])
    return True


def notify_closed(*, proposal: PairProposal, members: list[Enrollment]) -> None:
    """After the commit: e-mail ``members`` that ``proposal`` will not go ahead."""
    ids = [m.pk for m in members]

    def send() -> None:
        fresh = PairProposal.objects.select_related(
            "programme", "mentee__person__user", "mentor__person__user"
        ).get(pk=proposal.pk)
        for member in (fresh.mentee, fresh.mentor):
            if member.pk in ids:
                send_closed_mail(proposal=fresh, member=member)

    transaction.on_commit(send)
