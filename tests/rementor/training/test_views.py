"""Training pages: participants take modules and their quiz; managers edit and remind."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from rementor.people.models import Person
from rementor.programmes.models import EnrollmentStatus
from rementor.training.domain import complete_module, install_default_modules
from rementor.training.models import TrainingCompletion, TrainingModule
from rementor.training.queries import modules_for
from tests.factories import EnrollmentFactory, UserFactory, client_for
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def trained_pair():
    pair, mentee_user, mentor_user = make_pair(language="en")
    install_default_modules(programme=pair.programme)
    return pair, mentee_user, mentor_user


def _module(pair, code):
    return TrainingModule.objects.get(programme=pair.programme, code=code)


def test_my_training_lists_the_modules_of_my_role_with_status(trained_pair):
    pair, mentee_user, _ = trained_pair
    module = _module(pair, "objectives")
    complete_module(
        module=module,
        enrollment=pair.mentee,
        answers={q.pk: q.correct_index for q in module.questions.all()},
    )
    response = client_for(mentee_user).get(
        reverse("training:my_training", args=[pair.programme.slug]), **EN
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Learning from a junior colleague" in html
    assert "Teaching a senior colleague" not in html
    assert html.count('data-status="done"') == 1 and html.count('data-status="todo"') == 3


def test_module_page_renders_markdown_safely(trained_pair):
    pair, mentee_user, _ = trained_pair
    module = _module(pair, "dynamic")
    module.body_en = "## Hi\n\n<script>alert(1)</script>**bold**"
    module.save()
    response = client_for(mentee_user).get(reverse("training:module", args=[module.pk]), **EN)
    html = response.content.decode()
    assert "<strong>bold</strong>" in html and "alert(1)" not in html


def test_module_quiz_wrong_answer_shows_which_and_keeps_choices(trained_pair):
    pair, mentee_user, _ = trained_pair
    module = _module(pair, "confidentiality")
    questions = list(module.questions.all())
    data = {f"q{q.pk}": q.correct_index for q in questions}
    data[f"q{questions[0].pk}"] = (questions[0].correct_index + 1) % 3
    response = client_for(mentee_user).post(
        reverse("training:module", args=[module.pk]), data, **EN
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-question="{questions[0].pk}" data-wrong="1"' in html
    assert f'data-question="{questions[1].pk}" data-wrong' not in html
    assert "checked" in html  # what they chose is kept
    assert not TrainingCompletion.objects.exists()


def test_module_quiz_all_right_completes_the_module(trained_pair):
    pair, mentee_user, _ = trained_pair
    module = _module(pair, "confidentiality")
    data = {f"q{q.pk}": q.correct_index for q in module.questions.all()}
    response = client_for(mentee_user).post(reverse("training:module", args=[module.pk]), data)
    assert response.status_code == 302
    assert TrainingCompletion.objects.get().enrollment == pair.mentee


def test_module_of_the_other_audience_is_forbidden(trained_pair):
    pair, mentee_user, _ = trained_pair
    module = _module(pair, "teaching-senior")
    url = reverse("training:module", args=[module.pk])
    assert client_for(mentee_user).get(url).status_code == 403


def test_unpublished_module_is_hidden_from_participants(trained_pair, manager):
    pair, mentee_user, _ = trained_pair
    module = _module(pair, "dynamic")
    client_for(manager).post(reverse("training:module_publish", args=[module.pk]), {"publish": "0"})
    module.refresh_from_db()
    assert not module.is_published
    url = reverse("training:module", args=[module.pk])
    assert client_for(mentee_user).get(url).status_code == 404
    assert client_for(manager).get(url).status_code == 200


def test_manager_creates_a_module_with_a_quiz(trained_pair, manager):
    pair, _, _ = trained_pair
    url = reverse("training:module_create", args=[pair.programme.slug])
    data = {
        "audience": "mentee",
        "title_fr": "Outils",
        "title_en": "Tools",
        "body_fr": "# Outils",
        "body_en": "# Tools",
        "duration_minutes": "5",
        "position": "60",
        "is_published": "on",
        "quiz-TOTAL_FORMS": "2",
        "quiz-INITIAL_FORMS": "0",
        "quiz-0-text_fr": "Quel outil ?",
        "quiz-0-text_en": "Which tool?",
        "quiz-0-options_fr": "Slack\nFax",
        "quiz-0-options_en": "Slack\nFax",
        "quiz-0-correct": "1",
    }
    response = client_for(manager).post(url, data)
    assert response.status_code == 302
    module = TrainingModule.objects.get(title_en="Tools")
    (question,) = module.questions.all()
    assert question.options_en == ["Slack", "Fax"] and question.correct_index == 0


def test_manager_module_form_keeps_input_and_names_the_field(trained_pair, manager):
    pair, _, _ = trained_pair
    url = reverse("training:module_create", args=[pair.programme.slug])
    data = {
        "audience": "mentee",
        "title_fr": "Outils",
        "title_en": "Tools",
        "body_fr": "x",
        "body_en": "y",
        "duration_minutes": "5",
        "position": "60",
        "quiz-TOTAL_FORMS": "1",
        "quiz-INITIAL_FORMS": "0",
        "quiz-0-text_fr": "Quel outil ?",
        "quiz-0-text_en": "Which tool?",
        "quiz-0-options_fr": "Slack\nFax",
        "quiz-0-options_en": "Slack",
        "quiz-0-correct": "1",
    }
    response = client_for(manager).post(url, data, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_quiz-0-options_en_error"' in html
    assert 'value="Tools"' in html
    assert not TrainingModule.objects.filter(title_en="Tools").exists()


def test_manager_preview_renders_markdown_without_saving(trained_pair, manager):
    pair, _, _ = trained_pair
    module = _module(pair, "dynamic")
    url = reverse("training:module_edit", args=[module.pk])
    response = client_for(manager).get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {"is_published": "on", "body_en": "**Preview me**", "preview": "1"},
        **{"quiz-TOTAL_FORMS": "0", "quiz-INITIAL_FORMS": "0"},
    )
    response = client_for(manager).post(url, data)
    assert "<strong>Preview me</strong>" in response.content.decode()
    module.refresh_from_db()
    assert "Preview me" not in module.body_en


def test_manage_page_shows_who_has_not_finished(trained_pair, manager):
    pair, _, _ = trained_pair
    for module in TrainingModule.objects.filter(audience__in=["both", "mentor"]):
        complete_module(
            module=module,
            enrollment=pair.mentor,
            answers={q.pk: q.correct_index for q in module.questions.all()},
        )
    response = client_for(manager).get(reverse("training:manage", args=[pair.programme.slug]), **EN)
    html = response.content.decode()
    assert html.count('data-finished="0"') == 1 and html.count('data-finished="1"') == 1


def _press_reminder_button(user, programme, **headers):
    """Post the training page's reminder button as the browser does (its form's fields)."""
    page = reverse("training:manage", args=[programme.slug])
    html = client_for(user).get(page, **headers).content.decode()
    assert reverse("cockpit:responses_remind", args=[programme.slug]) in html
    return client_for(user).post(
        reverse("cockpit:responses_remind", args=[programme.slug]),
        {"section": "training", "next": page},
        follow=True,
        **headers,
    )


def test_send_reminders_button_mails_and_reports_count(
    trained_pair, manager, django_capture_on_commit_callbacks
):
    pair, mentee_user, mentor_user = trained_pair
    with django_capture_on_commit_callbacks(execute=True):
        response = _press_reminder_button(manager, pair.programme, **EN)
    assert response.redirect_chain[-1][0] == reverse("training:manage", args=[pair.programme.slug])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee_user.email, mentor_user.email])
    html = response.content.decode()
    assert "2 people reminded by e-mail." in html
    assert "2 people who have not finished" in html


def test_send_reminders_twice_the_same_day_mails_nobody_again(
    trained_pair, manager, django_capture_on_commit_callbacks
):
    pair, _mentee_user, _mentor_user = trained_pair
    with django_capture_on_commit_callbacks(execute=True):
        _press_reminder_button(manager, pair.programme, **EN)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _press_reminder_button(manager, pair.programme, **EN)
    assert mail.outbox == []
    assert "2 people already reminded today: not e-mailed again." in response.content.decode()


def test_send_reminders_skips_people_who_left_and_withdrew(
    trained_pair, manager, django_capture_on_commit_callbacks
):
    pair, mentee_user, mentor_user = trained_pair
    # The mentor's record says they left; their account is still open (defence in depth).
    Person.objects.filter(pk=mentor_user.person_id).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        _press_reminder_button(manager, pair.programme, **EN)
    assert [m.to for m in mail.outbox] == [[mentee_user.email]]
    pair.programme.enrollments.update(status=EnrollmentStatus.WITHDRAWN)
    response = client_for(manager).get(reverse("training:manage", args=[pair.programme.slug]), **EN)
    assert 'data-testid="send-reminders"' not in response.content.decode()


def test_send_reminders_says_one_person_in_the_singular_and_mails_in_their_language(
    trained_pair, manager, django_capture_on_commit_callbacks
):
    pair, mentee_user, _mentor_user = trained_pair
    mentee_user.language = "en"
    mentee_user.save()
    for module in TrainingModule.objects.filter(programme=pair.programme):
        TrainingCompletion.objects.get_or_create(module=module, enrollment=pair.mentor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _press_reminder_button(manager, pair.programme, HTTP_ACCEPT_LANGUAGE="fr")
    assert [m.to for m in mail.outbox] == [[mentee_user.email]]
    assert "1 personne relancée par e-mail." in response.content.decode()
    assert "Your training" in mail.outbox[0].subject
    assert f"/mentoring/programmes/{pair.programme.slug}/training/" in mail.outbox[0].body


def test_reminder_button_never_sends_back_to_another_site(
    trained_pair, manager, django_capture_on_commit_callbacks
):
    pair, _, _ = trained_pair
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(
            reverse("cockpit:responses_remind", args=[pair.programme.slug]),
            {"section": "training", "next": "https://evil.example/"},
            **EN,
        )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("cockpit:responses", args=[pair.programme.slug]))


def _add_trainees(programme, count):
    for _ in range(count):
        user = UserFactory()
        EnrollmentFactory(programme=programme, person=user.person, role="mentee")


@pytest.mark.parametrize("count", [1, 3])
def test_manage_page_query_count(count, django_assert_num_queries, manager, monkeypatch):
    from tests.factories import ProgrammeFactory

    monkeypatch.setattr("rementor.training.views.TRAINEES_PER_PAGE", 2)  # 3: over two pages
    programme = ProgrammeFactory()
    install_default_modules(programme=programme)
    _add_trainees(programme, count)
    client = client_for(manager)
    url = reverse("training:manage", args=[programme.slug])
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_my_training_query_count(count, django_assert_num_queries):
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory()
    install_default_modules(programme=programme)
    user = UserFactory()
    enrollment = EnrollmentFactory(programme=programme, person=user.person, role="mentee")
    modules = list(TrainingModule.objects.filter(programme=programme))[:count]
    for module in modules:
        TrainingCompletion.objects.create(module=module, enrollment=enrollment)
    client = client_for(user)
    url = reverse("training:my_training", args=[programme.slug])
    client.get(url)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


def test_manage_page_filters_those_who_have_not_finished(trained_pair, manager):
    from rementor.audit.events import Departure
    from rementor.people.domain import deactivate_people
    from rementor.programmes.models import EnrollmentStatus

    pair, _, _ = trained_pair
    programme = pair.programme
    done = EnrollmentFactory(programme=programme, status=EnrollmentStatus.COMPLETED)
    gone = EnrollmentFactory(programme=programme)
    deactivate_people(people=[gone.person], by=None, reason=Departure.DIRECTORY)
    url = reverse("training:manage", args=[programme.slug])
    everyone = client_for(manager).get(url, **EN).content.decode()
    assert everyone.count('data-testid="completion-row"') == 4
    only = client_for(manager).get(url, {"show": "not_finished"}, **EN).content.decode()
    # The pair's two members; not someone done with the programme, nor someone who left.
    assert only.count('data-testid="completion-row"') == 2
    assert done.person.full_name not in only and gone.person.full_name not in only
    assert "Send a reminder to the 2 people who have not finished" in only
    assert "Show everyone" in only
    french = client_for(manager).get(url, {"show": "not_finished"}).content.decode()
    assert "Afficher tout le monde" in french
    # An unknown value shows everyone.
    hostile = client_for(manager).get(url, {"show": "<x>"}, **EN)
    assert hostile.status_code == 200
    assert hostile.content.decode().count('data-testid="completion-row"') == 4


def test_manage_page_lists_a_page_of_each_role_those_not_finished_first(manager, monkeypatch):
    from tests.factories import ProgrammeFactory

    monkeypatch.setattr("rementor.training.views.TRAINEES_PER_PAGE", 2)
    programme = ProgrammeFactory()
    install_default_modules(programme=programme)
    mentees = [
        EnrollmentFactory(programme=programme, role="mentee", person__last_name=name)
        for name in ("Adamo", "Bruel", "Caron")
    ]
    EnrollmentFactory(programme=programme, role="mentor", person__last_name="Dumas")
    for module in modules_for(mentees[0]):
        TrainingCompletion.objects.create(module=module, enrollment=mentees[0])
    url = reverse("training:manage", args=[programme.slug])
    first = client_for(manager).get(url, **EN).content.decode()
    # Adamo finished: after the two who have not, so on the second page of mentees.
    assert "Bruel" in first and "Caron" in first and "Adamo" not in first
    assert "Dumas" in first and 'data-testid="mentee-pages"' in first
    assert "?mentee_page=2" in first and 'data-testid="mentor-pages"' not in first
    # The behind count is everyone's, not the page's.
    assert "Send a reminder to the 3 people who have not finished" in first
    second = client_for(manager).get(url, {"mentee_page": "2"}, **EN).content.decode()
    assert "Adamo" in second and "Bruel" not in second and "Dumas" in second
    assert second.count('data-finished="1"') == 1
    # A page number that is not one shows a page, never an error.
    for hostile in ("x", "-1", "99999"):
        response = client_for(manager).get(url, {"mentee_page": hostile}, **EN)
        assert response.status_code == 200
    only = client_for(manager).get(url, {"show": "not_finished"}, **EN).content.decode()
    assert "Adamo" not in only and "Bruel" in only and "Caron" in only
