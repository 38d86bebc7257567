"""Idea pages and the ideas part of the pair page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rementor.mentoring import concerns as domain
from rementor.mentoring.models import Idea
from tests.factories import DepartmentFactory, client_for
from tests.rementor.matching.factories import matching_programme
from tests.rementor.mentoring.factories import make_pair, render_tag

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.django_db
def test_idea_create_logs_the_idea_with_its_department():
    pair, mentee_user, _ = make_pair()
    marketing = DepartmentFactory(name="Marketing")
    response = client_for(mentee_user).post(
        reverse("mentoring:idea_create", args=[pair.pk]),
        {
            "title": "Reverse-mentoring podcast",
            "description": "Short episodes by pairs",
            "department": marketing.pk,
        },
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert (idea.pair, idea.author, idea.department) == (pair, mentee_user, marketing)


@pytest.mark.django_db
def test_idea_create_without_description_keeps_the_title():
    pair, _, mentor_user = make_pair()
    response = client_for(mentor_user).post(
        reverse("mentoring:idea_create", args=[pair.pk]), {"title": "Teams tips"}, **EN
    )
    assert response.status_code == 200 and "description" in response.context["form"].errors
    assert 'value="Teams tips"' in response.content.decode()


@pytest.mark.django_db
def test_log_idea_closed_pair_or_outsider_is_refused(manager):
    pair, mentee_user, _ = make_pair()
    with pytest.raises(PermissionDenied):
        domain.log_idea(pair=pair, by=manager, title="x", description="y")
    pair.status = "completed"
    pair.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        domain.log_idea(pair=pair, by=mentee_user, title="x", description="y")
    response = client_for(mentee_user).get(reverse("mentoring:idea_create", args=[pair.pk]))
    assert response.status_code == 302


@pytest.mark.django_db
def test_ideas_section_lists_the_pairs_ideas(manager):
    pair, mentee_user, mentor_user = make_pair()
    domain.log_idea(pair=pair, by=mentee_user, title="Podcast", description="Short episodes")
    member = render_tag("ideas_section", pair, mentor_user)
    assert "Podcast" in member and reverse("mentoring:idea_create", args=[pair.pk]) in member
    managers = render_tag("ideas_section", pair, manager)
    assert reverse("mentoring:idea_list", args=[pair.programme.slug]) in managers
    assert reverse("mentoring:idea_create", args=[pair.pk]) not in managers


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_idea_list_queries_do_not_grow(manager, count, django_assert_num_queries):
    programme = matching_programme()
    for n in range(count):
        pair, mentee_user, _ = make_pair(programme=programme)
        domain.log_idea(
            pair=pair,
            by=mentee_user,
            title=f"Idea {n}",
            description="Details",
            department=DepartmentFactory(),
        )
    client = client_for(manager)
    url = reverse("mentoring:idea_list", args=[programme.slug])
    client.get(url)
    # session, user, programme, departments of the filter, count, a page of ideas (with
    # their joins), the programme's adopted ideas, the header's name
    with django_assert_num_queries(8):
        response = client.get(url, **EN)
    html = response.content.decode()
    assert all(f"Idea {n}" in html for n in range(count))
