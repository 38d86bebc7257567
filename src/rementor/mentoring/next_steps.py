"""What a participant should do next, for the home page ("finish training", "sign the charter",
"plan the next session", "answer a pulse", "answer the mid-term or final check-in")."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.core.dates import localtime_or_utc
from rementor.core.formats import date_text
from rementor.matching.models import OCCUPYING, Pair
from rementor.matching.queries import proposals_of_member
from rementor.mentoring.feedback import check_ins_waiting
from rementor.mentoring.leading import leads
from rementor.mentoring.models import (
    CheckInKind,
    MentoringSession,
    PairCharter,
    Pulse,
    SessionStatus,
)
from rementor.mentoring.queries import member_of
from rementor.programmes.models import Enrollment, EnrollmentStatus, ProgrammeStatus, Role
from rementor.skills.models import Assessment, AssessmentKind
from rementor.training.queries import modules_left


@dataclass(frozen=True)
class Step:
    text: str
    url: str
    urgent: bool = False
    # Named when the person has pairs in more than one programme, so that two steps with
    # the same partner (a pair that continues into the next programme) can be told apart.
    programme: str = ""


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # that page does not exist (yet): fall back to the pair page
        return ""


def _proposal_steps(user) -> list[Step]:
    """Proposed pairs waiting for the user's answer (consent to the pair): one query."""
    steps = []
    for proposal in proposals_of_member(user):
        is_mentee = proposal.mentee.person_id == user.person_id
        if proposal.answer_of("mentee" if is_mentee else "mentor"):
            continue
        partner = (proposal.mentor if is_mentee else proposal.mentee).person.full_name
        when = date_text(timezone.localtime(proposal.deadline))
        text = (
            _("Accept or decline %(partner)s as your mentor, by %(date)s.")
            if is_mentee
            else _("Accept or decline %(partner)s as your mentee, by %(date)s.")
        )
        steps.append(
            Step(
                text % {"partner": partner, "date": when},
                reverse("matching:proposal", args=[proposal.pk]),
                urgent=True,
            )
        )
    return steps


def _needs_steps(user) -> list[Step]:
    """Mentees invited to a programme still taking needs who have not given theirs: without
    this line the home page shows them only "Invited" and nothing to do (one query)."""
    waiting = (
        Enrollment.objects.filter(
            person_id=user.person_id,
            role=Role.MENTEE,
            status__in=[EnrollmentStatus.INVITED, EnrollmentStatus.ACCEPTED],
            programme__status__in=[ProgrammeStatus.RECRUITING, ProgrammeStatus.MATCHING],
        )
        .exclude(
            Exists(
                Assessment.objects.filter(
                    enrollment=OuterRef("pk"),
                    kind=AssessmentKind.BASELINE,
                    submitted_at__isnull=False,
                )
            )
        )
        .select_related("programme")
        .order_by("programme__start_date")
    )
    return [
        Step(
            _("Tell us what you would like to learn in %(programme)s (about 10 minutes).")
            % {"programme": enrollment.programme.name},
            reverse("programmes:my_needs", kwargs={"slug": enrollment.programme.slug}),
        )
        for enrollment in waiting
    ]


def steps_for(user) -> list[Step]:
    """Next actions across the user's active pairs, most urgent first (a few queries)."""
    if not user.is_authenticated or user.person_id is None:
        return []
    pairs = list(
        Pair.objects.filter(status__in=OCCUPYING)
        .filter(member_of(user))
        .select_related("programme", "mentee__person", "mentor__person")
    )
    steps: list[Step] = _proposal_steps(user) + _needs_steps(user)
    several_programmes = len({pair.programme_id for pair in pairs}) > 1
    for pair in pairs:
        first_of_pair = len(steps)
        is_mentee = pair.mentee.person_id == user.person_id
        membership = pair.mentee if is_mentee else pair.mentor
        partner = (pair.mentor if is_mentee else pair.mentee).person.full_name
        pair_url = reverse("mentoring:pair", args=[pair.pk])
        if pair.status != "active":
            continue
        left = modules_left(membership)
        if left > 0:
            steps.append(
                Step(
                    ngettext(
                        "Finish your training: %(count)s module left.",
                        "Finish your training: %(count)s modules left.",
                        left,
                    )
                    % {"count": left},
                    _url("training:my_training", slug=pair.programme.slug) or pair_url,
                )
            )
        charter = PairCharter.objects.filter(pair=pair).first()
        accepted = charter and (
            charter.mentee_accepted_at if is_mentee else charter.mentor_accepted_at
        )
        if not accepted:
            steps.append(
                Step(
                    _("Read and accept your pair charter with %(partner)s.") % {"partner": partner},
                    _url("mentoring:charter", pk=pair.pk) or pair_url,
                )
            )
        sessions = MentoringSession.objects.filter(pair=pair)
        upcoming = (
            sessions.filter(status=SessionStatus.PLANNED, starts_at__gte=timezone.now())
            .order_by("starts_at")
            .first()
        )
        # Only the member who leads (the programme's setting) is asked to plan.
        if upcoming is None and leads(pair, "mentee" if is_mentee else "mentor"):
            steps.append(
                Step(
                    _("Plan your next session with %(partner)s.") % {"partner": partner},
                    # Booking from free times opens with the programme; planning works before.
                    _url(
                        "mentoring:book_session"
                        if pair.programme.status == ProgrammeStatus.RUNNING
                        else "mentoring:plan_session",
                        pk=pair.pk,
                    )
                    or pair_url,
                )
            )
        elif upcoming is not None:
            when = date_text(localtime_or_utc(upcoming.starts_at), "DATETIME_FORMAT")
            steps.append(
                Step(
                    _("Your next session with %(partner)s: %(when)s.")
                    % {"partner": partner, "when": when},
                    pair_url,
                )
            )
        for kind in check_ins_waiting(pair, membership):
            if kind == CheckInKind.MIDTERM:
                text = _("Answer the mid-term check-in: how is your pair going so far?")
            elif is_mentee:
                text = _("Answer the final check-in and say where your skills stand now.")
            else:
                text = _("Answer the final check-in: how did your pair go?")
            steps.append(
                Step(
                    text,
                    _url("mentoring:check_in", pk=pair.pk, kind=kind.value) or pair_url,
                    urgent=True,
                )
            )
        unanswered = sessions.filter(status=SessionStatus.HELD).exclude(
            pk__in=Pulse.objects.filter(author=membership).values("session_id")
        )
        for session in unanswered.order_by("-starts_at")[:3]:
            steps.append(
                Step(
                    _("Tell us how your session of %(date)s went (30 seconds).")
                    % {"date": date_text(localtime_or_utc(session.starts_at))},
                    _url("mentoring:pulse", pk=session.pk) or pair_url,
                    urgent=True,
                )
            )
        if several_programmes:
            steps[first_of_pair:] = [
                replace(step, programme=pair.programme.name) for step in steps[first_of_pair:]
            ]
    return sorted(steps, key=lambda s: not s.urgent)
