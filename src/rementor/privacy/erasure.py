"""Erasure: a participant asks, a programme manager confirms or declines; the person is
anonymised in one transaction.

What anonymisation keeps and what it removes:

- the ``Person`` row stays (pairs, enrolments and aggregates hang off it) with a placeholder
  name (“Erased person no. 12”, in the site's language), no e-mail, a placeholder employee
  ID, no job title, site or manager links; only the department stays, for the aggregates
  that hide groups under five;
- the login is deactivated as for anyone who leaves (``people.domain.deactivate_person``:
  open sessions ended, API tokens revoked, running pairs on the manager's at-risk list),
  then left without a usable password, roles, address or tokens;
- their private notes and the messages they wrote in their pairs' threads are deleted; every
  text they typed (shared notes they logged, agenda,
  place and video call link of sessions they planned, pulse comments and their sharing,
  check-in comments, ideas, concerns, mentor application, assessment wishes and evidence,
  their side of the charter, objectives and tasks that are theirs) is cleared, and so is
  what others wrote *about* them (reviews, decision reasons, the pair's end reason);
- levels, scores, dates, statuses and pair existence survive, and so do the other member's
  own records (their private notes, their objectives, their comments);
- the audit trail, import previews, login-attempt records and reminder logs are scrubbed of
  their name and address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rementor.audit.events import Departure
from rementor.circles.models import Attendance, CircleMeeting, CircleMember
from rementor.matching.models import Pair, PairProposal
from rementor.mentoring.models import (
    CheckIn,
    Concern,
    GroupObjective,
    Idea,
    MentoringGroup,
    MentoringSession,
    MessageThreadState,
    Objective,
    ObjectiveChange,
    PairCharter,
    PairMessage,
    PracticeTask,
    PrivateNote,
    Pulse,
    ReciprocalPhase,
    ReminderLog,
    ReminderOptOut,
)
from rementor.people.domain import deactivate_person
from rementor.people.models import ImportBatch, Person, PersonChange, User
from rementor.privacy.models import Erasure, ErasureCause, ErasureRequest, ErasureStatus
from rementor.selection.models import MentorApplication, MentorDecision, MentorReview
from rementor.skills.models import Assessment, AssessmentItem

REASON_MAX = 500


# ------------------------------------------------------------------------- requests


def pending_request(person: Person | None) -> ErasureRequest | None:
    if person is None:
        return None
    return ErasureRequest.objects.filter(person=person, status=ErasureStatus.PENDING).first()


@transaction.atomic
def request_erasure(*, user: User, reason: str = "") -> ErasureRequest:
    """Record the signed-in participant's request (at most one pending at a time)."""
    person = user.person
    if person is None:
        raise ValidationError(_("Your account has no employee record to erase."))
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if pending_request(person) is not None:
        raise ValidationError(_("You have already asked: a programme manager will answer soon."))
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Keep it under %(max)s characters.") % {"max": REASON_MAX}}
        )
    return ErasureRequest.objects.create(person=person, requested_by=user, reason=reason)


@transaction.atomic
def withdraw_request(*, user: User) -> ErasureRequest | None:
    """The participant changed their mind: the pending request is withdrawn (if any)."""
    request = pending_request(user.person)
    if request is None:
        return None
    request.status = ErasureStatus.WITHDRAWN
    request.reason = ""
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "reason", "decided_at"])
    return request


def _pending_locked(erasure_request: ErasureRequest) -> ErasureRequest:
    locked = ErasureRequest.objects.select_for_update().get(pk=erasure_request.pk)
    if locked.status != ErasureStatus.PENDING:
        raise ValidationError(_("This request has already been answered."))
    return locked


@dataclass(frozen=True)
class _Recipient:
    address: str
    language: str
    first_name: str


def _recipient(person: Person) -> _Recipient | None:
    user = getattr(person, "user", None)
    address = (user.email if user is not None else "") or person.email or ""
    if not address or address.endswith(ERASED_DOMAIN):
        return None
    language = (user.language if user is not None else "") or settings.LANGUAGE_CODE
    return _Recipient(address=address, language=language, first_name=person.first_name)


def _render(recipient: _Recipient | None, template: str, **context: Any) -> tuple[str, str]:
    if recipient is None:
        return "", ""
    with translation.override(recipient.language):
        body = render_to_string(template, {"first_name": recipient.first_name, **context})
        subject = (
            _("Rementor — your personal data has been erased")
            if "confirmed" in template
            else _("Rementor — your erasure request")
        )
    return subject, body


@transaction.atomic
def decline_request(
    *, erasure_request: ErasureRequest, by: User, reason: str, base_url: str = ""
) -> ErasureRequest:
    """Decline with a reason; the person reads it in an e-mail in their language."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the request is declined: the person will read it.")}
        )
    locked = _pending_locked(erasure_request)
    locked.status = ErasureStatus.DECLINED
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.decision_reason = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    recipient = _recipient(locked.person)
    subject, body = _render(
        recipient,
        "privacy/email/erasure_declined.txt",
        reason=reason,
        link=base_url + reverse("privacy:profile"),
    )
    if recipient is not None:
        transaction.on_commit(lambda: send_mail(subject, body, None, [recipient.address]))
    return locked


@transaction.atomic
def confirm_request(*, erasure_request: ErasureRequest, by: User) -> ErasureRequest:
    """Confirm: anonymise the person now and tell them (at the address being erased, which is
    read before it goes)."""
    locked = _pending_locked(erasure_request)
    recipient = _recipient(locked.person)
    subject, body = _render(recipient, "privacy/email/erasure_confirmed.txt")
    locked.status = ErasureStatus.CONFIRMED
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    anonymise_person(person=locked.person, by=by, cause=ErasureCause.REQUEST)
    if recipient is not None:
        transaction.on_commit(lambda: send_mail(subject, body, None, [recipient.address]))
    return locked


# -------------------------------------------------------------------- anonymisation

ERASED_DOMAIN = "@erased.invalid"  # RFC 2606: never delivered anywhere


def placeholder_name(person: Person) -> tuple[str, str]:
    """(first name, last name) standing in for an erased person, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Erased person"), _("no. %(number)s") % {"number": person.pk}


def is_erased(person: Person) -> bool:
    return Erasure.objects.filter(person=person).exists()


@dataclass(frozen=True)
class _Identity:
    """What identified the person before anonymisation, to find it in stored texts."""

    full_name: str
    reversed_name: str
    emails: frozenset[str]
    employee_id: str

    @property
    def needles(self) -> list[str]:
        return [n for n in (self.full_name, self.reversed_name, *self.emails) if len(n) >= 3]


@transaction.atomic
def anonymise_person(
    *, person: Person, by: User | None, cause: str = ErasureCause.REQUEST
) -> Erasure:
    """Anonymise ``person`` for good (see the module docstring); does nothing twice.

    The writes are not tracked by auditlog (the before/after values would copy what is being
    erased): the caller records one ERASURE_CONFIRMED or PURGE event instead."""
    from auditlog.context import disable_auditlog

    with disable_auditlog():
        return _anonymise(person=person, by=by, cause=cause)


def _anonymise(*, person: Person, by: User | None, cause: str) -> Erasure:
    person = Person.objects.select_for_update().get(pk=person.pk)
    existing = Erasure.objects.filter(person=person).first()
    if existing is not None:
        return existing
    # Access is closed as for anyone who leaves (sessions ended, tokens revoked, running
    # pairs on the manager's at-risk list); anonymisation then goes further.
    deactivate_person(person=person, by=by, reason=Departure.ERASURE)
    user = User.objects.filter(person=person).first()
    identity = _Identity(
        full_name=person.full_name,
        reversed_name=f"{person.last_name} {person.first_name}".strip(),
        emails=frozenset(e for e in (person.email, user.email if user else None) if e),
        employee_id=person.employee_id,
    )
    first, last = placeholder_name(person)
    replacement = f"{first} {last}"

    person.first_name, person.last_name = first, last
    person.email = None
    person.employee_id = f"erased-{person.pk}"
    person.job_title = ""
    person.site = ""
    person.manager = None
    person.is_active = False
    person.save()
    Person.objects.filter(manager=person).update(manager=None)
    # Job titles and departments over time would tell who this was; the audit trail keeps
    # its own entries (departures), which name no one once the person is anonymised.
    PersonChange.objects.filter(person=person).delete()

    if user is not None:
        user.email = f"erased-{user.pk}{ERASED_DOMAIN}"
        user.set_unusable_password()
        user.is_active = False
        user.is_programme_manager = False
        user.is_sponsor = False
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        PrivateNote.objects.filter(author=user).delete()
        PairMessage.objects.filter(author=user).delete()
        MessageThreadState.objects.filter(user=user).delete()
        Concern.objects.filter(author=user).update(text="", resolution_note="")
        Idea.objects.filter(author=user).update(
            title=placeholder_text(gettext_noop("Idea")), description=""
        )
        ReminderLog.objects.filter(user=user).delete()
        ReminderOptOut.objects.filter(user=user).delete()
        MentoringSession.objects.filter(logged_by=user).update(shared_notes="")
        # A group note they last wrote is cleared, as the session notes they logged are.
        MentoringGroup.objects.filter(note_updated_by=user).update(
            shared_note="", note_updated_by=None
        )
        MentoringGroup.objects.filter(created_by=user).update(created_by=None)
        # A group objective stays the group's (as a circle's note does), without its author.
        GroupObjective.objects.filter(created_by=user).update(created_by=None)
        MentoringSession.objects.filter(created_by=user).update(
            agenda="", location="", meeting_url=""
        )
        ObjectiveChange.objects.filter(changed_by=user).update(reason="")
        PracticeTask.objects.filter(created_by=user).update(
            title=placeholder_text(gettext_noop("Practice task")), description=""
        )
        # Their edits of circle notes become anonymous; the note stays the circle's.
        CircleMeeting.objects.filter(note_updated_by=user).update(note_updated_by=None)
        CircleMeeting.objects.filter(created_by=user).update(created_by=None)
        Attendance.objects.filter(recorded_by=user).update(recorded_by=None)
        _delete_api_tokens(user)

    scrub_free_texts(enrollments=person.enrollments.all())
    CircleMember.objects.filter(enrollment__person=person).delete()
    Attendance.objects.filter(enrollment__person=person).delete()
    ErasureRequest.objects.filter(person=person).update(reason="")

    _scrub_import_batches(identity, replacement)
    _scrub_audit_trail(identity, replacement, person=person, user=user)
    _scrub_login_attempts(identity)
    return Erasure.objects.create(person=person, cause=cause, erased_by=by)


def _delete_api_tokens(user: User) -> None:
    # The API app's tokens (named by their owner): useless once the account is inactive,
    # removed all the same.
    from django.apps import apps

    try:
        token_model = apps.get_model("api", "ApiToken")
    except LookupError:
        return
    token_model.objects.filter(user=user).delete()


def placeholder_text(label: str) -> str:
    """Stands in for an erased text; ``label`` is marked with ``gettext_noop``."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(what)s (erased)") % {"what": _(label)}


def scrub_free_texts(*, enrollments: Iterable[Any]) -> dict[str, int]:
    """Clear what was typed by, or about, the people of ``enrollments`` (a queryset), keeping
    levels, scores, dates and statuses. Used by erasure and by the retention purge.

    Returns how many records of each kind held text that was cleared."""
    counts: dict[str, int] = {}

    def clear(name: str, queryset, **values) -> None:
        lookup = Q()
        for key, value in values.items():
            lookup |= ~Q(**{key: value})
        counts[name] = counts.get(name, 0) + queryset.filter(lookup).update(**values)

    clear(
        "mentor_applications",
        MentorApplication.objects.filter(enrollment__in=enrollments),
        motivation="",
        decision_reason="",
    )
    clear(
        "mentor_reviews",
        MentorReview.objects.filter(application__enrollment__in=enrollments),
        comment="",
    )
    clear(
        "mentor_decisions",
        MentorDecision.objects.filter(application__enrollment__in=enrollments),
        reason="",
    )
    clear("assessments", Assessment.objects.filter(enrollment__in=enrollments), wishes="")
    clear(
        "assessment_evidence",
        AssessmentItem.objects.filter(assessment__enrollment__in=enrollments),
        evidence="",
    )
    clear("pulses", Pulse.objects.filter(author__in=enrollments), comment="", comment_shared=False)
    clear("check_ins", CheckIn.objects.filter(author__in=enrollments), highlight="", improve="")

    as_mentee = Pair.objects.filter(mentee__in=enrollments)
    as_mentor = Pair.objects.filter(mentor__in=enrollments)
    clear("pairs", Pair.objects.filter(Q(pk__in=as_mentee) | Q(pk__in=as_mentor)), status_reason="")
    # Consent to the pair: a decline's reason, and a manager's reason about the person.
    clear(
        "proposals",
        PairProposal.objects.filter(Q(mentee__in=enrollments) | Q(mentor__in=enrollments)),
        decline_reason="",
        override_reason="",
    )
    clear("charters", PairCharter.objects.filter(pair__in=as_mentee), mentee_commitments="")
    clear("charters", PairCharter.objects.filter(pair__in=as_mentor), mentor_commitments="")
    # The role swap's topic in the junior's own words (the junior is the pair's mentor).
    clear("reciprocal_topics", ReciprocalPhase.objects.filter(pair__in=as_mentor), topic_text="")
    own_objectives = Objective.objects.filter(
        Q(pair__in=as_mentee, owner="mentee") | Q(pair__in=as_mentor, owner="mentor")
    )
    ObjectiveChange.objects.filter(objective__in=own_objectives).update(
        reason="", before={}, after={}
    )
    clear(
        "objectives",
        own_objectives,
        title=placeholder_text(gettext_noop("Objective")),
        success_criterion="",
    )
    # Practice tasks are the mentee's: their evidence goes with them.
    clear(
        "task_evidence",
        PracticeTask.objects.filter(pair__in=as_mentee),
        evidence_link="",
        evidence_note="",
    )
    return {name: n for name, n in counts.items() if n}


# Keys of stored import previews that never hold a person's data.
_STRUCTURAL_KEYS = frozenset({"action", "code", "column", "row", "pk", "status", "valid"})


def _mentions(value: Any, identity: _Identity) -> bool:
    """Whether a stored record (dict or list of cells) holds one of the person's
    identifiers exactly: such a record is about them."""
    identifiers = {identity.employee_id, *identity.emails}
    cells = value.values() if isinstance(value, dict) else value
    return any(isinstance(c, str) and c.strip().lower() in identifiers for c in cells) or any(
        isinstance(c, str) and c.strip() == identity.employee_id for c in cells
    )


def _scrub_json(value: Any, identity: _Identity, replacement: str, *, wipe: bool = False) -> Any:
    """``value`` with the person's identifiers gone: records about them lose every text,
    other texts lose any mention of their name or address."""
    if isinstance(value, dict):
        wipe = wipe or _mentions(value, identity)
        return {
            k: v if k in _STRUCTURAL_KEYS else _scrub_json(v, identity, replacement, wipe=wipe)
            for k, v in value.items()
        }
    if isinstance(value, list):
        wipe = wipe or _mentions(value, identity)
        return [_scrub_json(v, identity, replacement, wipe=wipe) for v in value]
    if isinstance(value, str):
        if wipe:
            return ""
        return _replace_mentions(value, identity, replacement)
    return value


def _replace_mentions(text: str, identity: _Identity, replacement: str) -> str:
    lowered = text.lower()
    for needle in identity.needles:
        start = lowered.find(needle.lower())
        while start != -1:
            text = text[:start] + replacement + text[start + len(needle) :]
            lowered = text.lower()
            start = lowered.find(needle.lower(), start + len(replacement))
    return text


_IMPORT_JSON_FIELDS = ("errors", "warnings", "table", "rows", "plan")


def _scrub_import_batches(identity: _Identity, replacement: str) -> int:
    """Import previews keep the validated rows: remove the person's from every batch. A batch
    not applied yet can no longer be (its preview no longer matches its file)."""
    from rementor.people.models import ImportStatus

    changed = 0
    for batch in ImportBatch.objects.select_for_update().only("pk", "status", *_IMPORT_JSON_FIELDS):
        updates = {}
        for name in _IMPORT_JSON_FIELDS:
            before = getattr(batch, name)
            after = _scrub_json(before, identity, replacement)
            if after != before:
                updates[name] = after
        if updates:
            if batch.status in (ImportStatus.MAPPING, ImportStatus.PREVIEWED):
                updates["status"] = ImportStatus.FAILED
            ImportBatch.objects.filter(pk=batch.pk).update(**updates)
            changed += 1
    return changed


def _scrub_audit_trail(
    identity: _Identity, replacement: str, *, person: Person, user: User | None
) -> int:
    """django-auditlog entries: about the person or their account, by them, or naming them."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    subjects = Q(content_type=ContentType.objects.get_for_model(Person), object_pk=str(person.pk))
    if user is not None:
        subjects |= Q(content_type=ContentType.objects.get_for_model(User), object_pk=str(user.pk))
        LogEntry.objects.filter(actor=user).update(actor_email=None, remote_addr=None)
    changed = LogEntry.objects.filter(subjects).update(
        object_repr=replacement, changes={}, changes_text="", serialized_data=None
    )
    if not identity.needles:
        return changed
    mentions = Q()
    for needle in identity.needles:
        mentions |= (
            Q(object_repr__icontains=needle)
            | Q(changes_text__icontains=needle)
            | Q(actor_email__iexact=needle)
        )
    text_fields = ("object_repr", "changes_text", "actor_email", "changes", "serialized_data")
    text_fields += ("additional_data",)
    for entry in LogEntry.objects.filter(mentions).only("pk", *text_fields):
        updates = {
            "object_repr": _replace_mentions(entry.object_repr, identity, replacement),
            "changes_text": _replace_mentions(entry.changes_text or "", identity, replacement),
            "changes": _scrub_json(entry.changes, identity, replacement),
            "serialized_data": _scrub_json(entry.serialized_data, identity, replacement),
            "additional_data": _scrub_json(entry.additional_data, identity, replacement),
        }
        if (entry.actor_email or "").lower() in identity.emails:
            updates["actor_email"] = None
        LogEntry.objects.filter(pk=entry.pk).update(**updates)
        changed += 1
    # JSON columns cannot be searched portably: walk the entries whose JSON may name them.
    rest = LogEntry.objects.exclude(changes={}).exclude(changes=None).exclude(mentions)
    for entry in rest.only("pk", "changes", "serialized_data").iterator(chunk_size=2000):
        changes = _scrub_json(entry.changes, identity, replacement)
        serialized = _scrub_json(entry.serialized_data, identity, replacement)
        if changes != entry.changes or serialized != entry.serialized_data:
            LogEntry.objects.filter(pk=entry.pk).update(changes=changes, serialized_data=serialized)
            changed += 1
    return changed


def _scrub_login_attempts(identity: _Identity) -> None:
    """django-axes keeps the typed username (the e-mail address) of sign-in attempts."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        lookup = Q()
        for email in identity.emails:
            lookup |= Q(username__iexact=email)
        if identity.emails:
            if model is AccessAttempt:
                model.objects.filter(lookup).delete()
            else:
                model.objects.filter(lookup).update(username=None, ip_address=None)
