""" "What to do next" on the home page: check-ins when due (gone once answered), training
left in the right plural, dates in the interface language."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rementor.mentoring import feedback
from rementor.mentoring.models import CheckInKind
from rementor.mentoring.next_steps import steps_for
from rementor.programmes.models import EnrollmentStatus, ProgrammeStatus, Role
from rementor.skills.domain import ItemInput, submit_baseline
from rementor.skills.models import Skill
from rementor.training.domain import install_default_modules
from rementor.training.models import TrainingCompletion
from rementor.training.queries import modules_for
from tests.factories import EnrollmentFactory, UserFactory, client_for
from tests.rementor.matching.factories import matching_programme
from tests.rementor.mentoring.factories import check_in_answers, in_last_month, make_pair

pytestmark = pytest.mark.django_db


def _urls(user) -> list[str]:
    with translation.override("en"):
        return [step.url for step in steps_for(user)]


def _texts(user, language="en") -> list[str]:
    with translation.override(language):
        return [step.text for step in steps_for(user)]


def _check_in_url(pair, kind):
    return reverse("mentoring:check_in", args=[pair.pk, kind])


def test_no_check_in_step_before_mid_term():
    pair, mentee_user, mentor_user = make_pair()  # the programme is not half-way yet

    for user in (mentee_user, mentor_user):
        assert _check_in_url(pair, "midterm") not in _urls(user)
        assert _check_in_url(pair, "final") not in _urls(user)


def test_mid_term_check_in_step_when_half_way_for_both_members():
    pair, mentee_user, mentor_user = make_pair()
    programme = pair.programme
    programme.start_date = timezone.localdate() - dt.timedelta(days=60)
    programme.end_date = timezone.localdate() + dt.timedelta(days=50)
    programme.save()

    for user in (mentee_user, mentor_user):
        urls = _urls(user)
        assert _check_in_url(pair, "midterm") in urls
        assert _check_in_url(pair, "final") not in urls
    assert "Answer the mid-term check-in: how is your pair going so far?" in _texts(mentee_user)
    assert (
        "Répondez au point d’étape à mi-parcours : comment se passe votre binôme jusqu’ici ?"
        in _texts(mentor_user, "fr")
    )


def test_check_in_steps_disappear_once_answered_by_each_member():
    pair, mentee_user, mentor_user = make_pair()
    in_last_month(pair)
    assert _check_in_url(pair, "final") in _urls(mentee_user)
    assert "Answer the final check-in: how did your pair go?" in _texts(mentor_user)

    feedback.submit_check_in(
        pair=pair, by=mentor_user, kind=CheckInKind.MIDTERM, **check_in_answers()
    )
    feedback.submit_check_in(
        pair=pair, by=mentor_user, kind=CheckInKind.FINAL, **check_in_answers()
    )

    mentor_urls = _urls(mentor_user)
    assert _check_in_url(pair, "midterm") not in mentor_urls
    assert _check_in_url(pair, "final") not in mentor_urls
    # The mentee has not answered: theirs stay.
    assert _check_in_url(pair, "midterm") in _urls(mentee_user)
    assert _check_in_url(pair, "final") in _urls(mentee_user)

    linkedin = Skill.objects.get(code="linkedin")
    feedback.submit_check_in(
        pair=pair,
        by=mentee_user,
        kind=CheckInKind.FINAL,
        **check_in_answers(),
        assessment_items=[ItemInput(skill_id=linkedin.pk, level=2, target=3, priority=3)],
    )
    assert _check_in_url(pair, "final") not in _urls(mentee_user)
    assert _check_in_url(pair, "midterm") in _urls(mentee_user)


def test_check_in_step_shown_on_home_page_and_pair_page():
    pair, mentee_user, _mentor_user = make_pair()
    in_last_month(pair)
    client = client_for(mentee_user)

    home = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    pair_page = client.get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert _check_in_url(pair, "final") in home
    assert "Answer the final check-in and say where your skills stand now." in home
    assert f'href="{_check_in_url(pair, "final")}"' in pair_page


def test_no_check_in_step_for_a_closed_pair():
    pair, mentee_user, _mentor_user = make_pair()
    in_last_month(pair)
    pair.status = "completed"
    pair.save(update_fields=["status"])

    assert not [url for url in _urls(mentee_user) if "check-ins" in url]
    assert feedback.check_ins_waiting(pair, pair.mentee) == []


def _keep_modules(enrollment, count: int) -> None:
    """Leave ``count`` modules to take: the others are completed."""
    for module in list(modules_for(enrollment))[count:]:
        TrainingCompletion.objects.create(module=module, enrollment=enrollment)


@pytest.mark.parametrize(
    ("left", "english", "french"),
    [
        (1, "Finish your training: 1 module left.", "Terminez votre formation : encore 1 module."),
        (
            2,
            "Finish your training: 2 modules left.",
            "Terminez votre formation : encore 2 modules.",
        ),
    ],
)
def test_training_step_plural(left, english, french):
    pair, mentee_user, _mentor_user = make_pair()
    install_default_modules(programme=pair.programme)
    assert modules_for(pair.mentee).count() >= 2
    _keep_modules(pair.mentee, left)

    assert english in _texts(mentee_user)
    assert french in _texts(mentee_user, "fr")


def test_next_session_step_says_the_date_day_month_in_english_and_1er_in_french():
    pair, mentee_user, mentor_user = make_pair()
    today = timezone.localdate()
    first = (today.replace(day=1) + dt.timedelta(days=40)).replace(day=1)
    when = dt.datetime(first.year, first.month, 1, 10, 0, tzinfo=timezone.get_current_timezone())
    pair.sessions.create(starts_at=when, created_by=mentor_user)

    english = next(t for t in _texts(mentee_user) if "next session" in t)
    french = next(t for t in _texts(mentee_user, "fr") if "prochaine séance" in t)

    assert f": 1 {first:%B %Y}, 10:00." in english
    assert ": 1er " in french and " à 10:00." in french


def _programme(status):
    programme = matching_programme()
    programme.status = status
    programme.save(update_fields=["status"])
    return programme


def _needs_url(programme):
    return reverse("programmes:my_needs", args=[programme.slug])


def test_an_invited_mentee_is_asked_for_their_needs_until_they_give_them():
    programme = _programme(ProgrammeStatus.RECRUITING)
    user = UserFactory(language="fr")
    enrollment = EnrollmentFactory(
        programme=programme, person=user.person, role=Role.MENTEE, status=EnrollmentStatus.INVITED
    )
    assert _needs_url(programme) in _urls(user)
    assert any(
        f"ce que vous aimeriez apprendre dans {programme.name}" in t for t in _texts(user, "fr")
    )
    skill = programme.skills.first()
    submit_baseline(
        enrollment=enrollment,
        items=[ItemInput(skill_id=skill.pk, level=1, target=3, priority=3)],
        wishes="",
    )
    assert _needs_url(programme) not in _urls(user)


def test_no_needs_step_for_a_mentor_a_withdrawn_mentee_or_a_running_programme():
    recruiting = _programme(ProgrammeStatus.RECRUITING)
    running = _programme(ProgrammeStatus.RUNNING)
    user = UserFactory()
    EnrollmentFactory(programme=recruiting, person=user.person, role=Role.MENTOR)
    other = UserFactory()
    EnrollmentFactory(
        programme=recruiting,
        person=other.person,
        role=Role.MENTEE,
        status=EnrollmentStatus.WITHDRAWN,
    )
    late = UserFactory()
    EnrollmentFactory(programme=running, person=late.person, role=Role.MENTEE)
    assert _urls(user) == [] and _urls(other) == [] and _urls(late) == []


def test_before_the_programme_runs_the_leader_plans_rather_than_books():
    pair, _mentee_user, mentor_user = make_pair()
    book = reverse("mentoring:book_session", args=[pair.pk])
    assert book in _urls(mentor_user)
    pair.programme.status = ProgrammeStatus.MATCHING
    pair.programme.save(update_fields=["status"])
    urls = _urls(mentor_user)
    assert book not in urls
    assert reverse("mentoring:plan_session", args=[pair.pk]) in urls
    # The pair page says why there is no booking button, and keeps "plan a session".
    page = client_for(mentor_user).get(reverse("mentoring:pair", args=[pair.pk]))
    html = page.content.decode()
    assert 'data-testid="book-session"' not in html
    assert 'data-testid="plan-session"' in html
    assert "Booking from your free times opens when the programme starts" in html or (
        "La réservation parmi vos créneaux libres" in html
    )


def test_steps_name_the_programme_when_someone_has_pairs_in_two_programmes(client):
    first, mentee_user, _mentor = make_pair()
    second, _other_mentee, _other_mentor = make_pair()
    second.mentee.person = mentee_user.person
    second.mentee.save()
    steps = steps_for(mentee_user)
    named = {step.programme for step in steps}
    assert named == {first.programme.name, second.programme.name}
    page = client_for(mentee_user).get(reverse("home")).content.decode()
    assert page.count('data-testid="step-programme"') == len(steps)


def test_steps_do_not_name_the_programme_when_there_is_one():
    _pair, mentee_user, _mentor = make_pair()
    assert steps_for(mentee_user)
    assert {step.programme for step in steps_for(mentee_user)} == {""}
