"""Where a new programme starts from: blank, the template Rementor ships, or a copy of an
earlier programme — its settings, never its people, pairs or what they wrote.

The template follows the programmes published reverse-mentoring programmes agree on (The
Hartford: 6–7 sessions of 30–60 minutes about every 3 weeks; AXA: six one-hour sessions over
five modules; NHS ReMEDI: 6 meetings in 6 months): six one-hour sessions every three weeks
over five months, mentors on invitation.

Higher apps copy their own part when ``programme_created`` says ``copied_from`` (training:
its modules and quizzes).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rementor.programmes.models import MentorApplications, Programme, VideoTool

# The settings a copy takes over: what the programme form shows (but its name, short name and
# dates) and the selection and matching weights, which the form does not show.
FORM_SETTINGS = (
    "description",
    "cadence_weeks",
    "session_minutes",
    "video_tool",
    "lead",
    "default_mentor_capacity",
    "max_mentor_capacity",
    "reporting_line_depth",
    "mentor_applications",
    "pair_consent",
    "consent_days",
    "reciprocal_phase",
    "reciprocal_after_sessions",
    "reciprocal_sessions",
    "group_mentoring",
    "sso_self_registration",
    "languages",
)
HIDDEN_SETTINGS = (
    "weight_expertise",
    "weight_communication",
    "weight_willingness",
    "match_weights",
)


@dataclass(frozen=True)
class Template:
    key: str
    label: Promise
    summary: Promise
    months: int
    settings: dict[str, Any] = field(default_factory=dict)
    # Written in the language of whoever creates the programme (a programme's description is
    # one text, in its own language).
    description: Promise | str = ""


TEMPLATES = {
    t.key: t
    for t in (
        Template(
            key="reverse-6-sessions",
            label=_("Reverse mentoring — 6 sessions over 5 months"),
            summary=_(
                "Six one-hour sessions every three weeks, over five months; mentors apply on "
                "invitation; both members accept their pair before it starts. The shape The "
                "Hartford, AXA and the NHS have published."
            ),
            months=5,
            settings={
                "cadence_weeks": 3,
                "session_minutes": 60,
                "mentor_applications": MentorApplications.INVITED,
                # Consult the senior before the pair is formal (HBR's advice; issue 17).
                "pair_consent": True,
                "consent_days": 7,
                "default_mentor_capacity": 1,
                "max_mentor_capacity": 2,
                "video_tool": VideoTool.NONE,
                # One mentee per pair; groups are a programme's own choice.
                "group_mentoring": False,
            },
            description=_(
                "Young colleagues who live digital tools every day mentor senior leaders on "
                "social media, collaborative tools, data and digital culture: six one-hour "
                "sessions, every three weeks, over five months. Each pair agrees on a charter, "
                "sets objectives for both sides and keeps a shared record of its sessions."
            ),
        ),
    )
}


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` months, the day clipped to the month's last (31 Jan + 1 → 28 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _next_month_start(today: dt.date) -> dt.date:
    return add_months(today.replace(day=1), 1)


def initial_from_template(template: Template, *, today: dt.date) -> dict[str, Any]:
    """The programme form's starting values for ``template``: its settings, a description in
    the active language, and dates from the first of next month for its length."""
    start = _next_month_start(today)
    return {
        **template.settings,
        "description": str(template.description),
        "start_date": start,
        "end_date": add_months(start, template.months) - dt.timedelta(days=1),
    }


def initial_from_programme(source: Programme, *, today: dt.date) -> dict[str, Any]:
    """The programme form's starting values copied from ``source``: its settings and skills,
    and dates from the first of next month for the same length."""
    start = _next_month_start(today)
    length = source.end_date - source.start_date
    return {
        **{name: getattr(source, name) for name in FORM_SETTINGS},
        "skills": list(source.skills.values_list("pk", flat=True)),
        "start_date": start,
        "end_date": start + length,
    }


def hidden_settings_of(source: Programme) -> dict[str, Any]:
    """What a copy takes from ``source`` beyond the form: the weights."""
    return {name: getattr(source, name) for name in HIDDEN_SETTINGS}


def settings_from(
    *,
    given: dict[str, Any],
    today: dt.date,
    template: Template | None = None,
    source: Programme | None = None,
) -> dict[str, Any]:
    """A new programme's fields for a client that gives only some of them (the API): what it
    gives, over the starting point's values as the form would show them. A start date given
    without an end keeps the starting point's length."""
    if template is not None:
        initial = initial_from_template(template, today=today)
    elif source is not None:
        initial = initial_from_programme(source, today=today)
    else:
        return dict(given)
    if "start_date" in given and "end_date" not in given:
        length = initial["end_date"] - initial["start_date"]
        try:
            if template is not None:
                end = add_months(given["start_date"], template.months) - dt.timedelta(days=1)
            else:
                end = given["start_date"] + length
        except (ValueError, OverflowError):  # past the calendar's last year
            end = None  # the programme's own checks then ask for an end date
        initial["end_date"] = end
    return {**initial, **given}
