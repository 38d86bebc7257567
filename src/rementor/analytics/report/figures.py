"""What the report shows of the results at a glance: the cover's key figures and its charts
(their geometry from :mod:`rementor.analytics.report.charts`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rementor.analytics.impact.results import ProgrammeResults
from rementor.analytics.impact.stat import Stat, State
from rementor.analytics.report.charts import SvgChart, Value, bar_chart
from rementor.analytics.report.tables import Text, show
from rementor.mentoring.models import CheckInKind


def key_figures(results: ProgrammeResults) -> list[tuple[str, Text, str]]:
    """The cover's headline figures: (label, figure, what it counts)."""
    stages = {stage.key: stage for stage in results.funnel}
    enrolled = stages.get("enrolled")
    final_nps = results.satisfaction.nps.get(CheckInKind.FINAL.value, ())
    sessions = results.sessions.held
    everyone = results.impact.all_departments.total
    pulses = results.satisfaction.pulses[-1].stat if results.satisfaction.pulses else None
    return [
        (
            _("Participants"),
            show(enrolled.by_role["total"]) if enrolled else Text("—"),
            _("mentees and mentors enrolled"),
        ),
        (_("Pairs"), show(results.health_total), _("formed by the matching")),
        (_("Sessions held"), show(sessions), _("mentoring sessions")),
        (_("Hours"), show(sessions, "hours"), _("spent learning together")),
        (
            _("Gap closed"),
            show(everyone, digits=0, scale=100, unit="\u00a0%"),
            _("of the priority-weighted skills gap"),
        ),
        (
            _("Net promoter score"),
            show(final_nps[-1].stat) if final_nps else Text("—"),
            _("at the final check-in (-100 to 100)"),
        ),
        (_("Usefulness"), show(pulses, digits=1), _("average pulse, out of 5")),
        (_("Ideas"), show(results.ideas.total), _("logged by pairs for the company")),
        (_("Adopted ideas"), show(results.ideas.adopted), _("that became a change")),
        *_both_directions(results),
    ]


def _both_directions(results: ProgrammeResults) -> list[tuple[str, Text, str]]:
    """For a programme that ends with a reciprocal phase: each direction's sessions held and
    objectives achieved (hidden as on the page)."""
    if results.reciprocal is None:
        return []
    what = {
        "reverse": (_("the junior mentors the senior"), _("Reverse phase")),
        "reciprocal": (_("the senior mentors the junior"), _("Reciprocal phase")),
    }
    figures = []
    for line in results.reciprocal.lines:
        meaning, name = what[line.key]
        figures.append((_("Sessions: %(phase)s") % {"phase": name}, show(line.sessions), meaning))
        figures.append(
            (
                _("Objectives achieved: %(phase)s") % {"phase": name},
                show(line.objectives),
                meaning,
            )
        )
    return figures


def _shown(stat: Stat, value: float | None = None) -> Value:
    """A stat's value for a chart, or the word saying why there is none."""
    if stat.shown:
        return stat.value if value is None else value
    if stat.state == State.EMPTY:
        return _("no data")
    return _("hidden")


def _percent(stat: Stat, key: str | None = None) -> Value:
    if not stat.shown:
        return _shown(stat)
    value = stat.value if key is None else stat.get(key)
    return None if value is None else 100 * value


def charts(results: ProgrammeResults) -> dict[str, SvgChart]:
    """Every chart of the report, by the name the template draws it under."""
    roles = {"mentee": _("Mentees"), "mentor": _("Mentors")}
    skills = results.impact.skills
    everyone = results.impact.all_departments
    nps_kinds = list(results.satisfaction.nps.items())
    return {
        "funnel": bar_chart(
            categories=[stage.label for stage in results.funnel],
            series=[
                (label, [_shown(stage.by_role[role]) for stage in results.funnel])
                for role, label in roles.items()
            ],
            description=_("People at each stage of the programme, mentees and mentors."),
        ),
        "health": bar_chart(
            categories=[line.label for line in results.health],
            series=[(_("Pairs"), [_shown(line.stat) for line in results.health])],
            description=_("Pairs by health."),
        ),
        "skills": bar_chart(
            categories=[column.label for column in skills],
            series=[
                (_("Baseline level"), [_shown(c, c.get("baseline")) for c in everyone.cells]),
                (_("Final level"), [_shown(c, c.get("final")) for c in everyone.cells]),
            ],
            maximum=4,
            decimals=1,
            description=_("Average level per skill at the start and at the end (0 to 4)."),
        ),
        "gap_closed": bar_chart(
            categories=[row.label for row in results.impact.departments] + [everyone.label],
            series=[
                (
                    _("Share of the weighted gap closed"),
                    [_percent(row.total) for row in results.impact.departments]
                    + [_percent(everyone.total)],
                )
            ],
            maximum=100,
            unit="\u00a0%",
            description=_("Share of the priority-weighted gap closed, by department."),
        ),
        "growth": bar_chart(
            categories=[line.label for line in results.growth],
            series=[
                (_("Average progress"), [_shown(line.stat) for line in results.growth]),
                (
                    _("Objectives achieved"),
                    [_percent(line.achieved) for line in results.growth],
                ),
            ],
            maximum=100,
            unit="\u00a0%",
            description=_("Mentors' own objectives by area: average progress and share achieved."),
        ),
        "nps": bar_chart(
            categories=[str(CheckInKind(kind).label) for kind, _lines in nps_kinds],
            series=[
                (
                    label,
                    [_percent(lines[-1].stat, key) for _kind, lines in nps_kinds],
                )
                for key, label in (
                    ("promoters", _("Promoters (9-10)")),
                    ("passives", _("Passives (7-8)")),
                    ("detractors", _("Detractors (0-6)")),
                )
            ],
            maximum=100,
            unit="\u00a0%",
            stacked=True,
            colours=("#2e7d32", "#adb5bd", "#c62828"),
            description=_("Would you recommend the programme: answers by group, everyone."),
        ),
    }
