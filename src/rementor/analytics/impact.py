"""The programme's results: the one source of every figure on the dashboards and in reports.

:func:`programme_results` reads a programme in a fixed number of queries (about fifteen,
four more for sponsors, whatever its size: everything is aggregated in the database, pair
health included) and
returns frozen dataclasses the manager dashboard, the sponsor view and the PDF report all
render. ``for_sponsor=True`` applies :mod:`rementor.analytics.suppression` before anything leaves
this module: no name, no at-risk list, no figure for a group of fewer than
``settings.RM_MIN_GROUP_SIZE`` people, and no figure that would let someone work one out by
subtracting the figures shown from a total (complementary suppression).

How the figures are computed
----------------------------
Filters: ``department_id`` and ``site`` keep the people of that department / site. Figures
about people (funnel, skills, mentors' growth, satisfaction) follow each person's own
department and site; figures about pairs (health, sessions, ideas) keep a pair when its mentee
or its mentor belongs to the department / site. Withdrawn and declined people stay in the
funnel's first stage only.

Funnel, per role and in total (each stage counted on its own, so a stage is not always a
subset of the one before; the drop-off is the previous stage minus this one, when positive):

* invited — every enrolment in the programme (invited, applied, accepted...);
* enrolled — accepted (or already completed);
* trained — enrolled and finished every published training module of their audience
  (their role's and "both");
* matched — enrolled and in a pair, whatever its status since;
* active — in a pair that held a session in the last 30 days;
* completed — in a pair that completed the programme, or whose enrolment is completed.

Pair health (from :func:`rementor.mentoring.queries.pair_health`): *at risk* — an active or
paused pair with no session for 30 days, a low recent pulse or an open concern; *on track* —
an active pair not at risk; *paused* — paused, not at risk; *completed*; *ended early*.

Impact on skills: for each mentee and skill with both a submitted baseline and a submitted
final self-assessment, baseline level vs final level (averaged over those people), and the
share of the priority-weighted gap closed::

    gap = max(0, baseline target - baseline level)
    closed = min(gap, max(0, final level - baseline level))
    share = sum(priority x closed) / sum(priority x gap)

(priority and target from the baseline: what the mentee committed to at the start; climbing
above the target does not count twice, going down counts as nothing closed).

Mentors' growth: the mentors' own objectives (dropped ones left out): number of mentors,
average progress (%), share achieved, per area (communication, pedagogy, leadership).

Satisfaction: pulse averages (usefulness, comfort, 1-5) over every pulse given; the net
promoter score of each check-in (mid-term, final) from "would you recommend the programme"
(0-10): % of promoters (9-10) minus % of detractors (0-6), from -100 to 100.

Ideas: ideas logged by pairs, per department concerned. Sessions: sessions held, hours
(sum of their durations) and pairs that held at least one.

Group sizes for sponsors: people behind a figure (respondents, mentees, mentors); pairs for
pair health and ideas (a pair counts as one, which only makes the rule stricter).

What else sponsors' figures obey (all through :mod:`rementor.analytics.suppression`):

* differences — two stages of a funnel column never both show when they differ by 1 to 4
  people (the smaller is hidden), and a drop-off is shown only when it stands for at least
  the minimum group size (:func:`~rementor.analytics.suppression.suppress_counts`,
  :func:`~rementor.analytics.suppression.difference`);
* shares — a net promoter score and its shares only when promoters, passives and detractors
  each hold at least the minimum (an empty category counts as small), across roles with
  complementary suppression (:func:`~rementor.analytics.suppression.suppress_shares`); the share of
  mentors' objectives achieved only when mentors with one achieved and with one open are each
  at least the minimum;
* averages — an average or share at an end of its scale (pulses 1 or 5, levels 0 or 4,
  progress 0 or 100 %, gap closed 0 or 100 %) says what each person behind it answered: it is
  hidden like a small group, with complementary suppression; where the cells' averages
  combine into the totals (pulses, mentors' progress), no set of hidden figures of a line
  may average at an end either (:func:`~rementor.analytics.suppression.suppress` with ``scale``);
* tables — department x skill (gap closed) with the departments' totals adding up to the
  headline, ideas and mentors per area: no hidden count can be narrowed to one value from the
  totals and the labels, whole table at once
  (:func:`~rementor.analytics.suppression.suppress`);
* other pages — the sponsors' home page shows the funnel's "enrolled" figures, hidden exactly
  as here (:func:`funnels`);
* stepping — pulses, check-ins (per kind) and final self-assessments are read up to the last
  step of the minimum number of different people, oldest first by submission time then id
  (:func:`rementor.analytics.queries.oldest_responses`), so one new answer never changes what
  sponsors see. While no step is complete, those figures read "fewer than 5", not "none".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rementor.analytics import queries, suppression
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import (
    Audience,
    CheckIn,
    CheckInKind,
    Concern,
    ConcernStatus,
    Idea,
    MentorGoalArea,
    MentoringSession,
    Objective,
    ObjectiveOwner,
    ObjectiveStatus,
    Pulse,
    SessionStatus,
    TrainingCompletion,
    TrainingModule,
)
from rementor.mentoring.queries import DAYS_WITHOUT_SESSION, LOW_PULSE, pair_health
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.skills.models import AssessmentItem, AssessmentKind
from rementor.skills.queries import programme_skills

ACTIVE_DAYS = 30
ROLES = (Role.MENTEE, Role.MENTOR)
ENROLLED = (EnrollmentStatus.ACCEPTED, EnrollmentStatus.COMPLETED)
TOTAL = "total"


class State(StrEnum):
    SHOWN = "shown"
    EMPTY = "empty"  # nobody behind the figure
    SMALL = "small"  # fewer than the minimum group size (sponsors)
    PROTECTED = "protected"  # hidden so that a small group cannot be worked out from totals
    # Hidden, in a table where "fewer than 5" and "hidden*" would themselves tell the counts
    # (suppression.UNLABELLED): one neutral word for every hidden figure of the table.
    WITHHELD = "withheld"


@dataclass(frozen=True)
class Stat:
    """One figure as shown: ``value`` and ``n`` (people or pairs behind it) are None unless
    ``state`` is SHOWN. ``extra`` holds further figures of the same group (hidden together)."""

    state: State
    value: float | None = None
    n: int | None = None
    extra: Mapping[str, float | None] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.state == State.SHOWN

    def get(self, key: str) -> float | None:
        return self.extra.get(key) if self.shown else None


EMPTY = Stat(State.EMPTY)


@dataclass(frozen=True)
class FunnelStage:
    key: str
    label: str
    by_role: Mapping[str, Stat]  # "mentee", "mentor", "total"; value = people
    # Previous stage minus this one, when positive and both are shown (for sponsors: when it
    # stands for at least the minimum group size).
    drop_off: Mapping[str, int | None]


@dataclass(frozen=True)
class HealthLine:
    key: str
    label: str
    stat: Stat  # value = pairs


@dataclass(frozen=True)
class AtRiskPair:
    pair_id: int
    mentee: str
    mentor: str
    reasons: tuple[str, ...]  # labels
    days_since: int
    sessions_held: int
    sessions_expected: int
    recent_pulse: float | None
    open_concerns: int


@dataclass(frozen=True)
class Column:
    key: Hashable
    label: str


@dataclass(frozen=True)
class ImpactRow:
    """A department's line (or the all-departments line): per-skill cells and its total.

    Each Stat's value is the share of the weighted gap closed (0-1); extra holds
    ``baseline`` and ``final`` (average levels) and ``gap`` / ``closed`` (weighted sums)."""

    key: Hashable
    label: str
    cells: tuple[Stat, ...]
    total: Stat


@dataclass(frozen=True)
class Impact:
    skills: tuple[Column, ...]
    departments: tuple[ImpactRow, ...]
    all_departments: ImpactRow  # per skill over everyone; its total is the headline
    hidden_departments: int

    @property
    def by_skill(self) -> list[tuple[Column, Stat]]:
        return list(zip(self.skills, self.all_departments.cells, strict=True))


@dataclass(frozen=True)
class GrowthLine:
    key: str
    label: str
    stat: Stat  # value = average progress (%); n = mentors; extra: objectives
    achieved: Stat = EMPTY  # value = share of the objectives achieved; n = mentors


@dataclass(frozen=True)
class SatisfactionLine:
    key: str
    label: str
    stat: Stat  # pulses: value = usefulness; extra comfort, pulses. NPS: value = NPS.


@dataclass(frozen=True)
class Satisfaction:
    pulses: tuple[SatisfactionLine, ...]  # per role, then total
    nps: Mapping[str, tuple[SatisfactionLine, ...]]  # per check-in kind: per role, then total


@dataclass(frozen=True)
class Ideas:
    total: Stat  # value = ideas; n = pairs
    by_department: tuple[HealthLine, ...]


@dataclass(frozen=True)
class Sessions:
    held: Stat  # value = sessions; n = pairs; extra: hours


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

    @property
    def has_hidden(self) -> bool:
        return any(
            state in (State.SMALL, State.PROTECTED, State.WITHHELD) for state in _states(self)
        )

    @property
    def has_protected(self) -> bool:
        return State.PROTECTED in _states(self)

    def as_dict(self) -> dict:
        """Everything, JSON-able (what a report or an API can serialise)."""
        data = asdict(self)
        data["generated_at"] = self.generated_at.isoformat()
        return data

    def as_chart_data(self) -> dict:
        """What dashboard.js draws: only figures shown in the tables ever get here."""
        return chart_data(self)


def _withheld(value, hidden: set):
    """``value`` (a table's stats, in tuples, mappings and dataclasses) with every hidden
    figure labelled neutrally when ``hidden`` says the labels would give counts away."""
    if suppression.UNLABELLED not in hidden:
        return value
    return _neutral(value)


def _neutral(value):
    if isinstance(value, Stat):
        return Stat(State.WITHHELD) if value.state in (State.SMALL, State.PROTECTED) else value
    if isinstance(value, tuple):
        return tuple(_neutral(item) for item in value)
    if isinstance(value, list):
        return [_neutral(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _neutral(item) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return dataclasses.replace(
            value, **{name: _neutral(getattr(value, name)) for name in value.__dataclass_fields__}
        )
    return value


def _states(value) -> Iterable[State]:
    if isinstance(value, Stat):
        yield value.state
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _states(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _states(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _states(getattr(value, name))


# --------------------------------------------------------------------------- suppression


def _hidden_counts(
    counts: Mapping[Hashable, int],
    *,
    min_size: int | None,
    sums: Mapping[Hashable, list] | Iterable[tuple] = (),
    differences: Iterable[tuple] = (),
    hidden: Iterable[Hashable] = (),
) -> set:
    """:func:`rementor.analytics.suppression.suppress_counts`, or nothing for managers."""
    if min_size is None:
        return set()
    return suppression.suppress_counts(
        counts, min_size=min_size, sums=sums, differences=differences, hidden=hidden
    )


def _waiting(stat: Stat, waiting: bool) -> Stat:
    """A figure on responses none of which sponsors may see yet: "fewer than 5", not "none"."""
    return Stat(State.SMALL) if waiting and stat.state == State.EMPTY else stat


def _count(stat: Stat) -> int | None:
    return int(stat.value) if stat.shown and stat.value is not None else None


def _stat(
    n: int,
    value: float | None,
    *,
    hidden: bool = False,
    min_size: int | None,
    small: bool = False,
    extra: Mapping[str, float | None] | None = None,
) -> Stat:
    """``small``: hidden because a part of the group (a category) is small."""
    if not n:
        return EMPTY
    if min_size is not None and (n < min_size or (hidden and small)):
        return Stat(State.SMALL)
    if hidden:
        return Stat(State.PROTECTED)
    return Stat(State.SHOWN, value=value, n=n, extra=dict(extra or {}))


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


# --------------------------------------------------------------------------- filters


def _people_q(prefix: str, department_id: int | None, site: str) -> Q:
    q = Q()
    if department_id is not None:
        q &= Q(**{f"{prefix}department_id": department_id})
    if site:
        q &= Q(**{f"{prefix}site": site})
    return q


def _pairs_q(prefix: str, department_id: int | None, site: str) -> Q:
    """A pair belongs to a department / site when its mentee or its mentor does."""
    if department_id is None and not site:
        return Q()
    return _people_q(f"{prefix}mentee__person__", department_id, site) | _people_q(
        f"{prefix}mentor__person__", department_id, site
    )


# --------------------------------------------------------------------------- the figures


def _funnel_labels() -> list[tuple[str, str]]:
    return [
        ("invited", pgettext("funnel", "Invited")),
        ("enrolled", pgettext("funnel", "Enrolled")),
        ("trained", pgettext("funnel", "Trained")),
        ("matched", pgettext("funnel", "Matched")),
        ("active", pgettext("funnel", "Active")),
        ("completed", pgettext("funnel", "Completed")),
    ]


def _funnel_counts(enrollments: QuerySet, *, now: dt.datetime) -> dict[int, dict]:
    """One query: every stage's count per role, for each programme of ``enrollments``
    (programme id -> (stage, role) -> people, TOTAL included)."""
    module_of_audience = Q(audience=OuterRef("role")) | Q(audience=Audience.BOTH)
    required = (
        TrainingModule.objects.filter(
            module_of_audience, programme=OuterRef("programme"), is_published=True
        )
        .order_by()
        .values("programme")
        .annotate(c=Count("pk"))
        .values("c")
    )
    done = (
        TrainingCompletion.objects.filter(
            Q(module__audience=OuterRef("role")) | Q(module__audience=Audience.BOTH),
            enrollment=OuterRef("pk"),
            module__programme=OuterRef("programme"),
            module__is_published=True,
        )
        .order_by()
        .values("enrollment")
        .annotate(c=Count("pk"))
        .values("c")
    )
    recent = now - dt.timedelta(days=ACTIVE_DAYS)
    held = MentoringSession.objects.filter(
        status=SessionStatus.HELD, starts_at__gte=recent, starts_at__lte=now
    )
    completed_pairs = Pair.objects.filter(status=PairStatus.COMPLETED)
    rows = (
        enrollments.alias(
            required=Coalesce(Subquery(required), 0),
            done=Coalesce(Subquery(done), 0),
            matched=Exists(Pair.objects.filter(mentee=OuterRef("pk")))
            | Exists(Pair.objects.filter(mentor=OuterRef("pk"))),
            active=Exists(held.filter(pair__mentee=OuterRef("pk")))
            | Exists(held.filter(pair__mentor=OuterRef("pk"))),
            completed_pair=Exists(completed_pairs.filter(mentee=OuterRef("pk")))
            | Exists(completed_pairs.filter(mentor=OuterRef("pk"))),
        )
        .order_by()
        .values("programme", "role")
        .annotate(
            invited=Count("pk"),
            enrolled=Count("pk", filter=Q(status__in=ENROLLED)),
            trained=Count("pk", filter=Q(status__in=ENROLLED, done__gte=F("required"))),
            matched=Count("pk", filter=Q(status__in=ENROLLED, matched=True)),
            active=Count("pk", filter=Q(active=True)),
            completed=Count(
                "pk", filter=Q(completed_pair=True) | Q(status=EnrollmentStatus.COMPLETED)
            ),
        )
    )
    result: dict[int, dict] = {}
    for row in rows:
        counts = result.setdefault(row["programme"], {})
        for key, _label in _funnel_labels():
            counts[(key, row["role"])] = row[key]
            counts[(key, TOTAL)] = counts.get((key, TOTAL), 0) + row[key]
    return result


def _funnel(
    *, programme: Programme, people: Q, now: dt.datetime, min_size: int | None
) -> tuple[FunnelStage, ...]:
    """One query (:func:`_funnel_counts`)."""
    counts = _funnel_counts(Enrollment.objects.filter(people, programme=programme), now=now).get(
        programme.pk, {}
    )
    return _funnel_stages(counts, min_size=min_size)


def funnels(
    *, programmes: Iterable[Programme], for_sponsor: bool, now: dt.datetime | None = None
) -> dict[int, tuple[FunnelStage, ...]]:
    """The funnel of each programme, exactly as its results page shows it (for sponsors: the
    same figures hidden), in one query whatever their number: what a page listing several
    programmes shows of their people (the sponsors' home page)."""
    now = now or timezone.now()
    min_size = settings.RM_MIN_GROUP_SIZE if for_sponsor else None
    ids = [programme.pk for programme in programmes]
    counts = _funnel_counts(Enrollment.objects.filter(programme__in=ids), now=now)
    return {pk: _funnel_stages(counts.get(pk, {}), min_size=min_size) for pk in ids}


def _funnel_stages(
    counts: Mapping[tuple[str, str], int], *, min_size: int | None
) -> tuple[FunnelStage, ...]:
    labels = _funnel_labels()
    hidden = _hidden_counts(
        {(key, role): counts.get((key, role), 0) for key, _l in labels for role in (*ROLES, TOTAL)},
        min_size=min_size,
        # Each stage's total is the sum of its roles...
        sums={(key, TOTAL): [(key, role) for role in ROLES] for key, _l in labels},
        # ...and any two stages of a column can be subtracted one from the other: no two shown
        # figures of a column may differ by 1 to 4 (the "(−2)" a reader works out anyway).
        differences=[
            ((a, role), (b, role))
            for role in (*ROLES, TOTAL)
            for i, (a, _la) in enumerate(labels)
            for b, _lb in labels[i + 1 :]
        ],
    )

    stages = []
    previous: dict[str, Stat] | None = None
    for key, label in labels:
        by_role = {
            role: _stat(
                counts.get((key, role), 0),
                counts.get((key, role), 0),
                hidden=(key, role) in hidden,
                min_size=min_size,
            )
            for role in (*ROLES, TOTAL)
        }
        # An empty stage shows 0 whoever looks.
        by_role = {
            role: (Stat(State.SHOWN, value=0, n=0) if stat.state == State.EMPTY else stat)
            for role, stat in by_role.items()
        }
        drop = {
            role: suppression.difference(
                _count(previous[role]) if previous else None,
                _count(stat),
                min_size=min_size,
            )
            for role, stat in by_role.items()
        }
        stages.append(FunnelStage(key=key, label=label, by_role=by_role, drop_off=drop))
        previous = by_role
    return _withheld(tuple(stages), hidden)


def _reason_labels() -> dict[str, str]:
    return {
        "mentor_left": _("mentor left the company"),
        "mentee_left": _("mentee left the company"),
        "no_session": _("no session for 30 days"),
        "low_pulse": _("low recent pulse"),
        "open_concern": _("open concern"),
    }


def _health(
    *, programme: Programme, pairs_q: Q, now: dt.datetime, min_size: int | None
) -> tuple[tuple[HealthLine, ...], Stat, tuple[AtRiskPair, ...]]:
    """Six queries: pairs per status, the pairs that may be at risk, pair_health's four.

    pair_health says which pairs are at risk, but it reads every pulse of the pairs it is
    given. So it is given only the running pairs that *may* be at risk, found in the database
    by a looser test: no session held in the last 29 days, an open concern, or one pulse
    scoring below the low-pulse threshold (the last two cannot average below it otherwise),
    or a member who left the company.
    """
    pairs = Pair.objects.filter(pairs_q, programme=programme).order_by()
    by_status = dict(pairs.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    recent = now - dt.timedelta(days=DAYS_WITHOUT_SESSION - 1)
    names = min_size is None
    fields = ["pk", "status"]
    if names:
        fields += [
            "mentee__person__first_name",
            "mentee__person__last_name",
            "mentor__person__first_name",
            "mentor__person__last_name",
        ]
    candidates = list(
        pairs.filter(status__in=(PairStatus.ACTIVE, PairStatus.PAUSED))
        .filter(
            ~Exists(
                MentoringSession.objects.filter(
                    pair=OuterRef("pk"), status=SessionStatus.HELD, starts_at__gte=recent
                )
            )
            | Q(mentor__person__is_active=False)
            | Q(mentee__person__is_active=False)
            | Exists(Concern.objects.filter(pair=OuterRef("pk"), status=ConcernStatus.OPEN))
            | Exists(
                Pulse.objects.filter(session__pair=OuterRef("pk"))
                .alias(score=F("usefulness") + F("comfort"))
                .filter(score__lt=2 * LOW_PULSE)
            )
        )
        .values(*fields)
    )
    health = pair_health([p["pk"] for p in candidates], now=now)
    counts = {
        "at_risk": 0,
        "on_track": by_status.get(PairStatus.ACTIVE, 0),
        "paused": by_status.get(PairStatus.PAUSED, 0),
        "completed": by_status.get(PairStatus.COMPLETED, 0),
        "ended": by_status.get(PairStatus.ENDED, 0),
    }
    at_risk = []
    reasons = _reason_labels()
    for pair in candidates:
        state = health[pair["pk"]]
        if not state.at_risk:
            continue
        counts["at_risk"] += 1
        counts["on_track" if pair["status"] == PairStatus.ACTIVE else "paused"] -= 1
        if names:
            at_risk.append(
                AtRiskPair(
                    pair_id=pair["pk"],
                    mentee=f"{pair['mentee__person__first_name']} "
                    f"{pair['mentee__person__last_name']}",
                    mentor=f"{pair['mentor__person__first_name']} "
                    f"{pair['mentor__person__last_name']}",
                    reasons=tuple(reasons[r] for r in state.reasons),
                    days_since=state.days_since,
                    sessions_held=state.sessions_held,
                    sessions_expected=state.sessions_expected,
                    recent_pulse=state.recent_pulse_average,
                    open_concerns=state.open_concerns,
                )
            )
    # Most urgent first: more reasons, then longer without a session.
    at_risk.sort(key=lambda p: (-len(p.reasons), -p.days_since, p.pair_id))
    labels = {
        "on_track": _("On track"),
        "at_risk": _("At risk"),
        "paused": pgettext("pairs", "Paused"),
        "completed": pgettext("pairs", "Completed"),
        "ended": pgettext("pairs", "Ended early"),
    }
    hidden = _hidden_counts(
        {**counts, TOTAL: sum(by_status.values())},
        min_size=min_size,
        sums={TOTAL: list(counts)},
    )
    lines = tuple(
        HealthLine(
            key=key,
            label=label,
            stat=_shown_count(counts[key], hidden=key in hidden, min_size=min_size),
        )
        for key, label in labels.items()
    )
    total = _shown_count(sum(by_status.values()), hidden=TOTAL in hidden, min_size=min_size)
    lines, total = _withheld((lines, total), hidden)
    return lines, total, tuple(at_risk)


def _shown_count(n: int, *, hidden: bool, min_size: int | None) -> Stat:
    """A count: 0 is shown to everyone, small counts hidden from sponsors."""
    if not n:
        return Stat(State.SHOWN, value=0, n=0)
    return _stat(n, n, hidden=hidden, min_size=min_size)


LEVELS = (0, 4)  # skills.levels.Level
PULSE = (1, 5)
PROGRESS = (0, 100)


def _extreme(row: Mapping | None, levels: bool = False) -> bool:
    """Impact sums (``_impact``) whose share of the gap closed is 0 or 1 or, with ``levels``
    (the lines showing them), whose average baseline or final level is 0 or 4."""
    if not row or not row["items"]:
        return False
    share = _share(row["closed"] or 0, row["gap"] or 0)
    if suppression.at_end(share, (0, 1)):
        return True
    return levels and any(
        suppression.at_end((row[key] or 0) / row["items"], LEVELS) for key in ("base", "final")
    )


def _impact(*, programme: Programme, people: Q, min_size: int | None) -> Impact:  # three (four)
    skills = list(programme_skills(programme).order_by("category__position", "position", "code"))
    department = "assessment__enrollment__person__department"
    # The same person's baseline item on the same skill, joined (not a subquery per item):
    # conditions on a multi-valued relation in one filter() call share one join, and the
    # aliases after it reuse that join.
    base = "assessment__enrollment__assessments__"
    items = (
        AssessmentItem.objects.filter(
            people,
            assessment__enrollment__programme=programme,
            assessment__enrollment__role=Role.MENTEE,
            assessment__kind=AssessmentKind.FINAL,
            assessment__submitted_at__isnull=False,
            skill__in=[skill.pk for skill in skills],
        )
        .filter(
            **{
                f"{base}kind": AssessmentKind.BASELINE,
                f"{base}submitted_at__isnull": False,
                f"{base}items__skill": F("skill"),
            }
        )
        .alias(
            b_level=F(f"{base}items__level"),
            b_target=F(f"{base}items__target"),
            b_priority=F(f"{base}items__priority"),
        )
        .alias(
            gap=Greatest(
                Coalesce("b_target", "b_level", output_field=IntegerField()) - F("b_level"),
                Value(0),
            ),
        )
        .alias(
            w_gap=F("b_priority") * F("gap"),
            w_closed=F("b_priority")
            * Least(F("gap"), Greatest(F("level") - F("b_level"), Value(0))),
        )
        .order_by()
    )
    # Sponsors: the oldest final self-assessments only, in steps of min_size mentees.
    oldest = queries.oldest_responses(
        items,
        author="assessment__enrollment",
        time="assessment__submitted_at",
        pk="assessment__pk",
        step=min_size,
    )
    items = items.filter(oldest.filter)
    sums = {
        "base": Sum("b_level"),
        "final": Sum("level"),
        "gap": Sum("w_gap"),
        "closed": Sum("w_closed"),
        "items": Count("pk"),
    }
    cells_raw: dict[tuple[Hashable, int], dict] = {}
    for row in items.values(department, "skill_id").annotate(**sums):
        # One final item per person and skill: items counted are people.
        cells_raw[(row[department], row["skill_id"])] = row
    departments: dict[Hashable, dict] = {}
    for row in items.values(department, f"{department}__name").annotate(
        people=Count("assessment", distinct=True), **sums
    ):
        departments[row[department]] = row

    def measure(row: Mapping | None, n: int | None = None) -> tuple[int, dict]:
        if not row or not row["items"]:
            return 0, {}
        return (n if n is not None else row["items"]), {
            "baseline": row["base"] / row["items"],
            "final": row["final"] / row["items"],
            "gap": row["gap"],
            "closed": row["closed"],
        }

    def add(rows: Iterable[Mapping]) -> dict:
        result = dict.fromkeys(("base", "final", "gap", "closed", "items"), 0)
        for row in rows:
            for key in result:
                result[key] += row[key] or 0
        return result

    hidden_departments: set = set()
    if min_size is not None:
        hidden_departments = {k for k, row in departments.items() if row["people"] < min_size}
    columns = {s.pk: add(r for k, r in cells_raw.items() if k[1] == s.pk) for s in skills}
    everyone = add(departments.values())
    # Shares closed of 0 % or 100 % and levels at an end of the scale say what each mentee
    # behind them did or answered: hidden like a small group.
    extremes: set = set()
    if min_size is not None:
        extremes = {key for key, row in cells_raw.items() if _extreme(row)}
        extremes |= {suppression.Total("row", k) for k, row in departments.items() if _extreme(row)}
        extremes |= {
            suppression.Total("col", k) for k, row in columns.items() if _extreme(row, True)
        }
        if _extreme(everyone, True):
            extremes.add(suppression.GRAND)
    # Department x skill, as the needs heat map: a department's mentees answer every skill;
    # the departments' totals add up to the headline, so a small department's total is not
    # the headline minus the others.
    hidden = suppression.suppress_groups(
        {key: row["items"] for key, row in cells_raw.items()},
        min_size=min_size,
        row_totals={k: row["people"] for k, row in departments.items()},
        col_totals=True,
        rows_share_people=True,
        grand_total=sum(row["people"] for row in departments.values()),
        hidden=extremes,
    )

    def stat(row: Mapping | None, *, hide: bool, n: int | None = None) -> Stat:
        count, extra = measure(row, n)
        return _stat(
            count,
            _share(extra.get("closed", 0), extra.get("gap", 0)),
            hidden=hide,
            min_size=min_size,
            extra=extra,
        )

    ordered = sorted(
        departments.values(),
        key=lambda r: (r[department] is None, (r[f"{department}__name"] or "").casefold()),
    )
    rows = []
    for row in ordered:
        key = row[department]
        if key in hidden_departments:
            continue
        rows.append(
            ImpactRow(
                key=key,
                label=row[f"{department}__name"] or _("No department"),
                cells=tuple(
                    stat(cells_raw.get((key, s.pk)), hide=(key, s.pk) in hidden) for s in skills
                ),
                total=stat(
                    row,
                    hide=suppression.Total("row", key) in hidden,
                    n=row["people"],
                ),
            )
        )
    all_row = ImpactRow(
        key=TOTAL,
        label=_("All departments"),
        cells=tuple(
            _waiting(
                stat(columns[s.pk], hide=suppression.Total("col", s.pk) in hidden),
                oldest.waiting,
            )
            for s in skills
        ),
        total=_waiting(
            stat(
                everyone,
                hide=suppression.GRAND in hidden,
                n=sum(r["people"] for r in departments.values()),
            ),
            oldest.waiting,
        ),
    )
    rows, all_row = _withheld((tuple(rows), all_row), hidden)
    return Impact(
        skills=tuple(Column(key=s.pk, label=s.name) for s in skills),
        departments=tuple(rows),
        all_departments=all_row,
        hidden_departments=len(hidden_departments),
    )


def _growth(
    *, programme: Programme, mentors: Q, min_size: int | None
) -> tuple[tuple[GrowthLine, ...], Stat, Stat]:
    """Two queries: per area, and over every area (a mentor may work on several).

    The share achieved is shown to sponsors only when the mentors with an objective achieved
    and those with one still open are each at least ``min_size`` (either side of a share
    small would give those few mentors away), with complementary suppression across areas.
    """
    objectives = (
        Objective.objects.filter(mentors, pair__programme=programme, owner=ObjectiveOwner.MENTOR)
        .exclude(status=ObjectiveStatus.DROPPED)
        .order_by()
    )
    achieved_q = Q(status=ObjectiveStatus.ACHIEVED)
    figures = {
        "mentors": Count("pair__mentor", distinct=True),
        "objectives": Count("pk"),
        "progress": Avg("progress"),
        "achieved": Count("pk", filter=achieved_q),
        "achieved_mentors": Count("pair__mentor", distinct=True, filter=achieved_q),
        "open_mentors": Count("pair__mentor", distinct=True, filter=~achieved_q),
    }
    by_area = {row["area"]: row for row in objectives.values("area").annotate(**figures)}
    overall = objectives.aggregate(**figures)
    # Average progress of 0 % or 100 % says where each objective stands: hidden, and so is
    # a further area when the hidden ones together average at an end (objectives, in the
    # report, weigh the averages).
    hidden = suppression.suppress_groups(
        {(area, "all"): row["mentors"] for area, row in by_area.items()},
        min_size=min_size,
        col_totals={"all": overall["mentors"]},
        cols_share_people=True,
        means={
            (area, "all"): (float(row["progress"] or 0), row["objectives"])
            for area, row in by_area.items()
        },
        scale=PROGRESS,
        hidden=[suppression.Total("col", "all")]
        if suppression.at_end(overall["progress"], PROGRESS)
        else [],
    )
    hidden_shares: set = set()
    if min_size is not None:
        sides = ("achieved_mentors", "open_mentors")
        hidden_shares = suppression.suppress(
            {
                (area, side): suppression.Cell(n=row[side], value=0.0)
                for area, row in by_area.items()
                for side in sides
            },
            min_size=min_size,
            row_totals={area: row["mentors"] for area, row in by_area.items()},
            col_totals={side: overall[side] for side in sides},
            rows_share_people=True,
            cols_share_people=True,
            hidden={(key[0], side) for key in hidden if isinstance(key, tuple) for side in sides},
        )
        if any(overall[side] < min_size for side in sides) or any(
            isinstance(key, suppression.Total) and key.axis == "col" for key in hidden_shares
        ):
            hidden_shares.add(TOTAL)
        hidden_shares |= {
            (key.line, side)
            for key in hidden_shares
            if isinstance(key, suppression.Total) and key.axis == "row"
            for side in sides
        }

    def stat(row: Mapping | None, hide: bool) -> Stat:
        if not row:
            return EMPTY
        return _stat(
            row["mentors"],
            row["progress"],
            hidden=hide,
            min_size=min_size,
            extra={"objectives": row["objectives"]},
        )

    def achieved(row: Mapping | None, hide: bool, hide_share: bool) -> Stat:
        if not row:
            return EMPTY
        line = stat(row, hide)
        if not line.shown:
            return line
        if hide_share:
            small = min(row["achieved_mentors"], row["open_mentors"]) < (min_size or 0)
            return Stat(State.SMALL if small else State.PROTECTED)
        return Stat(State.SHOWN, value=_share(row["achieved"], row["objectives"]), n=line.n)

    areas = [(area.value, area.label) for area in MentorGoalArea]
    if "" in by_area:
        areas.append(("", _("Other")))
    lines = tuple(
        GrowthLine(
            key=key,
            label=str(label),
            stat=stat(by_area.get(key), (key, "all") in hidden),
            achieved=achieved(
                by_area.get(key),
                (key, "all") in hidden,
                any((key, side) in hidden_shares for side in ("achieved_mentors", "open_mentors")),
            ),
        )
        for key, label in areas
    )
    everyone = overall if overall["objectives"] else None
    hide_total = suppression.Total("col", "all") in hidden
    return _withheld(
        (
            lines,
            stat(everyone, hide_total),
            achieved(everyone, hide_total, TOTAL in hidden_shares),
        ),
        hidden | hidden_shares,
    )


def _role_labels() -> dict[str, str]:
    return {Role.MENTEE: _("Mentees"), Role.MENTOR: _("Mentors"), TOTAL: _("Everyone")}


CATEGORIES = ("promoters", "passives", "detractors")


def _satisfaction(*, programme: Programme, people: Q, min_size: int | None) -> Satisfaction:
    """Five queries: pulses per role, check-ins per kind and role, and for sponsors the oldest
    pulses and check-ins of each kind the figures are computed on (see
    :func:`rementor.analytics.queries.oldest_responses`)."""
    role_labels = _role_labels()

    pulses_given = Pulse.objects.filter(people, author__programme=programme)
    oldest = queries.oldest_responses(
        pulses_given, author="author", time="created_at", step=min_size
    )
    pulses_given = pulses_given.filter(oldest.filter)
    pulse_rows = {
        row["author__role"]: row
        for row in pulses_given.order_by()
        .values("author__role")
        .annotate(
            people=Count("author", distinct=True),
            pulses=Count("pk"),
            usefulness=Sum("usefulness"),
            comfort=Sum("comfort"),
        )
    }
    total = {
        key: sum(row[key] for row in pulse_rows.values())
        for key in ("people", "pulses", "usefulness", "comfort")
    }
    # An average usefulness or comfort of 1 or 5 says what each pulse answered: hidden, with
    # the role beside it (the total minus one role is the other).
    uniform = [
        role
        for role, row in (*pulse_rows.items(), (TOTAL, total))
        if row["pulses"]
        and any(
            suppression.at_end(row[key] / row["pulses"], PULSE) for key in ("usefulness", "comfort")
        )
    ]
    hidden = _hidden_counts(
        {
            **{role: (pulse_rows.get(role) or {}).get("people", 0) for role in ROLES},
            TOTAL: total["people"],
        },
        min_size=min_size,
        sums={TOTAL: list(ROLES)},
        hidden=uniform,
    )

    def pulse_stat(row: Mapping | None, hide: bool) -> Stat:
        if not row or not row["pulses"]:
            return EMPTY
        return _stat(
            row["people"],
            row["usefulness"] / row["pulses"],
            hidden=hide,
            min_size=min_size,
            extra={"comfort": row["comfort"] / row["pulses"], "pulses": row["pulses"]},
        )

    pulses = tuple(
        SatisfactionLine(
            key=role,
            label=role_labels[role],
            stat=_waiting(
                pulse_stat(pulse_rows.get(role) if role != TOTAL else total, role in hidden),
                oldest.waiting,
            ),
        )
        for role in (*ROLES, TOTAL)
    )
    pulses = _withheld(pulses, hidden)

    kinds = (CheckInKind.MIDTERM, CheckInKind.FINAL)
    answers = CheckIn.objects.filter(people, author__programme=programme)
    waiting: dict[str, bool] = {}
    if min_size is not None:
        snapshot = Q(pk__in=[])
        for kind in kinds:
            oldest = queries.oldest_responses(
                answers.filter(kind=kind), author="author", time="created_at", step=min_size
            )
            snapshot |= Q(kind=kind) & oldest.filter
            waiting[kind] = oldest.waiting
        answers = answers.filter(snapshot)
    groups = {
        "promoters": Q(recommend__gte=9),
        "passives": Q(recommend__gte=7, recommend__lte=8),
        "detractors": Q(recommend__lte=6),
    }
    check_ins: dict[tuple[str, str], dict] = {}
    for row in (
        answers.order_by()
        .values("kind", "author__role")
        .annotate(
            n=Count("pk"),
            people=Count("author", distinct=True),
            **{group: Count("pk", filter=q) for group, q in groups.items()},
            **{
                f"{group}_people": Count("author", distinct=True, filter=q)
                for group, q in groups.items()
            },
        )
    ):
        check_ins[(row["kind"], row["author__role"])] = row

    def nps_stat(row: Mapping | None, hide: bool, small: bool) -> Stat:
        if not row or not row["n"]:
            return EMPTY
        shares = {group: row[group] / row["n"] for group in CATEGORIES}
        return _stat(
            row["n"],
            round(100 * (shares["promoters"] - shares["detractors"])),
            hidden=hide,
            min_size=min_size,
            small=small,
            extra=shares,
        )

    nps = {}
    for kind in kinds:
        rows = {role: check_ins.get((kind, role)) for role in ROLES}
        rows[TOTAL] = {
            key: sum(row[key] for row in rows.values() if row)
            for key in ("n", "people", *CATEGORIES, *(f"{g}_people" for g in CATEGORIES))
        }
        hidden, small = _hidden_shares(rows, min_size=min_size)
        nps[kind.value] = tuple(
            SatisfactionLine(
                key=role,
                label=role_labels[role],
                stat=_waiting(
                    nps_stat(rows[role], role in hidden, role in small), waiting.get(kind, False)
                ),
            )
            for role in (*ROLES, TOTAL)
        )
        nps[kind.value] = _withheld(nps[kind.value], hidden)
    return Satisfaction(pulses=pulses, nps=nps)


def _hidden_shares(
    rows: Mapping[str, Mapping | None], *, min_size: int | None
) -> tuple[set[str], set[str]]:
    """The roles (and TOTAL) whose net promoter score and shares of promoters, passives and
    detractors sponsors must not see (:func:`rementor.analytics.suppression.suppress_shares`),
    and those of them standing for a small group. Categories are counted in answers (they add
    up) but must each hold ``min_size`` different people (a mentor of two pairs answers
    twice)."""
    if min_size is None:
        return set(), set()
    lines = {
        role: {group: (row or {}).get(group, 0) for group in CATEGORIES}
        for role, row in rows.items()
    }
    few_people = {
        (role, group)
        for role, row in rows.items()
        for group in CATEGORIES
        if (row or {}).get(f"{group}_people", 0) < min_size
    }
    hidden = suppression.suppress_shares(lines, min_size=min_size, total=TOTAL, hidden=few_people)
    small = {role for role, _group in few_people} | {
        role for role, row in rows.items() if (row or {}).get("people", 0) < min_size
    }
    return hidden | small, small


def _ideas(*, programme: Programme, pairs_q: Q, min_size: int | None) -> Ideas:
    """Two queries: per department concerned, and the pairs behind them all."""
    ideas = Idea.objects.filter(pairs_q, pair__programme=programme).order_by()
    rows = list(
        ideas.values("department", "department__name").annotate(
            ideas=Count("pk"), pairs=Count("pair", distinct=True)
        )
    )
    overall = ideas.aggregate(ideas=Count("pk"), pairs=Count("pair", distinct=True))
    hidden = suppression.suppress_groups(
        {(row["department"], "ideas"): row["pairs"] for row in rows},
        min_size=min_size,
        col_totals={"ideas": overall["pairs"]},
        cols_share_people=True,
    )
    rows.sort(key=lambda r: (r["department"] is None, (r["department__name"] or "").casefold()))
    lines = tuple(
        HealthLine(
            key=str(row["department"] or ""),
            label=row["department__name"] or _("No department"),
            stat=_stat(
                row["pairs"],
                row["ideas"],
                hidden=(row["department"], "ideas") in hidden,
                min_size=min_size,
            ),
        )
        for row in rows
    )
    total = _stat(
        overall["pairs"],
        overall["ideas"],
        hidden=suppression.Total("col", "ideas") in hidden,
        min_size=min_size,
    )
    if total.state == State.EMPTY:
        total = Stat(State.SHOWN, value=0, n=0)
    return _withheld(Ideas(total=total, by_department=lines), hidden)


def _sessions(*, programme: Programme, pairs_q: Q, min_size: int | None) -> Sessions:
    """One query."""
    row = (
        MentoringSession.objects.filter(
            pairs_q, pair__programme=programme, status=SessionStatus.HELD
        )
        .order_by()
        .aggregate(
            sessions=Count("pk"),
            minutes=Coalesce(Sum("duration_minutes"), 0),
            pairs=Count("pair", distinct=True),
        )
    )
    held = _stat(
        row["pairs"], row["sessions"], min_size=min_size, extra={"hours": row["minutes"] / 60}
    )
    if held.state == State.EMPTY:
        held = Stat(State.SHOWN, value=0, n=0, extra={"hours": 0})
    return Sessions(held=held)


def programme_results(
    *,
    programme: Programme,
    department_id: int | None = None,
    site: str = "",
    for_sponsor: bool,
    now: dt.datetime | None = None,
) -> ProgrammeResults:
    """Every figure of the programme's results, as the module docstring defines them.

    ``for_sponsor``: aggregates only, small groups and what would reveal them hidden, no
    names, no at-risk list. A fixed number of queries whatever the data size.
    """
    now = now or timezone.now()
    min_size = settings.RM_MIN_GROUP_SIZE if for_sponsor else None
    people = _people_q("person__", department_id, site)
    funnel = _funnel(programme=programme, people=people, now=now, min_size=min_size)
    health, health_total, at_risk = _health(
        programme=programme,
        pairs_q=_pairs_q("", department_id, site),
        now=now,
        min_size=min_size,
    )
    impact = _impact(
        programme=programme,
        people=_people_q("assessment__enrollment__person__", department_id, site),
        min_size=min_size,
    )
    growth, growth_total, growth_total_achieved = _growth(
        programme=programme,
        mentors=_people_q("pair__mentor__person__", department_id, site),
        min_size=min_size,
    )
    satisfaction = _satisfaction(
        programme=programme,
        people=_people_q("author__person__", department_id, site),
        min_size=min_size,
    )
    pair_of = _pairs_q("pair__", department_id, site)
    return ProgrammeResults(
        programme_id=programme.pk,
        for_sponsor=for_sponsor,
        min_size=settings.RM_MIN_GROUP_SIZE,
        department_id=department_id,
        site=site,
        generated_at=now,
        funnel=funnel,
        health=health,
        health_total=health_total,
        at_risk=at_risk,
        impact=impact,
        growth=growth,
        growth_total=growth_total,
        growth_total_achieved=growth_total_achieved,
        satisfaction=satisfaction,
        ideas=_ideas(programme=programme, pairs_q=pair_of, min_size=min_size),
        sessions=_sessions(programme=programme, pairs_q=pair_of, min_size=min_size),
    )


# --------------------------------------------------------------------------- chart data


def _v(stat: Stat, digits: int = 1) -> float | None:
    return round(float(stat.value), digits) if stat.shown and stat.value is not None else None


def chart_data(results: ProgrammeResults) -> dict:
    """The charts' data: labels and values, hidden figures as null (never their value)."""
    roles = _role_labels()
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
            "labels": [row.label for row in impact.departments],
            "data": [_percent(row.total) for row in impact.departments],
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
            "labels": [line.label for line in results.ideas.by_department],
            "data": [_v(line.stat, 0) for line in results.ideas.by_department],
            "label": _("Ideas"),
        },
        "text": {"hidden": _("hidden"), "people": _("People")},
    }


def _round(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def _round_pct(value: float | None) -> float | None:
    return round(100 * value, 1) if value is not None else None


def _percent(stat: Stat) -> float | None:
    return _round_pct(stat.value) if stat.shown and stat.value is not None else None


def filter_choices(*, programme: Programme) -> tuple[list[tuple[int, str]], list[str]]:
    """The departments (id, name) and sites of the programme's participants, for the
    dashboard's filters. Two queries."""
    enrolled = Enrollment.objects.filter(programme=programme).order_by()
    departments = list(
        enrolled.filter(person__department__isnull=False)
        .values_list("person__department_id", "person__department__name")
        .distinct()
    )
    departments.sort(key=lambda d: d[1].casefold())
    sites = sorted(
        enrolled.exclude(person__site="").values_list("person__site", flat=True).distinct(),
        key=str.casefold,
    )
    return departments, sites
