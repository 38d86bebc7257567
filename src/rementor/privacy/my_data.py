"""“My data”: everything Rementor holds about one user, as plain structures, then as a ZIP.

:func:`collect` reads the database and returns :class:`MyData` (sections of flat rows, ready
for JSON and CSV); :func:`zip_bytes` writes it. Nothing here decides who may download: the
view does, and only ever for the signed-in user.

What is in it — the GDPR access right covers data *about* the person, not only what they
typed:

- their employee record and account (never the password hash);
- enrolments and invitations, every assessment they filled, their mentor applications
  with the decisions and the reviewers' scores and comments about them (an opinion about a
  person is personal data of that person), but not the reviewers' names (the reviewers'
  own data);
- their pairs (the partner's name, dates, status), the sessions of those pairs with the
  shared notes the pair sees anyway, and their OWN private notes only;
- objectives and tasks of their pairs, the pulses, check-ins, ideas and concerns they wrote,
  the messages they wrote in their pairs' threads, their training completions, reminder
  opt-outs and erasure requests; the history of their job title, department, leaving and
  coming back as the HRIS told it.

Never: the partner's private notes, pulses or check-ins, concerns written by anybody else,
the partner's messages. A message is its author's words: the reader sees them in the pair's
thread while the pair lasts, but a copy in a file that leaves Rementor would outlive the
author's own rights over them (their erasure deletes the messages they wrote, retention the
whole thread) — the access right does not reach another person's data when a copy would
harm them (GDPR art. 15(4)), and portability covers what one provided oneself (art. 20).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.circles.models import CircleMeeting, CircleMember
from rementor.core.exports import csv_bytes
from rementor.core.i18n import localized
from rementor.matching.models import Pair
from rementor.mentoring.models import (
    CheckIn,
    Concern,
    GroupObjective,
    Idea,
    MentoringGroup,
    MentoringSession,
    Objective,
    PairMessage,
    Phase,
    PracticeTask,
    Pulse,
    ReminderOptOut,
)
from rementor.mentoring.queries import member_of, private_notes_of
from rementor.people.models import PersonChange, User
from rementor.privacy.models import ErasureRequest
from rementor.programmes.models import Enrollment
from rementor.selection.models import MentorApplication, MentorDecision, MentorReview
from rementor.skills.models import AssessmentItem
from rementor.training.models import TrainingCompletion

Row = dict[str, Any]


@dataclass
class MyData:
    """Sections of flat rows, in a stable order: each becomes ``<name>.csv`` and a key of
    ``my-data.json``. ``profile`` is a single row."""

    generated_at: dt.datetime
    sections: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, name: str) -> list[Row]:
        return self.sections.get(name, [])


def _when(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value is not None else None


def _partner(pair: Pair, person_id: int) -> tuple[str, str]:
    """(my role, partner's name) in ``pair``."""
    if pair.mentee.person_id == person_id:
        return "mentee", pair.mentor.person.full_name
    return "mentor", pair.mentee.person.full_name


def collect(user: User, *, now: dt.datetime | None = None) -> MyData:
    """Everything about ``user`` (and their employee record, if any)."""
    data = MyData(generated_at=now or timezone.now())
    person = user.person
    data.sections["profile"] = [_profile(user)]
    if person is None:
        data.sections["erasure_requests"] = []
        data.sections["reminder_opt_outs"] = _opt_outs(user)
        return data

    enrollments = list(
        Enrollment.objects.filter(person=person).select_related("programme").order_by("pk")
    )
    data.sections["enrollments"] = [
        {
            "programme": e.programme.name,
            "role": e.role,
            "status": e.status,
            "capacity": e.capacity,
            "pace": e.pace,
            "style": e.style,
            "mode": e.mode,
            "weekly_availability": " ".join(str(slot) for slot in e.slots or []),
            "created_at": _when(e.created_at),
        }
        for e in enrollments
    ]
    data.sections["invitations"] = [
        {"programme": e.programme.name, "role": e.role, "invited_at": _when(e.invited_at)}
        for e in enrollments
        if e.invited_at is not None
    ]
    data.sections["assessments"] = _assessments(person.pk)
    data.sections.update(_applications(person.pk))

    pairs = list(
        # The pairs the user is a member of (a manager's "my data" holds no one else's pair).
        Pair.objects.filter(member_of(user))
        .select_related(
            "programme", "mentee__person", "mentor__person", "charter", "reciprocal_phase"
        )
        .order_by("pk")
    )
    data.sections["pairs"] = [_pair_row(pair, person.pk) for pair in pairs]
    data.sections["sessions"] = _sessions(pairs, user)
    data.sections["objectives"] = [
        {
            "pair": o.pair_id,
            "owner": o.owner,
            "phase": o.phase,
            "objective": o.title,
            "skill": o.skill.name if o.skill else "",
            "area": o.area,
            "success_criterion": o.success_criterion,
            "target_date": o.target_date,
            "status": o.status,
            "progress": o.progress,
        }
        for o in Objective.objects.filter(pair__in=pairs).select_related("skill").order_by("pk")
    ]
    data.sections["tasks"] = [
        {
            "pair": t.pair_id,
            "task": t.title,
            "description": t.description,
            "evidence_link": t.evidence_link,
            "evidence_note": t.evidence_note,
            "done_at": _when(t.done_at),
        }
        for t in PracticeTask.objects.filter(pair__in=pairs).order_by("pk")
    ]
    data.sections["pulses"] = [
        {
            "pair": p.session.pair_id,
            "session": _when(p.session.starts_at),
            "usefulness": p.usefulness,
            "comfort": p.comfort,
            # Always their own sentence, whoever else may read it, and whether they shared it.
            "comment": p.comment,
            "comment_shared_with_programme_team": p.comment_shared,
            "created_at": _when(p.created_at),
        }
        for p in Pulse.objects.filter(author__person=person).select_related("session")
    ]
    data.sections["check_ins"] = [
        {
            "pair": c.pair_id,
            "kind": c.kind,
            "progress": c.progress,
            "relationship": c.relationship,
            "pace": c.pace,
            "reciprocal_progress": c.reciprocal_progress,
            "recommend": c.recommend,
            "what_worked_best": c.highlight,
            "what_should_change": c.improve,
            "created_at": _when(c.created_at),
        }
        for c in CheckIn.objects.filter(author__person=person).order_by("pk")
    ]
    data.sections["ideas"] = [
        {
            "pair": i.pair_id,
            "idea": i.title,
            "description": i.description,
            "department": i.department.name if i.department else "",
            "created_at": _when(i.created_at),
        }
        for i in Idea.objects.filter(author=user).select_related("department").order_by("pk")
    ]
    data.sections["messages"] = [
        {"pair": m.pair_id, "message": m.text, "sent_at": _when(m.created_at)}
        # Only what they wrote (module docstring), and only in pairs they are still in.
        for m in PairMessage.objects.filter(author=user, pair__in=pairs).order_by("pk")
    ]
    data.sections["concerns"] = [
        {
            "pair": c.pair_id,
            "concern": c.text,
            "status": c.status,
            "created_at": _when(c.created_at),
            "resolved_at": _when(c.resolved_at),
            "resolution": c.resolution_note,
        }
        for c in Concern.objects.filter(author=user).order_by("pk")
    ]
    data.sections["training"] = [
        {
            "programme": c.module.programme.name,
            "module": localized(c.module, "title"),
            "completed_at": _when(c.completed_at),
            "quiz_score": c.quiz_score,
        }
        for c in TrainingCompletion.objects.filter(enrollment__person=person)
        .select_related("module__programme")
        .order_by("pk")
    ]
    data.sections["circles"] = [
        {
            "programme": m.circle.programme.name,
            "circle": m.circle.name,
            "role": m.enrollment.role,
            "added_at": _when(m.added_at),
        }
        for m in CircleMember.objects.filter(enrollment__person=person)
        .select_related("circle__programme", "enrollment")
        .order_by("pk")
    ]
    # The shared notes of circle meetings they last wrote (the note is the circle's).
    data.sections["circle_notes"] = [
        {
            "circle": meeting.circle.name,
            "meeting": _when(meeting.starts_at),
            "note": meeting.shared_note,
            "written_at": _when(meeting.note_updated_at),
        }
        for meeting in CircleMeeting.objects.filter(note_updated_by=user)
        .select_related("circle")
        .order_by("pk")
    ]
    # The shared notes of mentoring groups they last wrote (the note is the group's).
    data.sections["group_notes"] = [
        {
            "programme": group.programme.name,
            "group": group.name,
            "note": group.shared_note,
            "written_at": _when(group.note_updated_at),
        }
        for group in MentoringGroup.objects.filter(note_updated_by=user)
        .select_related("programme")
        .order_by("pk")
    ]
    data.sections["group_objectives"] = [
        {
            "programme": o.group.programme.name,
            "group": o.group.name,
            "objective": o.title,
            "achieved_at": _when(o.achieved_at),
            "created_at": _when(o.created_at),
        }
        for o in GroupObjective.objects.filter(created_by=user)
        .select_related("group__programme")
        .order_by("pk")
    ]
    data.sections["reminder_opt_outs"] = _opt_outs(user)
    data.sections["changes"] = [
        {
            "date": c.on,
            "change": c.get_kind_display(),
            "before": c.old_value,
            "after": c.new_value,
        }
        for c in PersonChange.objects.filter(person=person).order_by("on", "pk")
    ]
    data.sections["erasure_requests"] = [
        {
            "status": r.status,
            "requested_at": _when(r.created_at),
            "reason": r.reason,
            "decided_at": _when(r.decided_at),
            "reason_for_declining": r.decision_reason,
        }
        for r in ErasureRequest.objects.filter(person=person).order_by("pk")
    ]
    return data


def _profile(user: User) -> Row:
    person = user.person
    roles = [
        role
        for role, held in (
            ("programme_manager", user.is_programme_manager),
            ("sponsor", user.is_sponsor),
        )
        if held
    ]
    row: Row = {
        "account_email": user.email,
        "account_language": user.language,
        "account_roles": " ".join(roles),
        "account_active": user.is_active,
        "account_created_at": _when(user.date_joined),
        "last_sign_in": _when(user.last_login),
    }
    if person is not None:
        row.update(
            {
                "employee_id": person.employee_id,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "work_email": person.email or "",
                "job_title": person.job_title,
                "department": person.department.name if person.department else "",
                "site": person.site,
                "manager": person.manager.full_name if person.manager else "",
                "languages": " ".join(person.languages or []),
                "time_zone": person.time_zone,
            }
        )
    return row


def _opt_outs(user: User) -> list[Row]:
    return [
        {"kind": o.kind, "since": _when(o.created_at)}
        for o in ReminderOptOut.objects.filter(user=user).order_by("pk")
    ]


def _assessments(person_id: int) -> list[Row]:
    items = (
        AssessmentItem.objects.filter(assessment__enrollment__person_id=person_id)
        .select_related("assessment__enrollment__programme", "skill")
        .order_by("assessment_id", "pk")
    )
    return [
        {
            "programme": item.assessment.enrollment.programme.name,
            "kind": item.assessment.kind,
            "submitted_at": _when(item.assessment.submitted_at),
            "what_i_want_to_be_able_to_do": item.assessment.wishes,
            "skill": item.skill.name,
            "level": item.level,
            "target": item.target,
            "priority": item.priority,
            "evidence": item.evidence,
        }
        for item in items
    ]


def _applications(person_id: int) -> dict[str, list[Row]]:
    applications = list(
        MentorApplication.objects.filter(enrollment__person_id=person_id)
        .select_related("enrollment__programme")
        .order_by("pk")
    )
    programme_of = {a.pk: a.enrollment.programme.name for a in applications}
    return {
        "mentor_applications": [
            {
                "programme": programme_of[a.pk],
                "motivation": a.motivation,
                "commitment": a.commitment,
                "submitted_at": _when(a.submitted_at),
                "decided_at": _when(a.decided_at),
                "decision_reason": a.decision_reason,
            }
            for a in applications
        ],
        "mentor_decisions": [
            {
                "programme": programme_of[d.application_id],
                "decision": d.decision,
                "reason": d.reason,
                "decided_at": _when(d.decided_at),
            }
            for d in MentorDecision.objects.filter(application__in=applications).order_by("pk")
        ],
        # Scores and comments about the candidate, without the reviewer's name.
        "mentor_reviews": [
            {
                "programme": programme_of[r.application_id],
                "clarity": r.clarity,
                "listening": r.listening,
                "adaptability": r.adaptability,
                "willingness": r.willingness,
                "comment": r.comment,
                "created_at": _when(r.created_at),
            }
            for r in MentorReview.objects.filter(application__in=applications).order_by("pk")
        ],
    }


def _pair_row(pair: Pair, person_id: int) -> Row:
    role, partner = _partner(pair, person_id)
    charter = getattr(pair, "charter", None)
    swap = getattr(pair, "reciprocal_phase", None)
    return {
        "pair": pair.pk,
        "programme": pair.programme.name,
        "my_role": role,
        "partner": partner,
        "status": pair.status,
        "status_reason": pair.status_reason,
        "created_at": _when(pair.created_at),
        "ended_at": _when(pair.ended_at),
        "charter_my_commitments": (
            ""
            if charter is None
            else charter.mentee_commitments
            if role == "mentee"
            else charter.mentor_commitments
        ),
        "charter_first_objectives": charter.first_objectives if charter else "",
        # The role swap: the pair's phase and the topic the junior chose.
        "phase": Phase.RECIPROCAL if swap is not None else Phase.REVERSE,
        "reciprocal_topic": swap.topic if swap else "",
        "reciprocal_topic_in_own_words": swap.topic_text if swap else "",
        "reciprocal_started_at": _when(swap.started_at) if swap else None,
    }


def _sessions(pairs: list[Pair], user: User) -> list[Row]:
    sessions = list(MentoringSession.objects.filter(pair__in=pairs).order_by("starts_at", "pk"))
    # Only the user's own private notes (queries.private_notes_of: a note is its author's).
    mine = private_notes_of(sessions, user)
    return [
        {
            "pair": s.pair_id,
            "starts_at": _when(s.starts_at),
            "duration_minutes": s.duration_minutes,
            "status": s.status,
            "phase": s.phase,
            "mode": s.mode,
            "place_or_link": s.location,
            "video_call_link": s.meeting_link,
            "agenda": s.agenda,
            "shared_notes": s.shared_notes,
            "my_private_note": mine.get(s.pk, ""),
        }
        for s in sessions
    ]


# ---------------------------------------------------------------------------- writing


def _csv(rows: list[Row]) -> bytes:
    if not rows:
        return csv_bytes([])
    header = list(rows[0])
    for row in rows[1:]:
        header += [key for key in row if key not in header]
    return csv_bytes([header, *([row.get(key) for key in header] for row in rows)])


def _readme(data: MyData, name: str) -> str:
    lines = [
        _("Your data in Rementor, for %(name)s.") % {"name": name},
        _("Generated on %(date)s.") % {"date": _when(data.generated_at).strftime("%Y-%m-%d %H:%M")},
        "",
        _(
            "my-data.json holds everything; each CSV file holds one part of it (UTF-8, "
            "comma-separated). Private notes are your own: nobody else can read them."
        ),
        "",
    ]
    lines += [f"- {section}.csv ({len(rows)})" for section, rows in data.sections.items()]
    return "\n".join(lines) + "\n"


def zip_bytes(data: MyData, *, name: str = "") -> bytes:
    """The ZIP: ``README.txt``, ``my-data.json`` and one CSV per section."""
    buffer = io.BytesIO()
    payload = {"generated_at": data.generated_at, **data.sections}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(data, name))
        archive.writestr(
            "my-data.json",
            json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for section, rows in data.sections.items():
            archive.writestr(f"{section}.csv", _csv(rows))
    return buffer.getvalue()


def filename(*, now: dt.datetime | None = None) -> str:
    day = timezone.localdate(now or timezone.now())
    return f"rementor-my-data-{day.isoformat()}.zip"
