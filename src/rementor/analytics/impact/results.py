"""The programme's results: every figure of :mod:`rementor.analytics.impact` in one
:class:`ProgrammeResults`, and the data its charts draw."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.analytics.impact.filters import pairs_filter, people_filter
from rementor.analytics.impact.funnel import FunnelStage, funnel
from rementor.analytics.impact.gap_closed import Impact, impact_on_skills
from rementor.analytics.impact.growth import GrowthLine, growth
from rementor.analytics.impact.health import AtRiskPair, HealthLine, health
from rementor.analytics.impact.ideas import Ideas, ideas
from rementor.analytics.impact.reciprocal import Reciprocal, reciprocal
from rementor.analytics.impact.retention import Retention, retention
from rementor.analytics.impact.satisfaction import Satisfaction, nps_lines, pulse_lines
from rementor.analytics.impact.sessions import Sessions, sessions
from rementor.analytics.impact.stat import ROLES, TOTAL, Stat, State, role_labels, states
from rementor.analytics.results_cache import cached
from rementor.core.numbers import rounded_float
from rementor.mentoring.models import CheckInKind
from rementor.programmes.models import Programme

T = TypeVar("T")


@dataclass(frozen=True)
class ProgrammeResults:
    programme_id: int
    for_sponsor: bool
    min_size: int
    department_id: int | None
    site: str
    generated_at: dt.datetime
    funnel: tuple[FunnelStage, ...]
    health: tuple[HealthLine, ...]
    health_total: Stat
    at_risk: tuple[AtRiskPair, ...]
    impact: Impact
    growth: tuple[GrowthLine, ...]
    growth_total: Stat
    growth_total_achieved: Stat
    satisfaction: Satisfaction
    ideas: Ideas
    sessions: Sessions
    # Both directions, for a programme that ends with a reciprocal phase (else None).
    reciprocal: Reciprocal | None = None
    # Always computed by programme_results; None only in results built by hand (tests).
    retention: Retention | None = None

    @property
    def has_hidden(self) -> bool:
        return bool(self.figure_states & {State.SMALL, State.PROTECTED, State.WITHHELD})

    @property
    def has_protected(self) -> bool:
        return State.PROTECTED in self.figure_states

    @cached_property
    def figure_states(self) -> frozenset[State]:
        """The states of every figure, walked once (then kept with the cached results)."""
        return frozenset(states(self))

    def as_dict(self) -> dict:
        """Everything, JSON-able (what a report or an API can serialise)."""
        data = asdict(self)
        data["generated_at"] = self.generated_at.isoformat()
        return data

    def as_chart_data(self) -> dict:
        """What dashboard.js draws: only figures shown in the tables ever get here."""
        return chart_data(self)


def programme_results(
    *,
    programme: Programme,
    department_id: int | None = None,
    site: str = "",
    for_sponsor: bool,
    now: dt.datetime | None = None,
) -> ProgrammeResults:
    """Every figure of the programme's results, as :mod:`rementor.analytics.impact` defines
    them.

    ``for_sponsor``: aggregates only, small groups and what would reveal them hidden, no
    names, no at-risk list. A fixed number of queries whatever the data size.

    Without ``now``, read from the cache until the programme's data changes
    (:mod:`rementor.analytics.results_cache`).
    """
    if now is None:
        of = ("programme", programme.pk, for_sponsor, department_id, site)

        def compute() -> ProgrammeResults:
            results = _programme_results(
                programme=programme,
                department_id=department_id,
                site=site,
                for_sponsor=for_sponsor,
                now=timezone.now(),
                # each group of figures cached on its own: a new pulse recomputes only those
                # that read pulses
                part=lambda name, figures: cached((*of, name), figures, clock=name in CLOCK_DRIVEN),
            )
            results.figure_states  # noqa: B018 (walked once, kept with the cached value)
            return results

        return cached(of, compute, remember=True)
    return _programme_results(
        programme=programme,
        department_id=department_id,
        site=site,
        for_sponsor=for_sponsor,
        now=now,
    )


# The groups of figures that change with the clock, not only with their data: "active" pairs
# (a session in the last 30 days), pairs at risk (quiet too long), retention (the date).
CLOCK_DRIVEN = {"funnel", "health", "retention"}


def _at_once(_name: str, figures: Callable[[], T]) -> T:
    return figures()


def _programme_results(
    *,
    programme: Programme,
    department_id: int | None,
    site: str,
    for_sponsor: bool,
    now: dt.datetime,
    part: Callable[[str, Callable[[], Any]], Any] = _at_once,
) -> ProgrammeResults:
    """The figures as of ``now``; ``part(name, figures)`` gives each group's figures
    (``figures()``, or a cached value of it)."""
    min_size = settings.RM_MIN_GROUP_SIZE if for_sponsor else None
    people = functools.partial(people_filter, department_id=department_id, site=site)
    stages = part(
        "funnel",
        lambda: funnel(programme=programme, people=people("person__"), now=now, min_size=min_size),
    )
    health_lines, health_total, at_risk = part(
        "health",
        lambda: health(
            programme=programme,
            pairs_q=pairs_filter("", department_id, site),
            now=now,
            min_size=min_size,
        ),
    )
    skills = part(
        "skills",
        lambda: impact_on_skills(
            programme=programme,
            people=people("assessment__enrollment__person__"),
            min_size=min_size,
        ),
    )
    growth_lines, growth_total, growth_total_achieved = part(
        "growth",
        lambda: growth(
            programme=programme, mentors=people("pair__mentor__person__"), min_size=min_size
        ),
    )
    # pulses and check-ins apart: a new pulse leaves the net promoter scores cached
    answers = Satisfaction(
        pulses=part(
            "pulses",
            lambda: pulse_lines(
                programme=programme, people=people("author__person__"), min_size=min_size
            ),
        ),
        nps=part(
            "nps",
            lambda: nps_lines(
                programme=programme, people=people("author__person__"), min_size=min_size
            ),
        ),
    )
    pair_of = pairs_filter("pair__", department_id, site)
    return ProgrammeResults(
        programme_id=programme.pk,
        for_sponsor=for_sponsor,
        min_size=settings.RM_MIN_GROUP_SIZE,
        department_id=department_id,
        site=site,
        generated_at=now,
        funnel=stages,
        health=health_lines,
        health_total=health_total,
        at_risk=at_risk,
        impact=skills,
        growth=growth_lines,
        growth_total=growth_total,
        growth_total_achieved=growth_total_achieved,
        satisfaction=answers,
        ideas=part("ideas", lambda: ideas(programme=programme, pairs_q=pair_of, min_size=min_size)),
        sessions=part(
            "sessions", lambda: sessions(programme=programme, pairs_q=pair_of, min_size=min_size)
        ),
        reciprocal=part(
            "reciprocal",
            lambda: reciprocal(programme=programme, pairs_q=pair_of, min_size=min_size),
        ),
        retention=part(
            "retention",
            lambda: retention(programme=programme, people_q=people(""), min_size=min_size, now=now),
        ),
    )


# --------------------------------------------------------------------------- chart data


def _v(stat: Stat, digits: int = 1) -> float | None:
    return rounded_float(stat.value, digits) if stat.shown and stat.value is not None else None


def chart_data(results: ProgrammeResults) -> dict:
    """The charts' data: labels and values, hidden figures as null (never their value)."""
    roles = role_labels()
    impact = results.impact
    return {
        "funnel": {
            "labels": [stage.label for stage in results.funnel],
            "datasets": [
                {"label": roles[role], "data": [_v(s.by_role[role], 0) for s in results.funnel]}
                for role in ROLES
            ],
        },
        "health": {
            "labels": [line.label for line in results.health],
            "keys": [line.key for line in results.health],
            "data": [_v(line.stat, 0) for line in results.health],
        },
        "skills": {
            "labels": [column.label for column in impact.skills],
            "datasets": [
                {
                    "key": "baseline",
                    "label": _("Baseline level"),
                    "data": [_round(c.get("baseline")) for c in impact.all_departments.cells],
                },
                {
                    "key": "final",
                    "label": _("Final level"),
                    "data": [_round(c.get("final")) for c in impact.all_departments.cells],
                },
            ],
        },
        "departments": {
            "labels": [row.label for row in department_rows(impact)],
            "data": [_percent(row.total) for row in department_rows(impact)],
            "label": _("Share of the weighted gap closed (%)"),
        },
        "growth": {
            "labels": [line.label for line in results.growth],
            "datasets": [
                {"label": _("Average progress (%)"), "data": [_v(g.stat) for g in results.growth]},
                {
                    "label": _("Objectives achieved (%)"),
                    "data": [_percent(g.achieved) for g in results.growth],
                },
            ],
        },
        "nps": {
            "labels": [CheckInKind(kind).label for kind in results.satisfaction.nps],
            "datasets": [
                {
                    "label": roles[role],
                    "data": [
                        _v(next(line.stat for line in lines if line.key == role), 0)
                        for lines in results.satisfaction.nps.values()
                    ],
                }
                for role in (*ROLES, TOTAL)
            ],
        },
        "ideas": {
            "labels": [label for label, _stat in idea_lines(results.ideas)],
            "data": [_v(stat, 0) for _label, stat in idea_lines(results.ideas)],
            "label": _("Ideas"),
        },
        "text": {"hidden": _("hidden"), "people": _("People")},
    }


def department_rows(impact: Impact) -> tuple:
    """The lines of the gap closed by department: the departments shown or, when every one
    is too small to show (sponsors), the programme-wide line instead of nothing (hidden in
    turn when it is too small, like any figure)."""
    return impact.departments or (impact.all_departments,)


def idea_lines(ideas: Ideas) -> list[tuple[str, Stat]]:
    """The ideas chart's bars: per department concerned or, when no department's figure can
    be shown (sponsors), the programme's total instead of nothing."""
    lines = [(line.label, line.stat) for line in ideas.by_department]
    if lines and not any(stat.shown for _label, stat in lines) and ideas.total.shown:
        return [(_("All ideas"), ideas.total)]
    return lines


# Charts whose zeros are figures (a net promoter score of 0, a level of 0): drawn when any
# value is shown. Other charts count things: drawn when any count is not zero.
SIGNED = {"nps", "skills"}


def _has_data(name: str, chart: dict) -> bool:
    datasets = chart.get("datasets") or [{"data": chart.get("data", [])}]
    values = [value for dataset in datasets for value in dataset["data"] if value is not None]
    return bool(values) if name in SIGNED else any(values)


def chart_notes(
    results: ProgrammeResults, chart: dict | None = None, *, drawn: Mapping[str, bool] | None = None
) -> dict[str, str]:
    """Why a chart is not drawn, for each chart of :func:`chart_data` with nothing to draw
    (name -> the reason, said without giving a hidden figure away), and ``nps_final`` when
    the satisfaction chart has no final check-in yet. ``drawn``: whether each chart is drawn,
    when the caller draws its own (the report); by default, read from ``chart``. The page
    and the report print the same reasons."""
    if drawn is None:
        chart = chart if chart is not None else chart_data(results)
        drawn = {name: _has_data(name, data) for name, data in chart.items() if name != "text"}
    empty = {
        "funnel": _("Nobody has been invited to the programme yet."),
        "health": _("No pair has been formed yet."),
        "skills": _("No level to show yet."),
        "departments": _("No gap closed to show yet."),
        "growth": _("No mentor has set objectives of their own yet."),
        "nps": _("No check-in answered yet."),
        "ideas": _("No idea logged yet."),
    }
    hidden = _(
        "Not drawn: every figure of this chart stands for fewer than %(min_size)s people or is "
        "hidden to protect such a group."
    ) % {"min_size": results.min_size}
    hidden_by_chart = {
        "funnel": [s.by_role[role] for s in results.funnel for role in ROLES],
        "health": [line.stat for line in results.health],
        "skills": list(results.impact.all_departments.cells),
        "departments": [row.total for row in department_rows(results.impact)],
        "growth": [g.stat for g in results.growth] + [g.achieved for g in results.growth],
        "nps": [line.stat for lines in results.satisfaction.nps.values() for line in lines],
        "ideas": [stat for _label, stat in idea_lines(results.ideas)],
    }
    notes = {}
    for name, reason in empty.items():
        if name in drawn and not drawn[name]:
            stats = hidden_by_chart[name]
            notes[name] = hidden if any(s.state in HIDDEN for s in stats) else reason
    final = results.satisfaction.nps.get(CheckInKind.FINAL.value, ())
    if "nps" not in notes and all(line.stat.state == State.EMPTY for line in final):
        notes["nps_final"] = _("No final check-in yet: only the mid-term check-in is drawn.")
    return notes


HIDDEN = (State.SMALL, State.PROTECTED, State.WITHHELD)


def _round(value: float | None) -> float | None:
    return rounded_float(value, 2)


def _round_pct(value: float | None) -> float | None:
    return rounded_float(value, 1, scale=100)


def _percent(stat: Stat) -> float | None:
    return _round_pct(stat.value) if stat.shown and stat.value is not None else None
