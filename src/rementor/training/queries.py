"""Read side of training: which modules a participant is asked to take, and how far each
participant (and each module) has got."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

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


def not_finished_counts(programmes: QuerySet[Programme]) -> dict[int, int]:
    """{programme id: people whose training is not finished} for ``programmes``, in one query
    whatever their number (the same people as :func:`not_finished` picks one by one)."""
    required, done = module_counts()
    return dict(
        still_in_company(
            Enrollment.objects.filter(programme__in=programmes, status=EnrollmentStatus.ACCEPTED)
        )
        .alias(required=Coalesce(required, 0), done=Coalesce(done, 0))
        .filter(done__lt=F("required"))
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values_list("programme", "n")
    )
