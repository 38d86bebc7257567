"""Every write of mentor selection: applications, withdrawals, reviews and decisions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.audit.events import Event, acted_by, record
from rementor.people.queries import has_left
from rementor.programmes.domain import save_preferences
from rementor.programmes.models import (
    Enrollment,
    EnrollmentStatus,
    MentorApplications,
    Programme,
    ProgrammeStatus,
    Role,
)
from rementor.selection.models import (
    Commitment,
    Decision,
    MentorApplication,
    MentorDecision,
    MentorReview,
)
from rementor.skills.domain import ItemInput, save_assessment
from rementor.skills.models import AssessmentKind

# Levels from which a candidate must back their proficiency with a link or a sentence.
EVIDENCE_FROM_LEVEL = 2
# A candidate may (re)write their application only in these statuses: not once decided.
EDITABLE_STATUSES = (EnrollmentStatus.INVITED, EnrollmentStatus.APPLIED, EnrollmentStatus.WITHDRAWN)
WITHDRAWABLE_STATUSES = (
    EnrollmentStatus.INVITED,
    EnrollmentStatus.APPLIED,
    EnrollmentStatus.ACCEPTED,
)
DECIDABLE_STATUSES = (
    EnrollmentStatus.APPLIED,
    EnrollmentStatus.ACCEPTED,
    EnrollmentStatus.DECLINED,
)


def mentee_conflict_message(programme: Programme) -> str:
    return _(
        "You take part in “%(programme)s” as a mentee, so you cannot also be one of its "
        "mentors. Ask your programme manager if you think this is a mistake."
    ) % {"programme": programme.name}


def application_blocker(*, programme: Programme, enrollment: Enrollment | None) -> str | None:
    """Why this person may not write an application now, in words for them; None if they may."""
    if enrollment is not None and enrollment.role == Role.MENTEE:
        return mentee_conflict_message(programme)
    if programme.status != ProgrammeStatus.RECRUITING:
        return _("Applications to “%(programme)s” are closed.") % {"programme": programme.name}
    if enrollment is None and programme.mentor_applications != MentorApplications.OPEN:
        return _(
            "Mentors of “%(programme)s” are invited by the programme manager: applications "
            "are open to invited people only. Ask your programme manager if you would like "
            "to mentor."
        ) % {"programme": programme.name}
    if enrollment is not None and enrollment.status not in EDITABLE_STATUSES:
        return _(
            "Your application has been decided: it can no longer be changed. Ask your "
            "programme manager if something is wrong."
        )
    return None


def _check_items(items: list[ItemInput], skill_names: Mapping[int, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for item in items:
        if item.level >= EVIDENCE_FROM_LEVEL and not item.evidence.strip():
            errors[f"evidence_{item.skill_id}"] = _(
                "Give a link or a sentence that shows your level in “%(skill)s”."
            ) % {"skill": skill_names.get(item.skill_id, item.skill_id)}
    return errors


@transaction.atomic
def submit_application(
    *,
    programme: Programme,
    person,
    motivation: str,
    commitment: int,
    capacity: int,
    items: Iterable[ItemInput],
    preferences: Mapping[str, Any],
) -> MentorApplication:
    """Apply (or re-apply, or edit the application) as a mentor of ``programme``, all at once.

    Creates the mentor enrolment for a spontaneous candidate, or uses the invitation. Writes the
    application, the mentor proficiency assessment (``skills``) and the preferences
    (``programmes``) in one transaction: any invalid part raises ``ValidationError`` (a dict
    keyed by field where one applies) and nothing is written. The enrolment ends "applied".
    """
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(programme=programme, person=person)
        .select_related("programme", "person")
        .first()
    )
    blocker = application_blocker(programme=programme, enrollment=enrollment)
    if blocker:
        raise ValidationError(blocker, code="cannot_apply")
    items = list(items)
    skill_names = {s.pk: s.name for s in programme.skills.all()}
    errors: dict[str, str] = _check_items(items, skill_names)
    if not (motivation or "").strip():
        errors["motivation"] = _("Say in a few words why you want to mentor.")
    if commitment not in Commitment.values:
        errors["commitment"] = _("Choose how much time you can give.")
    if not isinstance(capacity, int) or not 1 <= capacity <= programme.max_mentor_capacity:
        most = programme.max_mentor_capacity
        errors["capacity"] = ngettext(
            "Choose %(max)d mentee: the programme allows no more.",
            "Choose between 1 and %(max)d mentees.",
            most,
        ) % {"max": most}
    if errors:
        raise ValidationError(errors)

    if enrollment is None:
        enrollment = Enrollment(programme=programme, person=person, role=Role.MENTOR)
    enrollment.status = EnrollmentStatus.APPLIED
    enrollment.capacity = capacity
    enrollment.save()
    application, _created = MentorApplication.objects.update_or_create(
        enrollment=enrollment,
        defaults={
            "motivation": motivation.strip(),
            "commitment": commitment,
            "submitted_at": timezone.now(),
        },
    )
    application.full_clean()
    save_assessment(enrollment=enrollment, kind=AssessmentKind.MENTOR, items=items, submit=True)
    save_preferences(enrollment=enrollment, **preferences)
    return application


@transaction.atomic
def withdraw_application(*, enrollment: Enrollment) -> Enrollment:
    """The candidate leaves the pool, without penalty or trace: reviews and decisions go.

    What they wrote stays theirs (and pre-fills the form if they apply again later).
    """
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.role != Role.MENTOR or enrollment.status not in WITHDRAWABLE_STATUSES:
        raise ValidationError(_("There is no application to withdraw."))
    application = MentorApplication.objects.filter(enrollment=enrollment).first()
    if application is not None:
        application.reviews.all().delete()
        application.decisions.all().delete()
        application.decided_by = None
        application.decided_at = None
        application.decision_reason = ""
        application.submitted_at = None
        application.save()
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save(update_fields=["status", "updated_at"])
    return enrollment


def _check_in_pool(application: MentorApplication) -> None:
    if application.enrollment.status not in DECIDABLE_STATUSES:
        raise ValidationError(_("This candidate is no longer in the pool."))


@transaction.atomic
def save_review(
    *,
    application: MentorApplication,
    reviewer,
    clarity: int,
    listening: int,
    adaptability: int,
    willingness: int,
    comment: str = "",
) -> MentorReview:
    """Create or replace ``reviewer``'s structured review of a candidate (ratings 1-5)."""
    _check_in_pool(application)
    review = MentorReview.objects.filter(application=application, reviewer=reviewer).first()
    review = review or MentorReview(application=application, reviewer=reviewer)
    review.clarity, review.listening = clarity, listening
    review.adaptability, review.willingness = adaptability, willingness
    review.comment = comment.strip()
    review.full_clean()
    review.save()
    return review


@acted_by
@transaction.atomic
def decide_application(
    *, application: MentorApplication, by, decision: str, reason: str = "", base_url: str = ""
) -> MentorApplication:
    """Approve or decline a candidate (a reason is required to decline); may be changed later.

    Records who and when, moves the enrolment to accepted / declined, and e-mails the candidate
    in their language once the transaction commits, each time a decision is taken.
    """
    _check_in_pool(application)
    reason = (reason or "").strip()
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose to approve or decline.")})
    if decision == Decision.DECLINED and not reason:
        raise ValidationError(
            {"reason": _("Say why the candidate is declined: they will read it.")}
        )
    now = timezone.now()
    MentorDecision.objects.create(
        application=application, decision=decision, reason=reason, decided_by=by, decided_at=now
    )
    application.decided_by, application.decided_at = by, now
    application.decision_reason = reason
    application.save(update_fields=["decided_by", "decided_at", "decision_reason", "updated_at"])
    enrollment = application.enrollment
    enrollment.status = decision  # the decision values are enrolment statuses
    enrollment.save(update_fields=["status", "updated_at"])
    record(
        event=Event.MENTOR_DECISION, actor=by, target=application, details={"decision": decision}
    )
    transaction.on_commit(lambda: send_decision_email(application=application, base_url=base_url))
    return application


@transaction.atomic
def decide_applications(
    *,
    programme: Programme,
    application_ids: Iterable[int],
    by,
    decision: str,
    reason: str = "",
    base_url: str = "",
) -> list[MentorApplication]:
    """Approve or decline several candidates of ``programme`` with one shared reason, all or
    nothing: each goes through ``decide_application`` (history, audit, e-mail in the
    candidate's language once committed).

    Only candidates waiting for a decision can be decided together: if any chosen one was
    already decided or has left the pool, nothing changes and the ``ValidationError`` names
    each one and why (a changed decision is taken on the candidate's own page).
    """
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        raise ValidationError(_("Tick at least one candidate."), code="none_chosen")
    # Lock the enrolments so that two managers deciding at once cannot both decide one.
    locked = Enrollment.objects.select_for_update().filter(
        application__pk__in=ids, programme=programme, role=Role.MENTOR
    )
    list(locked)
    applications = {
        a.pk: a
        for a in MentorApplication.objects.filter(
            pk__in=ids, enrollment__programme=programme, enrollment__role=Role.MENTOR
        ).select_related("enrollment__person", "enrollment__programme")
    }
    problems: list[str] = []
    gone = 0
    for pk in ids:
        application = applications.get(pk)
        status = application.enrollment.status if application else None
        if status == EnrollmentStatus.APPLIED:
            continue
        if status in (EnrollmentStatus.ACCEPTED, EnrollmentStatus.DECLINED):
            values = {
                "name": application.enrollment.person.full_name,
                "date": formats.date_format(
                    timezone.localtime(application.decided_at), "SHORT_DATE_FORMAT"
                )
                if application.decided_at
                else "—",
            }
            if status == EnrollmentStatus.ACCEPTED:
                message = _(
                    "%(name)s: already approved (%(date)s). Change a decision from the "
                    "candidate's own page."
                )
            else:
                message = _(
                    "%(name)s: already declined (%(date)s). Change a decision from the "
                    "candidate's own page."
                )
            problems.append(message % values)
        else:  # withdrawn since the page was shown, or not a candidate of this programme
            gone += 1
    if gone:
        problems.append(
            ngettext(
                "%(count)d chosen candidate is no longer in the pool (withdrawn since the page "
                "was shown).",
                "%(count)d chosen candidates are no longer in the pool (withdrawn since the page "
                "was shown).",
                gone,
            )
            % {"count": gone}
        )
    if problems:
        raise ValidationError(problems, code="cannot_decide")
    return [
        decide_application(
            application=applications[pk],
            by=by,
            decision=decision,
            reason=reason,
            base_url=base_url,
        )
        for pk in ids
    ]


def send_decision_email(*, application: MentorApplication, base_url: str = "") -> None:
    """Tell the candidate the decision, in their own language (the account's, else the site's)."""
    enrollment = application.enrollment
    person = enrollment.person
    if has_left(person):  # decided for the record, after they left: nobody to tell
        return
    user = getattr(person, "user", None)
    address = user.email if user is not None else person.email
    if not address:
        return
    language = (user.language if user is not None else "") or settings.LANGUAGE_CODE
    programme = enrollment.programme
    accepted = enrollment.status == EnrollmentStatus.ACCEPTED
    with translation.override(language):
        context = {
            "person": person,
            "programme": programme,
            "reason": application.decision_reason,
            "link": base_url + reverse("selection:apply", args=[programme.slug]),
        }
        subject = _("%(programme)s — your mentor application: %(decision)s") % {
            "programme": programme.name,
            "decision": enrollment.get_status_display(),
        }
        template = (
            "selection/email/application_accepted.txt"
            if accepted
            else "selection/email/application_declined.txt"
        )
        body = render_to_string(template, context)
    send_mail(subject, body, None, [address])
