from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from rementor.programmes.models import Enrollment, EnrollmentStatus, Role
from rementor.selection.models import MentorApplication, MentorReview
from rementor.selection.queries import open_programmes_for
from tests.factories import UserFactory, client_for
from tests.rementor.selection.factories import (
    MentorReviewFactory,
    candidate,
    recruiting_with_one_skill,
)


@pytest.fixture
def recruiting(programme):
    return recruiting_with_one_skill(programme)


def _form(skill, **overrides):
    return {
        "motivation": "Partager ce que je sais.",
        "commitment": "3",
        "capacity": "1",
        f"skills-level_{skill.pk}": "3",
        f"skills-evidence_{skill.pk}": "https://example.org/mon-tableau",
        "prefs-languages": ["fr"],
        "prefs-slots": ["0", "4", "8"],
        "prefs-pace": "steady",
        **overrides,
    }


@pytest.mark.django_db
def test_employee_applies_then_edits(recruiting):
    user = UserFactory()
    skill = recruiting.skills.get()
    client = client_for(user)
    url = reverse("selection:apply", args=[recruiting.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(skill))
    assert response.status_code == 302
    application = MentorApplication.objects.get()
    assert application.enrollment.person == user.person
    assert application.enrollment.status == EnrollmentStatus.APPLIED
    body = client.get(url).content.decode()
    assert "Partager ce que je sais." in body and "mon-tableau" in body  # pre-filled
    client.post(url, _form(skill, motivation="Autre chose."))
    assert MentorApplication.objects.get().motivation == "Autre chose."


@pytest.mark.django_db
def test_invalid_application_keeps_input_names_the_field_and_writes_nothing(recruiting):
    skill = recruiting.skills.get()
    data = _form(skill, **{f"skills-evidence_{skill.pk}": "", "capacity": "5"})
    response = client_for(UserFactory()).post(
        reverse("selection:apply", args=[recruiting.slug]), data
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert not Enrollment.objects.filter(role=Role.MENTOR).exists()
    assert "Partager ce que je sais." in body  # kept
    assert "Tableaux de bord" in body and f'href="#id_skills-evidence_{skill.pk}"' in body
    assert 'href="#id_capacity"' in body
    assert "inférieure ou égale à 2" in body  # Django's French message names the maximum


@pytest.mark.django_db
def test_mentee_is_told_why_they_cannot_apply(recruiting, pair_member):
    response = client_for(pair_member).get(reverse("selection:apply", args=[recruiting.slug]))
    assert response.status_code == 403
    assert "Programme pilote" in response.content.decode()
    assert 'data-testid="cannot-apply"' in response.content.decode()


@pytest.mark.django_db
def test_decided_application_is_read_only(recruiting, manager):
    user = UserFactory()
    application = candidate(recruiting, user=user, status=EnrollmentStatus.DECLINED)
    application.decision_reason = "Trop peu de disponibilités."
    application.save()
    client = client_for(user)
    url = reverse("selection:apply", args=[recruiting.slug])
    body = client.get(url).content.decode()
    assert "Trop peu de disponibilités." in body and "<textarea" not in body
    client.post(url, {"motivation": "Changé", "commitment": "1", "capacity": "1"})
    assert MentorApplication.objects.get().motivation == application.motivation


@pytest.mark.django_db
def test_withdrawal_leaves_no_trace_for_managers(recruiting, manager):
    user = UserFactory()
    # A name nobody else on the page can have (a generated one may be the manager's own).
    user.person.last_name = "Désistée-Qzx"
    user.person.save()
    application = candidate(recruiting, user=user)
    MentorReviewFactory(application=application, reviewer=manager)
    client_for(user).post(reverse("selection:withdraw", args=[recruiting.slug]))
    assert not MentorReview.objects.exists()
    body = client_for(manager).get(reverse("selection:candidates", args=[recruiting.slug]))
    assert user.person.last_name not in body.content.decode()
    detail = reverse("selection:candidate", args=[recruiting.slug, application.pk])
    assert client_for(manager).get(detail).status_code == 404


@pytest.mark.django_db
def test_candidate_detail_renders_evidence_safely(recruiting, manager):
    skill = recruiting.skills.get()
    application = candidate(recruiting, levels={skill: 3})
    item = application.enrollment.assessments.get().items.get()
    item.evidence = "javascript:alert(1)"
    item.save()
    url = reverse("selection:candidate", args=[recruiting.slug, application.pk])
    body = client_for(manager).get(url).content.decode()
    assert 'href="javascript' not in body and "javascript:alert(1)" in body
    item.evidence = "https://example.org/proof"
    item.save()
    body = client_for(manager).get(url).content.decode()
    assert 'href="https://example.org/proof" rel="noopener noreferrer nofollow"' in body


@pytest.mark.django_db
def test_manager_reviews_a_candidate(recruiting, manager):
    application = candidate(recruiting)
    url = reverse("selection:review", args=[recruiting.slug, application.pk])
    response = client_for(manager).post(url, {"clarity": "5", "listening": "4"})
    assert response.status_code == 200 and not MentorReview.objects.exists()
    data = {"clarity": "5", "listening": "4", "adaptability": "3", "willingness": "4"}
    client_for(manager).post(url, {**data, "comment": "Très clair."})
    review = MentorReview.objects.get()
    assert (review.reviewer, review.clarity, review.comment) == (manager, 5, "Très clair.")


@pytest.mark.django_db
def test_candidates_sorted_and_filtered_on_the_server(recruiting, manager):
    skill = recruiting.skills.get()
    low = candidate(recruiting, levels={skill: 1})
    high = candidate(recruiting, levels={skill: 4}, status=EnrollmentStatus.ACCEPTED)
    client = client_for(manager)
    url = reverse("selection:candidates", args=[recruiting.slug])
    low_name, high_name = low.enrollment.person.full_name, high.enrollment.person.full_name

    def order(**params):
        body = client.get(url, params).content.decode()
        return body.index(low_name) < body.index(high_name)

    assert not order()  # best score first by default
    assert order(sort="expertise")
    assert not order(sort="-expertise")
    body = client.get(url, {"status": "accepted"}).content.decode()
    assert high_name in body and low_name not in body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_candidates_page_queries_do_not_grow(recruiting, manager, count, django_assert_num_queries):
    skill = recruiting.skills.get()
    for _ in range(count):
        MentorReviewFactory(application=candidate(recruiting, levels={skill: 3}))
    client = client_for(manager)
    url = reverse("selection:candidates", args=[recruiting.slug])
    # session, user, programme, needs, skills, applications with reviews, levels, the
    # departments of the filter, and the signed-in person for the navigation bar.
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_weights_are_edited_on_the_candidates_page(recruiting, manager):
    client = client_for(manager)
    url = reverse("selection:weights", args=[recruiting.slug])
    data = {"weight_expertise": "0", "weight_communication": "0", "weight_willingness": "0"}
    response = client.post(url, data)
    assert response.status_code == 200
    recruiting.refresh_from_db()
    assert recruiting.weight_expertise == 50
    client.post(url, {**data, "weight_expertise": "70", "weight_willingness": "30"})
    recruiting.refresh_from_db()
    assert (recruiting.weight_expertise, recruiting.weight_willingness) == (70, 30)


@pytest.mark.django_db
def test_open_programmes_include_links_to_the_application(recruiting):
    user = UserFactory()
    html = render_to_string(
        "selection/includes/open_programmes.html",
        {"open_programmes": open_programmes_for(user)},
    )
    assert reverse("selection:apply", args=[recruiting.slug]) in html
    assert (
        render_to_string("selection/includes/open_programmes.html", {"open_programmes": []}).strip()
        == ""
    )
