"""Read side of training: which modules a participant is asked to take, and how far each
participant (and each module) has got."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, Value, When

from rementor.people.queries import has_left, name_order, still_in_company
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.programmes.queries import ACCEPTED
from rementor.training.models import Audience, TrainingCompletion, TrainingModule

# Who is expected to train: people taking part (not the invited, declined or withdrawn).
# The managers' "accepted" head-count, defined once in programmes.queries.
TRAINEE_STATUSES = ACCEPTED


def audiences_for(role: str) -> list[str]:
    """The audiences a mentor or a mentee belongs to."""
    return [Audience.BOTH, Audience.MENTOR if role == Role.MENTOR else Audience.MENTEE]


def modules_for(enrollment: Enrollment) -> QuerySet[TrainingModule]:
    """The published modules ``enrollment`` is asked to take, in order."""
    return TrainingModule.objects.filter(
        programme_id=enrollment.programme_id,
        is_published=True,
        audience__in=audiences_for(enrollment.role),
    )


def modules_left(enrollment: Enrollment) -> int:
    """How many of ``enrollment``'s modules are not completed yet (two queries)."""
    modules = modules_for(enrollment)
    done = TrainingCompletion.objects.filter(enrollment=enrollment, module__in=modules).count()
    return modules.count() - done


@dataclass
class Progress:
    enrollment: Enrollment
    total: int = 0
    done: int = 0
    missing: list[TrainingModule] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


def progress_of(enrollments: Iterable[Enrollment], programme: Programme) -> list[Progress]:
    """Each enrolment's training progress in ``programme`` (two queries whatever the count)."""
    enrollments = list(enrollments)
    modules = list(programme.training_modules.filter(is_published=True))
    done = set(
        TrainingCompletion.objects.filter(
            enrollment__in=enrollments, module__in=modules
        ).values_list("enrollment_id", "module_id")
    )
    result = []
    for enrollment in enrollments:
        progress = Progress(enrollment)
        for module in modules:
            if module.audience in audiences_for(enrollment.role):
                progress.total += 1
                if (enrollment.pk, module.pk) in done:
                    progress.done += 1
                else:
                    progress.missing.append(module)
        result.append(progress)
    return result


def completion_table(programme: Programme) -> dict[str, list[Progress]]:
    """Training progress of everyone taking part, by role, those furthest behind first."""
    trainees = (
        Enrollment.objects.filter(programme=programme, status__in=TRAINEE_STATUSES)
        .select_related("person", "person__user")
        .order_by(*name_order("person"))
    )
    table: dict[str, list[Progress]] = {Role.MENTEE: [], Role.MENTOR: []}
    for progress in progress_of(trainees, programme):
        table[progress.enrollment.role].append(progress)
    for rows in table.values():
        rows.sort(key=lambda p: p.finished)
    return table


def module_completion_counts(programme: Programme) -> dict[int, int]:
    """How many people completed each module of ``programme``."""
    return dict(
        TrainingModule.objects.filter(programme=programme)
        .annotate(
            n=Count("completions", filter=Q(completions__enrollment__status__in=TRAINEE_STATUSES))
        )
        .values_list("pk", "n")
    )


# The training page's filter on the people below ("?show=not_finished").
NOT_FINISHED = "not_finished"

# Training not finished, as the managers' home counts it and the training page filters it: a
# person taking part (accepted; not invited, declined, withdrawn or done with the programme),
# still in the company, who has not completed every published module of their audience.


def not_finished(progress: Progress) -> bool:
    """Whether ``progress`` is one of the people whose training is not finished (above)."""
    enrollment = progress.enrollment
    return (
        not progress.finished
        and enrollment.status == EnrollmentStatus.ACCEPTED
        and not has_left(enrollment.person)
    )


def module_counts() -> tuple[Subquery, Subquery]:
    """For an enrolment query (``OuterRef`` to its ``role``, ``programme`` and ``pk``): the
    published modules of its audience, and how many of them it completed — the one
    definition of "training finished" the funnel, the attention list and reminders share."""
    required = (
        TrainingModule.objects.filter(
            Q(audience=OuterRef("role")) | Q(audience=Audience.BOTH),
            programme=OuterRef("programme"),
            is_published=True,
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
    return Subquery(required), Subquery(done)


def finished_condition(programme_ids: Iterable[int]) -> Q:
    """A condition on enrolments of ``programme_ids``: completed every published module of
    their audience (the definition :func:`module_counts` counts row by row). One query for
    the modules; the rest is evaluated by the database as a set lookup — one pass over the
    completions, however many people — instead of two counts per person."""
    programme_ids = list(programme_ids)
    roles = (Role.MENTEE, Role.MENTOR)
    required: dict[tuple[int, str], list[int]] = {
        (programme_id, role): [] for programme_id in programme_ids for role in roles
    }
    modules = TrainingModule.objects.filter(programme__in=programme_ids, is_published=True)
    for pk, programme_id, audience in modules.values_list("pk", "programme_id", "audience"):
        for role in roles:
            if audience in audiences_for(role):
                required[programme_id, role].append(pk)
    condition = Q(pk__in=[])  # nobody, when there is no programme
    for (programme_id, role), module_ids in required.items():
        of = Q(programme_id=programme_id, role=role)
        if not module_ids:  # nothing to take: finished
            condition |= of
            continue
        # A completion is unique per module and enrolment: all done when there are as many.
        all_done = (
            TrainingCompletion.objects.filter(module_id__in=module_ids)
            .order_by()
            .values("enrollment_id")
            .annotate(n=Count("pk"))
            .filter(n=len(module_ids))
            .values("enrollment_id")
        )
        condition |= of & Q(pk__in=all_done)
    return condition


def not_finished_people(
    enrollments: QuerySet[Enrollment], *, finished: Q | None = None
) -> QuerySet[Enrollment]:
    """Those of ``enrollments`` whose training is not finished, as the managers' home counts
    them (see above); ``finished``: :func:`finished_condition` of their programmes."""
    if finished is None:
        programme_ids = enrollments.order_by().values_list("programme_id", flat=True).distinct()
        finished = finished_condition(programme_ids)
    return still_in_company(enrollments.filter(status=EnrollmentStatus.ACCEPTED)).exclude(finished)


def not_finished_counts(programmes: Iterable[int] | QuerySet[Programme]) -> dict[int, int]:
    """{programme id: people whose training is not finished} for ``programmes`` (ids), in two
    queries whatever their number (the same people as :func:`not_finished` picks one by one)."""
    programme_ids = [getattr(p, "pk", p) for p in programmes]
    people = Enrollment.objects.filter(programme__in=programme_ids)
    return dict(
        not_finished_people(people, finished=finished_condition(programme_ids))
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values_list("programme", "n")
    )


def trainees(
    *, programme: Programme, role: str, finished: Q, only_not_finished: bool = False
) -> QuerySet[Enrollment]:
    """The rows of the training page for ``role``: those taking part, the ones who have not
    finished first, then by name (``only_not_finished``: those of :func:`not_finished_people`
    only); ``finished`` is :func:`finished_condition` of ``programme``. A queryset, so that
    the page reads one slice of it."""
    people = Enrollment.objects.filter(
        programme=programme, role=role, status__in=TRAINEE_STATUSES
    ).select_related("person", "person__user")
    if only_not_finished:
        people = not_finished_people(people, finished=finished)
    return people.alias(is_finished=Case(When(finished, then=Value(1)), default=Value(0))).order_by(
        "is_finished", *name_order("person")
    )
