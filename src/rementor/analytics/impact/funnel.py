"""The funnel: how many people reached each stage of the programme, per role and in total.

Each stage is counted on its own, so a stage is not always a subset of the one before; the
drop-off is the previous stage minus this one, when positive. Withdrawn and declined people
stay in the first stage only.

* invited — every enrolment in the programme (invited, applied, accepted...);
* enrolled — accepted (or already completed);
* trained — enrolled and finished every published training module of their audience
  (their role's and "both");
* matched — enrolled and in a pair, whatever its status since;
* active — in a pair that held a session in the last 30 days;
* completed — in a pair that completed the programme, or whose enrolment is completed.

For sponsors, two stages of a column never both show when they differ by 1 to 4 people (the
smaller is hidden), and a drop-off is shown only when it stands for at least the minimum
group size (:func:`~rementor.analytics.suppression.suppress_counts`,
:func:`~rementor.analytics.suppression.difference`). The sponsors' home page shows the
funnel's "enrolled" figures, hidden exactly as here (:func:`funnels`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import pgettext

from rementor.analytics import suppression
from rementor.analytics.impact.stat import (
    ROLES,
    TOTAL,
    Stat,
    State,
    hidden_counts,
    stat_for,
    withheld,
)
from rementor.analytics.results_cache import cached
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import MentoringSession, SessionStatus
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme
from rementor.programmes.queries import ACCEPTED
from rementor.training.queries import finished_condition

ACTIVE_DAYS = 30
# The managers' "accepted" head-count, defined once (programmes.queries).
ENROLLED = ACCEPTED


@dataclass(frozen=True)
class FunnelStage:
    key: str
    label: str
    by_role: Mapping[str, Stat]  # "mentee", "mentor", "total"; value = people
    # Previous stage minus this one, when positive and both are shown (for sponsors: when it
    # stands for at least the minimum group size).
    drop_off: Mapping[str, int | None]


def stage_labels() -> list[tuple[str, str]]:
    return [
        ("invited", pgettext("funnel", "Invited")),
        ("enrolled", pgettext("funnel", "Enrolled")),
        ("trained", pgettext("funnel", "Trained")),
        ("matched", pgettext("funnel", "Matched")),
        ("active", pgettext("funnel", "Active")),
        ("completed", pgettext("funnel", "Completed")),
    ]


def funnel(
    *, programme: Programme, people: Q, now: dt.datetime, min_size: int | None
) -> tuple[FunnelStage, ...]:
    """Two queries (:func:`_counts`)."""
    enrollments = Enrollment.objects.filter(people, programme=programme)
    counts = _counts(enrollments, [programme.pk], now=now).get(programme.pk, {})
    return _stages(counts, min_size=min_size)


def funnels(
    *, programmes: Iterable[Programme], for_sponsor: bool, now: dt.datetime | None = None
) -> dict[int, tuple[FunnelStage, ...]]:
    """The funnel of each programme, exactly as its results page shows it (for sponsors: the
    same figures hidden), in two queries whatever their number: what a page listing several
    programmes shows of their people (the sponsors' home page). Without ``now``, read from
    the cache until their data changes (:mod:`rementor.analytics.results_cache`)."""
    ids = [programme.pk for programme in programmes]
    if now is None:
        return cached(
            ("funnels", for_sponsor, ",".join(map(str, sorted(ids)))),
            lambda: _funnels(ids, for_sponsor=for_sponsor, now=timezone.now()),
        )
    return _funnels(ids, for_sponsor=for_sponsor, now=now)


def _funnels(
    ids: list[int], *, for_sponsor: bool, now: dt.datetime
) -> dict[int, tuple[FunnelStage, ...]]:
    min_size = settings.RM_MIN_GROUP_SIZE if for_sponsor else None
    counts = _counts(Enrollment.objects.filter(programme__in=ids), ids, now=now)
    return {pk: _stages(counts.get(pk, {}), min_size=min_size) for pk in ids}


# --------------------------------------------------------------------------- counting


def _in_pair(pairs: QuerySet) -> Q:
    """The enrolment is the mentee or the mentor of one of ``pairs``: a set each database
    builds once (``IN``), not a lookup per enrolment (``EXISTS``, which PostgreSQL runs row
    by row when it is counted rather than filtered on)."""
    return Q(pk__in=pairs.values("mentee")) | Q(pk__in=pairs.values("mentor"))


def _counts(
    enrollments: QuerySet, programme_ids: list[int], *, now: dt.datetime
) -> dict[int, dict]:
    """Two queries: every stage's count per role, for each programme of ``enrollments``
    (programme id -> (stage, role) -> people, TOTAL included), and the programmes' modules
    (:func:`~rementor.training.queries.finished_condition`: who finished training is a set
    the database builds once, not two counts per person)."""
    trained = finished_condition(programme_ids)
    recent = now - dt.timedelta(days=ACTIVE_DAYS)
    held = MentoringSession.objects.filter(
        status=SessionStatus.HELD, starts_at__gte=recent, starts_at__lte=now
    ).order_by()
    matched = _in_pair(Pair.objects.order_by())
    active = Q(pk__in=held.values("pair__mentee")) | Q(pk__in=held.values("pair__mentor"))
    completed_pair = _in_pair(Pair.objects.filter(status=PairStatus.COMPLETED).order_by())
    rows = (
        enrollments.order_by()
        .values("programme", "role")
        .annotate(
            invited=Count("pk"),
            enrolled=Count("pk", filter=Q(status__in=ENROLLED)),
            trained=Count("pk", filter=Q(status__in=ENROLLED) & trained),
            matched=Count("pk", filter=Q(status__in=ENROLLED) & matched),
            active=Count("pk", filter=active),
            completed=Count("pk", filter=completed_pair | Q(status=EnrollmentStatus.COMPLETED)),
        )
    )
    result: dict[int, dict] = {}
    for row in rows:
        counts = result.setdefault(row["programme"], {})
        for key, _label in stage_labels():
            counts[(key, row["role"])] = row[key]
            counts[(key, TOTAL)] = counts.get((key, TOTAL), 0) + row[key]
    return result


# --------------------------------------------------------------------------- showing


def _stages(
    counts: Mapping[tuple[str, str], int], *, min_size: int | None
) -> tuple[FunnelStage, ...]:
    labels = stage_labels()
    hidden = _hidden(counts, labels, min_size=min_size)
    stages = []
    previous: dict[str, Stat] | None = None
    for key, label in labels:
        by_role = _stage_figures(key, counts, hidden, min_size=min_size)
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
    return withheld(tuple(stages), hidden)


def _hidden(
    counts: Mapping[tuple[str, str], int],
    labels: list[tuple[str, str]],
    *,
    min_size: int | None,
) -> set:
    return hidden_counts(
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


def _stage_figures(
    key: str, counts: Mapping[tuple[str, str], int], hidden: set, *, min_size: int | None
) -> dict[str, Stat]:
    by_role = {
        role: stat_for(
            counts.get((key, role), 0),
            counts.get((key, role), 0),
            hidden=(key, role) in hidden,
            min_size=min_size,
        )
        for role in (*ROLES, TOTAL)
    }
    # An empty stage shows 0 whoever looks.
    return {
        role: (Stat(State.SHOWN, value=0, n=0) if stat.state == State.EMPTY else stat)
        for role, stat in by_role.items()
    }


def _count(stat: Stat) -> int | None:
    return int(stat.value) if stat.shown and stat.value is not None else None
