"""The funnel's stages counted with sets of paired and active people (``IN``) rather than a
lookup per enrolment (``EXISTS``): exactly the counts of the former query (kept below as the
reference), with people in several pairs, pairs of every status, sessions on the edge of the
30 days, enrolments of every status, two programmes at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from rementor.analytics.impact import funnel
from rementor.analytics.impact.stat import TOTAL
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import MentoringSession, SessionStatus
from rementor.programmes.models import Enrollment, EnrollmentStatus, Role
from rementor.training.models import Audience, TrainingCompletion, TrainingModule
from rementor.training.queries import module_counts
from tests.factories import ProgrammeFactory
from tests.rementor.analytics.factories import enrol, held_with_pulses, pair_row

pytestmark = pytest.mark.django_db


def _in_pair(pairs: QuerySet) -> Exists:
    return Exists(pairs.filter(mentee=OuterRef("pk"))) | Exists(pairs.filter(mentor=OuterRef("pk")))


def reference_counts(enrollments: QuerySet, *, now: dt.datetime) -> dict[int, dict]:
    """The former query."""
    required, done = module_counts()
    recent = now - dt.timedelta(days=funnel.ACTIVE_DAYS)
    held = MentoringSession.objects.filter(
        status=SessionStatus.HELD, starts_at__gte=recent, starts_at__lte=now
    )
    rows = (
        enrollments.alias(
            required=Coalesce(required, 0),
            done=Coalesce(done, 0),
            matched=_in_pair(Pair.objects.all()),
            active=Exists(held.filter(pair__mentee=OuterRef("pk")))
            | Exists(held.filter(pair__mentor=OuterRef("pk"))),
            completed_pair=_in_pair(Pair.objects.filter(status=PairStatus.COMPLETED)),
        )
        .order_by()
        .values("programme", "role")
        .annotate(
            invited=Count("pk"),
            enrolled=Count("pk", filter=Q(status__in=funnel.ENROLLED)),
            trained=Count("pk", filter=Q(status__in=funnel.ENROLLED, done__gte=F("required"))),
            matched=Count("pk", filter=Q(status__in=funnel.ENROLLED, matched=True)),
            active=Count("pk", filter=Q(active=True)),
            completed=Count(
                "pk", filter=Q(completed_pair=True) | Q(status=EnrollmentStatus.COMPLETED)
            ),
        )
    )
    result: dict[int, dict] = {}
    for row in rows:
        counts = result.setdefault(row["programme"], {})
        for key, _label in funnel.stage_labels():
            counts[(key, row["role"])] = row[key]
            counts[(key, TOTAL)] = counts.get((key, TOTAL), 0) + row[key]
    return result


def _programme(pairs: int):
    programme = ProgrammeFactory()
    statuses = list(PairStatus)
    made = []
    for index in range(pairs):
        pair = pair_row(programme, status=statuses[index % len(statuses)])
        made.append(pair)
        if index % 3 == 0:
            held_with_pulses(pair, days_ago=(3, 29, 31, 45)[index % 4])
        if index % 4 == 1:
            # The same mentor in a second pair.
            Pair.objects.create(
                programme=programme,
                mentee=enrol(programme, Role.MENTEE),
                mentor=pair.mentor,
                place=2,
                mentor_capacity=2,
                status=statuses[(index + 1) % len(statuses)],
            )
    for status in EnrollmentStatus:
        enrol(programme, Role.MENTEE, status=status)
        enrol(programme, Role.MENTOR, status=status)
    module = _module(programme, Audience.BOTH)
    for pair in made[::2]:
        TrainingCompletion.objects.create(module=module, enrollment=pair.mentee)
    if pairs % 2:
        # A mentors' module and an unpublished mentees' one: a mentor who took "both" and
        # theirs is trained, one who took only "both" is not; unpublished modules never count.
        mentors_module = _module(programme, Audience.MENTOR)
        _module(programme, Audience.MENTEE, published=False)
        for index, pair in enumerate(made):
            TrainingCompletion.objects.create(module=module, enrollment=pair.mentor)
            if index % 2:
                TrainingCompletion.objects.create(module=mentors_module, enrollment=pair.mentor)
    return programme


def _module(programme, audience: str, *, published: bool = True) -> TrainingModule:
    return TrainingModule.objects.create(
        programme=programme,
        audience=audience,
        title_fr=audience,
        title_en=audience,
        body_fr="a",
        body_en="a",
        is_published=published,
    )


@pytest.mark.parametrize("pairs", [0, 1, 4, 5, 9])
def test_the_counts_of_the_former_query(pairs):
    programmes = [_programme(pairs), _programme(pairs + 2)]
    now = timezone.now()
    for enrollments in (
        Enrollment.objects.filter(programme=programmes[0]),
        Enrollment.objects.filter(programme__in=programmes),
        Enrollment.objects.filter(programme=programmes[1], person__department__name="Finance"),
    ):
        expected = reference_counts(enrollments, now=now)
        ids = sorted({e.programme_id for e in enrollments})
        assert funnel._counts(enrollments, ids, now=now) == expected
    for for_sponsor in (False, True):
        assert funnel.funnels(programmes=programmes, for_sponsor=for_sponsor, now=now) == {
            p.pk: funnel._stages(
                reference_counts(Enrollment.objects.filter(programme=p), now=now).get(p.pk, {}),
                min_size=settings.RM_MIN_GROUP_SIZE if for_sponsor else None,
            )
            for p in programmes
        }
