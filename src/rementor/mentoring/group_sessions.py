"""Group sessions: the group's mentor plans one meeting for the whole group, and it is
written as one session per pair in the group (sharing a ``group_key``), all or nothing, so
each pair's history, analytics and calendar feed stay right. Logging it as held, or
cancelling it, applies to every pair's session of it.

Invitations: each mentee gets their own session's; the mentor gets one, for the first pair's
session, so the meeting is one event in the mentor's calendar, and it names the group (its
name, or its mentees'), not the first pair's mentee. Rescheduling a group session
is done by cancelling and planning again."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from rementor.audit.events import acted_by
from rementor.matching.models import PairStatus
from rementor.mentoring.group_queries import sessions_of_key
from rementor.mentoring.models import MentoringGroup, MentoringSession, SessionMode, SessionStatus
from rementor.mentoring.models.sessions import jitsi_url
from rementor.mentoring.queries import private_note_of
from rementor.mentoring.sessions import (
    clean_meeting_url,
    invite_all,
    locked_pair,
    log_session,
    new_planned_session,
    new_video_room,
)
from rementor.programmes.models import VideoTool


def _ensure_mentor(group: MentoringGroup, by) -> None:
    if getattr(by, "person_id", None) != group.mentor.person_id:
        raise ValidationError(_("Only the group's mentor can plan and log its sessions."))


def _group_partner(group: MentoringGroup, sessions: list[MentoringSession]) -> Callable[[], str]:
    """Who the mentor meets, said in the language active when called (each recipient's)."""
    names = sorted(s.pair.mentee.person.full_name for s in sessions)

    def said() -> str:
        if group.name:
            return _("the group “%(name)s”") % {"name": group.name}
        return _("your group: %(names)s") % {"names": get_text_list(names, _("and"))}

    return said


def _video_link(group: MentoringGroup, mode: str, meeting_url: str) -> str:
    """One link for the whole group: the typed one, else (programme with Jitsi rooms) a room
    made for this group session, written as the link of every pair's session."""
    if mode != SessionMode.REMOTE:
        return ""
    url = clean_meeting_url(meeting_url)
    if not url and group.programme.video_tool == VideoTool.JITSI:
        url = jitsi_url(new_video_room())
    return url


@acted_by
@transaction.atomic
def plan_group_session(
    *,
    group: MentoringGroup,
    by,
    starts_at: dt.datetime,
    time_zone: str,
    duration_minutes: int,
    mode: str = SessionMode.REMOTE,
    location: str = "",
    agenda: str = "",
    meeting_url: str = "",
    base_url: str = "",
) -> list[MentoringSession]:
    """Plan a session of the group: one planned session per active pair of the group, the
    same key, time, place and agenda; everyone invited. Refused whole if one pair's session
    cannot be planned (a pair closed, a time outside the programme) or an invitation cannot
    be sent."""
    group = MentoringGroup.objects.select_related("programme", "mentor").get(pk=group.pk)
    if not group.programme.group_mentoring:
        raise ValidationError(_("This programme does not allow group mentoring."))
    _ensure_mentor(group, by)
    pairs = [
        locked_pair(m.pair, by)
        for m in group.members.filter(pair__status=PairStatus.ACTIVE).order_by("pk")
    ]
    if not pairs:
        raise ValidationError(_("The group has no active pair to meet with."))
    link = _video_link(group, mode, meeting_url)
    key = uuid.uuid4()
    sessions = []
    for pair in pairs:
        session = new_planned_session(
            pair=pair,
            by=by,
            starts_at=starts_at,
            time_zone=time_zone,
            duration_minutes=duration_minutes,
            mode=mode,
            location=location,
            agenda=agenda,
            group_key=key,
        )
        session.meeting_url = link
        session.full_clean(exclude=["pair", "created_by", "logged_by", "skills"])
        session.save()
        sessions.append(session)
    invite_all(
        sessions=sessions,
        kind="request",
        base_url=base_url,
        once_person_id=group.mentor.person_id,
        mentor_partner=_group_partner(group, sessions),
    )
    return sessions


def _planned(group: MentoringGroup, key) -> list[MentoringSession]:
    sessions = list(
        sessions_of_key(group, key).select_for_update().select_related("pair__programme")
    )
    if not sessions:
        raise ValidationError(_("This group session does not exist."))
    if any(s.status != SessionStatus.PLANNED for s in sessions):
        raise ValidationError(_("Only a planned group session can be changed."))
    return sessions


@acted_by
@transaction.atomic
def cancel_group_session(
    *, group: MentoringGroup, by, key, base_url: str = ""
) -> list[MentoringSession]:
    """Cancel a planned group session: every pair's session of it, one METHOD:CANCEL each
    to the mentees and one to the mentor (the UIDs they were invited with)."""
    _ensure_mentor(group, by)
    sessions = _planned(group, key)
    for session in sessions:
        session.status = SessionStatus.CANCELLED
        session.sequence += 1
        session.save(update_fields=["status", "sequence", "updated_at"])
    invite_all(
        sessions=sessions,
        kind="cancel",
        base_url=base_url,
        once_person_id=group.mentor.person_id,
        mentor_partner=_group_partner(group, sessions),
    )
    return sessions


@acted_by
@transaction.atomic
def log_group_session_held(*, group: MentoringGroup, by, key) -> list[MentoringSession]:
    """Log a planned group session as held for every pair of it, each through the pair's own
    rules (charter accepted, the session started). What each pair wrote on its session, and
    the mentor's private notes, are kept as they are."""
    _ensure_mentor(group, by)
    sessions = _planned(group, key)
    for session in sessions:
        note = private_note_of(session, by)
        log_session(
            session=session,
            by=by,
            status=SessionStatus.HELD,
            skills=list(session.skills.all()),
            shared_notes=session.shared_notes,
            private_note=note.text if note else "",
        )
    return sessions
