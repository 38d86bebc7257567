"""The tracker's training figures (``transitions.facts``): who takes part and who has
modules left, counted by the database — the same figures as reading each trainee's
completions one by one, in a number of queries that does not grow with the programme."""

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rementor.cockpit.transitions import facts
from rementor.people.queries import still_in_company
from rementor.programmes.models import EnrollmentStatus, Role
from rementor.training.models import Audience, TrainingCompletion, TrainingModule
from rementor.training.queries import TRAINEE_STATUSES, audiences_for
from tests.factories import EnrollmentFactory, ProgrammeFactory, client_for

pytestmark = pytest.mark.django_db


def _training(programme) -> tuple[int, int]:
    known = facts(programme=programme)
    return known.trainees, known.trainees_behind


def _row_by_row(programme) -> tuple[int, int]:
    """The former reading: each trainee's count of completed published modules of their
    audience, compared in Python with the number they are asked to take."""
    total = {
        role: TrainingModule.objects.filter(
            programme=programme, is_published=True, audience__in=audiences_for(role)
        ).count()
        for role in (Role.MENTEE, Role.MENTOR)
    }

    def done_in(role: str) -> Q:
        return Q(role=role) & Q(
            training_completions__module__is_published=True,
            training_completions__module__audience__in=audiences_for(role),
        )

    rows = (
        still_in_company(programme.enrollments.filter(status__in=TRAINEE_STATUSES))
        .annotate(
            done=Count("training_completions", filter=done_in(Role.MENTEE) | done_in(Role.MENTOR))
        )
        .values_list("role", "done")
    )
    trainees = behind = 0
    for role, done in rows:
        trainees += 1
        behind += done < total[role]
    return trainees, behind


def _module(programme, audience, *, published=True) -> TrainingModule:
    return TrainingModule.objects.create(
        programme=programme,
        audience=audience,
        title_fr="Module",
        title_en="Module",
        body_fr="Texte",
        body_en="Text",
        is_published=published,
    )


def _done(enrollment, *modules) -> None:
    for module in modules:
        TrainingCompletion.objects.create(module=module, enrollment=enrollment)


def _world(scale: int):
    """Mentors and mentees at every stage of their modules, ``scale`` times over, with an
    unpublished module, someone who left and someone declined."""
    programme = ProgrammeFactory()
    both, mentee_only = _module(programme, Audience.BOTH), _module(programme, Audience.MENTEE)
    mentor_only = _module(programme, Audience.MENTOR)
    draft = _module(programme, Audience.BOTH, published=False)
    for _ in range(scale):
        mentee = lambda **kw: EnrollmentFactory(programme=programme, role=Role.MENTEE, **kw)  # noqa: E731
        mentor = lambda **kw: EnrollmentFactory(programme=programme, role=Role.MENTOR, **kw)  # noqa: E731
        _done(mentee(), both, mentee_only)  # finished
        _done(mentee(), both, mentee_only, mentor_only)  # finished, and one more
        _done(mentee(), both, draft)  # the draft does not count
        mentee()  # nothing done
        _done(mentor(), both, mentor_only)  # finished
        _done(mentor(), mentor_only, mentee_only)  # another audience's module: behind
        left = mentee()
        left.person.is_active = False
        left.person.save()
        _done(mentee(status=EnrollmentStatus.DECLINED), both)  # not a trainee
    return programme


@pytest.mark.parametrize("scale", [1, 3])
def test_training_figures_are_those_of_the_row_by_row_reading(scale):
    programme = _world(scale)
    assert _training(programme) == _row_by_row(programme) == (6 * scale, 3 * scale)


def test_without_modules_nobody_is_behind():
    programme = ProgrammeFactory()
    EnrollmentFactory(programme=programme, role=Role.MENTEE)
    EnrollmentFactory(programme=programme, role=Role.MENTOR)
    assert _training(programme) == _row_by_row(programme) == (2, 0)


def test_a_module_withdrawn_from_publication_no_longer_holds_anyone_back():
    programme = _world(1)
    TrainingModule.objects.filter(programme=programme, audience=Audience.MENTEE).update(
        is_published=False
    )
    assert _training(programme) == _row_by_row(programme) == (6, 2)


def _page_queries(client, programme) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("programmes:detail", args=[programme.slug]))
    assert response.status_code == 200
    return len(captured)


def test_the_programme_page_reads_as_many_queries_whatever_its_size(manager):
    client = client_for(manager)
    small, large = _world(1), _world(4)
    _page_queries(client, small)  # warm-up: the session, the caches
    assert _page_queries(client, small) == _page_queries(client, large)
