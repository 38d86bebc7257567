"""What happened in the pairs: pairs, sessions, objectives and pulses, one query each.

What is never exported: a session's agenda, place, shared notes and private notes, concerns,
check-in texts. The queries below name each column they read (``values_list``), so a field
added to a model later does not leak into a file by accident. A pulse comment is exported
only when its author shared it with the programme team
(:func:`rementor.mentoring.queries.pulse_comment_visible`); the scores always are.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rementor.analytics.exports.tables import (
    MENTEE,
    MENTOR,
    Table,
    full_name,
    local,
    name_in_language,
)
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import MentoringSession, Objective, Pulse, SessionStatus
from rementor.mentoring.models.objectives import MentorGoalArea, ObjectiveOwner, ObjectiveStatus
from rementor.mentoring.models.sessions import SessionMode
from rementor.mentoring.queries import with_visible_comment
from rementor.people.queries import name_order
from rementor.programmes.models import Programme, Role


def pairs(*, programme: Programme) -> Table:
    """Every pair of the programme (any status) with its sessions held. One query."""
    labels = dict(PairStatus.choices)
    rows = (
        Pair.objects.filter(programme=programme)
        .annotate(held=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD)))
        .order_by(*name_order("mentee__person"), "pk")
        .values_list(
            "pk",
            f"{MENTEE}first_name",
            f"{MENTEE}last_name",
            f"{MENTEE}department__name",
            f"{MENTOR}first_name",
            f"{MENTOR}last_name",
            f"{MENTOR}department__name",
            "status",
            "created_at",
            "ended_at",
            "score",
            "held",
        )
    )
    return Table(
        name="pairs",
        title=_("Pairs"),
        header=[
            _("Pair ID"),
            _("Mentee"),
            _("Mentee's department"),
            _("Mentor"),
            _("Mentor's department"),
            _("Status"),
            pgettext("export column", "Created"),
            _("Ended"),
            _("Match score"),
            _("Sessions held"),
        ],
        rows=[
            [
                pk,
                full_name(mentee_first, mentee_last),
                mentee_department or "",
                full_name(mentor_first, mentor_last),
                mentor_department or "",
                str(labels.get(status, status)),
                local(created),
                local(ended),
                round(score, 3) if score is not None else None,
                held,
            ]
            for (
                pk,
                mentee_first,
                mentee_last,
                mentee_department,
                mentor_first,
                mentor_last,
                mentor_department,
                status,
                created,
                ended,
                score,
                held,
            ) in rows
        ],
    )


def sessions(*, programme: Programme) -> Table:
    """Every session of the programme's pairs: when, how long, how, and whether it was
    held — never its agenda, place or notes. One query."""
    statuses = dict(SessionStatus.choices)
    modes = dict(SessionMode.choices)
    rows = (
        MentoringSession.objects.filter(pair__programme=programme)
        .order_by("starts_at", "pk")
        .values_list(
            "pair_id",
            f"pair__{MENTEE}first_name",
            f"pair__{MENTEE}last_name",
            f"pair__{MENTOR}first_name",
            f"pair__{MENTOR}last_name",
            "starts_at",
            "time_zone",
            "duration_minutes",
            "mode",
            "status",
        )
    )
    return Table(
        name="sessions",
        title=_("Sessions"),
        header=[
            _("Pair ID"),
            _("Mentee"),
            _("Mentor"),
            _("Date and time"),
            _("Duration (minutes)"),
            _("Mode"),
            _("Status"),
        ],
        rows=[
            [
                pair_id,
                full_name(mentee_first, mentee_last),
                full_name(mentor_first, mentor_last),
                local(starts_at, zone),
                minutes,
                str(modes.get(mode, mode)),
                str(statuses.get(status, status)),
            ]
            for (
                pair_id,
                mentee_first,
                mentee_last,
                mentor_first,
                mentor_last,
                starts_at,
                zone,
                minutes,
                mode,
                status,
            ) in rows
        ],
    )


def objectives(*, programme: Programme) -> Table:
    """Both parties' objectives, with how often each was adjusted. One query."""
    owners = {ObjectiveOwner.MENTEE: _("Mentee"), ObjectiveOwner.MENTOR: _("Mentor")}
    statuses = dict(ObjectiveStatus.choices)
    areas = dict(MentorGoalArea.choices)
    rows = (
        Objective.objects.filter(pair__programme=programme)
        .annotate(adjustments=Count("changes"))
        .order_by(*name_order("pair__mentee__person"), "pair_id", "owner", "target_date", "pk")
        .values_list(
            "pair_id",
            f"pair__{MENTEE}first_name",
            f"pair__{MENTEE}last_name",
            f"pair__{MENTOR}first_name",
            f"pair__{MENTOR}last_name",
            "owner",
            "title",
            "skill__name_fr",
            "skill__name_en",
            "area",
            "status",
            "progress",
            "target_date",
            "adjustments",
        )
    )
    return Table(
        name="objectives",
        title=_("Objectives"),
        header=[
            _("Pair ID"),
            _("Mentee"),
            _("Mentor"),
            _("Whose"),
            _("Objective"),
            _("Skill or area"),
            _("Status"),
            _("Progress (%)"),
            _("Target date"),
            _("Adjustments"),
        ],
        rows=[
            [
                pair_id,
                full_name(mentee_first, mentee_last),
                full_name(mentor_first, mentor_last),
                str(owners.get(owner, owner)),
                title,
                name_in_language(skill_fr, skill_en) or str(areas.get(area, area)),
                str(statuses.get(status, status)),
                progress,
                target_date,
                adjustments,
            ]
            for (
                pair_id,
                mentee_first,
                mentee_last,
                mentor_first,
                mentor_last,
                owner,
                title,
                skill_fr,
                skill_en,
                area,
                status,
                progress,
                target_date,
                adjustments,
            ) in rows
        ],
    )


def pulses(*, programme: Programme) -> Table:
    """Every pulse given after a session: scores, and the optional one-sentence comment when
    its author shared it with the programme team (else the cell is empty). One query."""
    roles = {Role.MENTEE: _("Mentee"), Role.MENTOR: _("Mentor")}
    rows = (
        with_visible_comment(Pulse.objects.filter(session__pair__programme=programme))
        .order_by("session__starts_at", "session_id", "author__role", "pk")
        .values_list(
            "session__pair_id",
            f"session__pair__{MENTEE}first_name",
            f"session__pair__{MENTEE}last_name",
            f"session__pair__{MENTOR}first_name",
            f"session__pair__{MENTOR}last_name",
            "session__starts_at",
            "session__time_zone",
            "author__role",
            "usefulness",
            "comfort",
            "visible_comment",
        )
    )
    return Table(
        name="pulses",
        title=_("Pulses"),
        header=[
            _("Pair ID"),
            _("Mentee"),
            _("Mentor"),
            _("Session date"),
            pgettext("pulse author", "Given by"),
            _("Usefulness (1-5)"),
            _("Comfort (1-5)"),
            _("Comment shared with the programme team"),
        ],
        rows=[
            [
                pair_id,
                full_name(mentee_first, mentee_last),
                full_name(mentor_first, mentor_last),
                local(starts_at, zone),
                str(roles.get(role, role)),
                usefulness,
                comfort,
                comment or "",
            ]
            for (
                pair_id,
                mentee_first,
                mentee_last,
                mentor_first,
                mentor_last,
                starts_at,
                zone,
                role,
                usefulness,
                comfort,
                comment,
            ) in rows
        ],
    )
