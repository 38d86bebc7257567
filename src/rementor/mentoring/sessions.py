"""Writes on sessions: plan, reschedule, cancel (each sends a calendar invitation to both
members), log (held / cancelled / no-show, skills, shared notes), record a session that
already took place (no invitation) and private notes.

When a session may start is decided in ``session_window``; every write checks it before
saving. Invitations are built and sent inside the write, last: if one cannot be built or
sent, nothing is saved (the form says so, and the person can try again)."""

from __future__ import annotations

import datetime as dt
import secrets
import smtplib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import URLValidator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rementor.audit.events import acted_by
from rementor.core.formats import date_text
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.calendar import display_zone, session_ics
from rementor.mentoring.charter import charter_signed
from rementor.mentoring.models import MentoringSession, PrivateNote, SessionMode, SessionStatus
from rementor.mentoring.models.sessions import MEETING_URL_MAX_LENGTH, MEETING_URL_SCHEMES
from rementor.mentoring.phases import current_phase
from rementor.mentoring.rules import member_role
from rementor.mentoring.session_window import Timing, check_session_time
from rementor.mentoring.tasks import queue_calendar_push
from rementor.people.models import User
from rementor.people.queries import reachable_users
from rementor.programmes.models import VideoTool
from rementor.skills.models import Skill

LOGGED = (SessionStatus.HELD, SessionStatus.CANCELLED, SessionStatus.NO_SHOW)


def ensure_open(pair: Pair) -> None:
    """Completed and ended pairs are read-only."""
    if pair.status == PairStatus.COMPLETED:
        raise ValidationError(
            _("This pair is completed: nothing can be added or changed any more.")
        )
    if pair.status == PairStatus.ENDED:
        raise ValidationError(_("This pair ended early: nothing can be added or changed any more."))


def _ensure_member(pair: Pair, user) -> None:
    if member_role(user, pair) is None:
        raise ValidationError(_("Only the two members of the pair can do this."))


def _ensure_charter(pair: Pair) -> None:
    if not charter_signed(pair):
        raise ValidationError(
            _("Both of you must accept the pair charter before sessions can be logged.")
        )


def member_users(pair: Pair) -> list[User]:
    """The login accounts of the pair's mentee and mentor that may be e-mailed (those who
    have one, and have not left the company)."""
    return list(
        reachable_users(
            User.objects.filter(person_id__in=[pair.mentee.person_id, pair.mentor.person_id])
        )
    )


# --- e-mails ---------------------------------------------------------------------------------

_EMAILS = {
    "request": ("mentoring/email/session_invitation.txt", "REQUEST"),
    "update": ("mentoring/email/session_update.txt", "REQUEST"),
    "cancel": ("mentoring/email/session_cancelled.txt", "CANCEL"),
}


def session_messages(
    *,
    session: MentoringSession,
    kind: str,
    base_url: str = "",
    skip_person_ids: Iterable[int] = (),
    mentor_partner: Callable[[], str] | None = None,
) -> list[EmailMessage]:
    """The invitations (``kind``: request, update or cancel) for both members, with the .ics
    attached, each in their own language — built, not sent. Never any agenda or note text.
    ``skip_person_ids``: members not to invite (a group's mentor, invited once for all).
    ``mentor_partner``: who the mentor meets, said in the active language (a group session's
    mentor meets the group, not this pair's mentee)."""
    template, method = _EMAILS[kind]
    session = MentoringSession.objects.select_related(
        "pair__programme", "pair__mentee__person__user", "pair__mentor__person__user"
    ).get(pk=session.pk)
    link = base_url + reverse("mentoring:session", args=[session.pk])
    zone = display_zone(session)
    starts_at = session.starts_at.astimezone(zone)
    messages = []
    skipped = set(skip_person_ids)
    for user in member_users(session.pair):
        if user.person_id in skipped:
            continue
        with (
            translation.override(user.language or settings.LANGUAGE_CODE),
            timezone.override(zone),
        ):
            if user.person_id == session.pair.mentee.person_id:
                partner = session.pair.mentor.person.full_name
            elif mentor_partner is not None:
                partner = mentor_partner()
            else:
                partner = session.pair.mentee.person.full_name
            context = {
                "session": session,
                "partner": partner,
                "starts_at": starts_at,
                "zone": str(zone),
                "link": link,
            }
            subjects = {
                "request": _("Session invitation: %(date)s with %(partner)s"),
                "update": _("Session moved: %(date)s with %(partner)s"),
                "cancel": _("Session cancelled: %(date)s with %(partner)s"),
            }
            subject = subjects[kind] % {
                "date": date_text(starts_at, "SHORT_DATETIME_FORMAT"),
                "partner": partner,
            }
            body = render_to_string(template, context)
            ics = session_ics(session, url=link)
        message = EmailMessage(subject, body, None, [user.email])
        message.attach("session.ics", ics, f"text/calendar; charset=utf-8; method={method}")
        messages.append(message)
    return messages


def send_session_emails(*, session: MentoringSession, kind: str, base_url: str = "") -> None:
    """E-mail both members the invitation (see ``session_messages``)."""
    messages = session_messages(session=session, kind=kind, base_url=base_url)
    get_connection().send_messages(messages)


def _invite(session: MentoringSession, kind: str, base_url: str) -> None:
    invite_all(sessions=[session], kind=kind, base_url=base_url)


def invite_all(
    *,
    sessions: Iterable[MentoringSession],
    kind: str,
    base_url: str = "",
    once_person_id: int | None = None,
    mentor_partner: Callable[[], str] | None = None,
) -> None:
    """Build and send the invitations of ``sessions`` over one connection, as the write's last
    step: a failure raises a ValidationError, so the writing transaction undoes the write.
    Once sent, the sessions' CalDAV push is queued for after the commit.
    ``once_person_id``: a member of every session (a group's mentor) invited to the first
    session only, so one group session is one event in their calendar; ``mentor_partner``:
    see ``session_messages``."""
    sessions = list(sessions)
    messages = [
        message
        for index, session in enumerate(sessions)
        for message in session_messages(
            session=session,
            kind=kind,
            base_url=base_url,
            skip_person_ids=[once_person_id] if index and once_person_id is not None else [],
            mentor_partner=mentor_partner,
        )
    ]
    try:
        get_connection(fail_silently=False).send_messages(messages)
    except (OSError, smtplib.SMTPException) as error:
        raise ValidationError(
            _("The invitations could not be sent, so nothing was saved: try again in a moment."),
            code="not_sent",
        ) from error
    queue_calendar_push(sessions=sessions, base_url=base_url)


# --- video calls -----------------------------------------------------------------------------

_MEETING_URL = URLValidator(schemes=list(MEETING_URL_SCHEMES))


def clean_meeting_url(url: str) -> str:
    """A typed video call link, trimmed: a web address (https or http), at most
    ``MEETING_URL_MAX_LENGTH`` characters; "" when none. Anything else — a ``javascript:``
    link, a file path, a word — is refused (ValidationError on ``meeting_url``)."""
    url = (url or "").strip()
    if not url:
        return ""
    message = _("Give the link of the video call, starting with https://.")
    if len(url) > MEETING_URL_MAX_LENGTH:
        raise ValidationError(
            {
                "meeting_url": _("Keep the link under %(max)s characters.")
                % {"max": MEETING_URL_MAX_LENGTH}
            }
        )
    try:
        _MEETING_URL(url)
    except ValidationError:
        raise ValidationError({"meeting_url": message}) from None
    return url


def new_video_room() -> str:
    """A Jitsi room name nobody can guess (128 random bits), recognisable as Rementor's."""
    return "Rementor-" + secrets.token_urlsafe(16)


def set_video(session: MentoringSession, *, tool: str, meeting_url: str | None) -> None:
    """The session's video call: the typed link (``None``: unchanged), or, for a programme
    with Jitsi rooms, a room made once, the first time the session is a video call. A session
    in person keeps no typed link (its room stays, unused, for if it goes back to video)."""
    if session.mode != SessionMode.REMOTE:
        session.meeting_url = ""
        return
    if meeting_url is not None:
        session.meeting_url = clean_meeting_url(meeting_url)
    if tool == VideoTool.JITSI and not session.video_room:
        session.video_room = new_video_room()


# --- planning --------------------------------------------------------------------------------


@acted_by
@transaction.atomic
def plan_session(
    *,
    pair: Pair,
    by,
    starts_at: dt.datetime,
    time_zone: str,
    duration_minutes: int,
    mode: str = SessionMode.REMOTE,
    location: str = "",
    agenda: str = "",
    meeting_url: str = "",
    base_url: str = "",
) -> MentoringSession:
    """Plan a session of an active pair and invite both members (.ics, METHOD:REQUEST).

    The start is checked against the planning window (``session_window``): from now on,
    within the programme, at most two years ahead. A session that already took place is
    recorded with ``record_session`` instead. A video call gets the typed ``meeting_url``
    (checked: ``clean_meeting_url``), or its own Jitsi room when the programme's video tool
    says so; the invitation carries it."""
    pair = locked_pair(pair, by)
    if pair.status == PairStatus.PAUSED:
        raise ValidationError(_("This pair is paused: resume it before planning a session."))
    session = new_planned_session(
        pair=pair,
        by=by,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        mode=mode,
        location=location,
        agenda=agenda,
    )
    set_video(session, tool=pair.programme.video_tool, meeting_url=meeting_url)
    session.save()
    _invite(session, "request", base_url)
    return session


def new_planned_session(
    *,
    pair: Pair,
    by,
    starts_at: dt.datetime,
    time_zone: str,
    duration_minutes: int,
    mode: str,
    location: str,
    agenda: str,
    group_key=None,
) -> MentoringSession:
    """An unsaved planned session of ``pair`` (alone, or one of a group session's), its time
    checked against the planning window, in the pair's current phase."""
    check_session_time(
        pair=pair,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        timing=Timing.PLANNED,
    )
    return MentoringSession(
        pair=pair,
        group_key=group_key,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        mode=mode,
        location=location.strip(),
        agenda=agenda.strip(),
        phase=current_phase(pair),
        created_by=by,
    )


def locked_pair(pair: Pair, by) -> Pair:
    """``pair`` locked for a write that adds a session: open, and ``by`` one of its members."""
    pair = Pair.objects.select_for_update().select_related("programme").get(pk=pair.pk)
    ensure_open(pair)
    _ensure_member(pair, by)
    return pair


def _locked(session: MentoringSession) -> MentoringSession:
    return (
        MentoringSession.objects.select_for_update()
        .select_related("pair__programme")
        .get(pk=session.pk)
    )


@acted_by
@transaction.atomic
def reschedule_session(
    *,
    session: MentoringSession,
    by,
    starts_at: dt.datetime,
    time_zone: str,
    duration_minutes: int,
    mode: str,
    location: str = "",
    agenda: str = "",
    meeting_url: str | None = None,
    base_url: str = "",
) -> MentoringSession:
    """Change a planned session; both members get the update (same UID, higher SEQUENCE).
    The new start follows the planning window, like a new session. ``meeting_url`` None
    keeps the typed video link; a Jitsi room, once made, stays the session's."""
    session = _locked(session)
    ensure_open(session.pair)
    _ensure_member(session.pair, by)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Only a planned session can be changed."))
    check_session_time(
        pair=session.pair,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        timing=Timing.PLANNED,
    )
    session.starts_at = starts_at
    session.time_zone = time_zone
    session.duration_minutes = duration_minutes
    session.mode = mode
    session.location = location.strip()
    session.agenda = agenda.strip()
    set_video(session, tool=session.pair.programme.video_tool, meeting_url=meeting_url)
    session.sequence += 1
    session.save()
    _invite(session, "update", base_url)
    return session


@acted_by
@transaction.atomic
def cancel_session(*, session: MentoringSession, by, base_url: str = "") -> MentoringSession:
    """Cancel a planned session; both members get a METHOD:CANCEL for the same UID."""
    session = _locked(session)
    ensure_open(session.pair)
    _ensure_member(session.pair, by)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Only a planned session can be cancelled."))
    session.status = SessionStatus.CANCELLED
    session.sequence += 1
    session.save(update_fields=["status", "sequence", "updated_at"])
    _invite(session, "cancel", base_url)
    return session


# --- logging ---------------------------------------------------------------------------------


def _programme_skills(pair: Pair, skills: Iterable[Skill]) -> list[Skill]:
    skills = list(skills)
    allowed = set(pair.programme.skills.values_list("pk", flat=True))
    if any(skill.pk not in allowed for skill in skills):
        raise ValidationError({"skills": _("Some skills are not part of this programme.")})
    return skills


def _write_log(
    session: MentoringSession,
    *,
    by,
    status: str,
    skills: list[Skill],
    shared_notes: str,
    private_note: str,
) -> None:
    session.status = status
    session.shared_notes = shared_notes.strip()
    session.logged_at = timezone.now()
    session.logged_by = by
    session.save()
    session.skills.set(skills)
    save_private_note(session=session, author=by, text=private_note)


@acted_by
@transaction.atomic
def log_session(
    *,
    session: MentoringSession,
    by,
    status: str,
    skills: Iterable[Skill] = (),
    shared_notes: str = "",
    private_note: str = "",
    base_url: str = "",
) -> MentoringSession:
    """Record what happened: held, cancelled or no-show, the programme's skills worked on,
    the notes both members read, and ``by``'s private note (kept apart, for ``by`` only).

    Refused until both members accepted the pair charter, and once the pair is closed.
    Held or no-show only once the session started (and not before the programme did).
    A planned session logged as cancelled also cancels the calendar invitations.
    """
    session = _locked(session)
    pair = session.pair
    ensure_open(pair)
    _ensure_member(pair, by)
    _ensure_charter(pair)
    if status not in LOGGED:
        raise ValidationError(_("Say whether the session was held, cancelled or a no-show."))
    if status in (SessionStatus.HELD, SessionStatus.NO_SHOW):
        check_session_time(
            pair=pair,
            starts_at=session.starts_at,
            time_zone=session.time_zone,
            duration_minutes=session.duration_minutes,
            timing=Timing.LOGGED,
        )
    if status != SessionStatus.HELD and session.pulses.exists():
        raise ValidationError(
            _("Pulses were already given for this session: it stays logged as held.")
        )
    skills = _programme_skills(pair, skills)
    cancels = session.status == SessionStatus.PLANNED and status == SessionStatus.CANCELLED
    if cancels:
        session.sequence += 1
    _write_log(
        session,
        by=by,
        status=status,
        skills=skills,
        shared_notes=shared_notes,
        private_note=private_note,
    )
    if cancels:
        _invite(session, "cancel", base_url)
    return session


@acted_by
@transaction.atomic
def record_session(
    *,
    pair: Pair,
    by,
    starts_at: dt.datetime,
    time_zone: str,
    duration_minutes: int,
    mode: str = SessionMode.REMOTE,
    location: str = "",
    skills: Iterable[Skill] = (),
    shared_notes: str = "",
    private_note: str = "",
) -> MentoringSession:
    """Record a session that already took place (entered afterwards), logged as held at once.

    Nobody is invited and no calendar e-mail is sent: it is over. The start must have
    passed, and lie after the programme's start and the pair's formation
    (``session_window``). Refused until both members accepted the pair charter, and once the
    pair is closed."""
    pair = locked_pair(pair, by)
    _ensure_charter(pair)
    check_session_time(
        pair=pair,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        timing=Timing.RECORDED,
    )
    skills = _programme_skills(pair, skills)
    session = MentoringSession(
        pair=pair,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        mode=mode,
        location=location.strip(),
        phase=current_phase(pair),
        created_by=by,
    )
    _write_log(
        session,
        by=by,
        status=SessionStatus.HELD,
        skills=skills,
        shared_notes=shared_notes,
        private_note=private_note,
    )
    return session


@transaction.atomic
def save_private_note(*, session: MentoringSession, author, text: str) -> PrivateNote | None:
    """Write (or, with an empty text, delete) ``author``'s private note on a session.

    Readable by its author only: never the other member, a manager, an export or an e-mail.
    """
    ensure_open(session.pair)
    _ensure_member(session.pair, author)
    text = text.strip()
    if not text:
        PrivateNote.objects.filter(session=session, author=author).delete()
        return None
    note, _created = PrivateNote.objects.update_or_create(
        session=session, author=author, defaults={"text": text}
    )
    return note
