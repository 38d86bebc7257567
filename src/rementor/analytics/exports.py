"""The programme managers' exports: pairs, sessions, objectives and pulses as tables.

Each dataset is a function returning a :class:`Table` (header + rows) in one query, whatever
the programme's size; the web view and ``python -m rementor report`` share them, and
:func:`render` turns tables into XLSX or CSV (both flavours) through ``rementor.core.exports``,
which neutralises every cell.

What is never exported: a session's agenda, place, shared notes and private notes, concerns,
check-in texts. The queries below name each column they read (``values_list``), so a field
added to a model later does not leak into a file by accident. A pulse comment is exported
only when its author shared it with the programme team
(:func:`rementor.mentoring.queries.pulse_comment_visible`); the scores always are.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from rementor.core.exports import Sheet, csv_bytes, xlsx_bytes
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import MentoringSession, Objective, Pulse, SessionStatus
from rementor.mentoring.models.objectives import MentorGoalArea, ObjectiveOwner, ObjectiveStatus
from rementor.mentoring.models.sessions import SessionMode
from rementor.mentoring.queries import with_visible_comment
from rementor.people.queries import name_order
from rementor.programmes.models import Programme, Role


class Format(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


class Flavour(StrEnum):
    """CSV flavours: the standard one, and the one French Excel opens with a double-click."""

    STANDARD = "standard"  # ",", UTF-8 without BOM
    EXCEL_FR = "excel-fr"  # ";", UTF-8 with BOM (else Excel reads the accents as Latin-1)


@dataclass(frozen=True)
class Table:
    """One dataset: ``name`` is its key in :data:`DATASETS`, ``title`` its localised name."""

    name: str
    title: str
    header: list[str]
    rows: list[list[object]]


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


_MENTEE = "mentee__person__"
_MENTOR = "mentor__person__"


def _full_name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def _local(moment: dt.datetime | None, zone: str | None = None) -> dt.datetime | None:
    """``moment`` as a naive local time (spreadsheets know no time zones), in ``zone`` or
    the site's time zone."""
    if moment is None:
        return None
    try:
        tz = zoneinfo.ZoneInfo(zone) if zone else timezone.get_current_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = timezone.get_current_timezone()
    return timezone.localtime(moment, tz).replace(tzinfo=None, second=0, microsecond=0)


def _name_in_language(name_fr: str | None, name_en: str | None) -> str:
    """A bilingual name read from ``values_list`` (what ``core.i18n.localized`` does on
    objects)."""
    first, second = (
        (name_en, name_fr)
        if (get_language() or "fr")[:2] == "en"
        else (
            name_fr,
            name_en,
        )
    )
    return first or second or ""


def pairs(*, programme: Programme) -> Table:
    """Every pair of the programme (any status) with its sessions held. One query."""
    labels = dict(PairStatus.choices)
    rows = (
        Pair.objects.filter(programme=programme)
        .annotate(held=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD)))
        .order_by(*name_order("mentee__person"), "pk")
        .values_list(
            "pk",
            f"{_MENTEE}first_name",
            f"{_MENTEE}last_name",
            f"{_MENTEE}department__name",
            f"{_MENTOR}first_name",
            f"{_MENTOR}last_name",
            f"{_MENTOR}department__name",
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
                _full_name(mentee_first, mentee_last),
                mentee_department or "",
                _full_name(mentor_first, mentor_last),
                mentor_department or "",
                str(labels.get(status, status)),
                _local(created),
                _local(ended),
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
            f"pair__{_MENTEE}first_name",
            f"pair__{_MENTEE}last_name",
            f"pair__{_MENTOR}first_name",
            f"pair__{_MENTOR}last_name",
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
                _full_name(mentee_first, mentee_last),
                _full_name(mentor_first, mentor_last),
                _local(starts_at, zone),
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
            f"pair__{_MENTEE}first_name",
            f"pair__{_MENTEE}last_name",
            f"pair__{_MENTOR}first_name",
            f"pair__{_MENTOR}last_name",
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
                _full_name(mentee_first, mentee_last),
                _full_name(mentor_first, mentor_last),
                str(owners.get(owner, owner)),
                title,
                _name_in_language(skill_fr, skill_en) or str(areas.get(area, area)),
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
            f"session__pair__{_MENTEE}first_name",
            f"session__pair__{_MENTEE}last_name",
            f"session__pair__{_MENTOR}first_name",
            f"session__pair__{_MENTOR}last_name",
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
                _full_name(mentee_first, mentee_last),
                _full_name(mentor_first, mentor_last),
                _local(starts_at, zone),
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


DATASETS: dict[str, Callable[..., Table]] = {
    "pairs": pairs,
    "sessions": sessions,
    "objectives": objectives,
    "pulses": pulses,
}


def dataset_titles() -> dict[str, str]:
    """Each dataset's localised name, for the exports page and error messages."""
    return {
        "pairs": _("Pairs"),
        "sessions": _("Sessions"),
        "objectives": _("Objectives"),
        "pulses": _("Pulses"),
    }


def export(
    *,
    programme: Programme,
    fmt: Format | str,
    dataset: str | None = None,
    flavour: Flavour | str = Flavour.STANDARD,
) -> Export:
    """The file for ``dataset`` (XLSX: None means one workbook with every dataset) in
    ``fmt``. Raises ``ValueError`` for an unknown format, flavour or dataset, or a CSV asked
    without a dataset."""
    fmt = Format(fmt)
    flavour = Flavour(flavour)
    if dataset is not None and dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}")
    names = [dataset] if dataset else list(DATASETS)
    stem = f"{programme.slug}-{dataset or 'all'}"
    if fmt == Format.CSV:
        if dataset is None:
            raise ValueError("a CSV export holds one dataset: choose one")
        table = DATASETS[dataset](programme=programme)
        excel = flavour == Flavour.EXCEL_FR
        content = csv_bytes([table.header, *table.rows], bom=excel, delimiter=";" if excel else ",")
        suffix = "-excel-fr" if excel else ""
        return Export(content, "text/csv; charset=utf-8", f"{stem}{suffix}.csv")
    tables = [DATASETS[name](programme=programme) for name in names]
    content = xlsx_bytes(Sheet(table.title, table.header, table.rows) for table in tables)
    return Export(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{stem}.xlsx",
    )
