"""Objective and task pages, and the objectives part of the pair page."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rementor.mentoring import objectives as domain
from rementor.mentoring.models import Objective, ObjectiveChange, PracticeTask
from rementor.skills.models import Skill
from tests.factories import client_for
from tests.rementor.mentoring.factories import day_of, make_objective, make_pair, render_tag

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.django_db
def test_objective_create_either_member_adds_for_the_other():
    pair, _, mentor_user = make_pair()
    response = client_for(mentor_user).post(
        reverse("mentoring:objective_create", args=[pair.pk]),
        {
            "owner": "mentee",
            "title": "Build a dashboard",
            "skill": Skill.objects.get(code="web_analytics").pk,
            "target_date": day_of(pair, 75).isoformat(),
        },
    )
    assert response.status_code == 302
    objective = Objective.objects.get()
    assert (objective.owner, objective.target_date) == ("mentee", day_of(pair, 75))


@pytest.mark.django_db
def test_objective_create_without_skill_keeps_input_and_names_the_field():
    pair, mentee_user, _ = make_pair()
    response = client_for(mentee_user).post(
        reverse("mentoring:objective_create", args=[pair.pk]),
        {"owner": "mentee", "title": "Post every week", "success_criterion": "4 posts"},
        **EN,
    )
    assert response.status_code == 200
    assert "skill" in response.context["form"].errors
    page = response.content.decode()
    assert 'value="Post every week"' in page and 'value="4 posts"' in page
    assert not Objective.objects.exists()


@pytest.mark.django_db
def test_objective_adjust_view_then_detail_shows_history():
    pair, mentee_user, mentor_user = make_pair()
    objective = make_objective(pair, mentee_user)
    client = client_for(mentor_user)
    url = reverse("mentoring:objective_adjust", args=[objective.pk])
    missing_reason = client.post(
        url, {"title": objective.title, "status": "in_progress", "progress": "40"}, **EN
    )
    assert "reason" in missing_reason.context["form"].errors
    assert 'value="40"' in missing_reason.content.decode()
    response = client.post(
        url,
        {
            "title": objective.title,
            "success_criterion": objective.success_criterion,
            "target_date": day_of(pair, 91).isoformat(),
            "status": "in_progress",
            "progress": "40",
            "reason": "First post went out",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url, **EN).content.decode()
    assert "First post went out" in page and "In progress" in page and "40%" in page
    assert ObjectiveChange.objects.get().changed_by == mentor_user


@pytest.mark.django_db
def test_closed_pair_objectives_are_read_only():
    pair, mentee_user, _ = make_pair()
    objective = make_objective(pair, mentee_user)
    pair.status = "completed"
    pair.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        make_objective(pair, mentee_user)
    client = client_for(mentee_user)
    response = client.get(reverse("mentoring:objective_adjust", args=[objective.pk]), **EN)
    assert response.status_code == 302 and response.url == reverse("mentoring:pair", args=[pair.pk])
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("can no longer change" in m for m in shown)
    section = render_tag("objectives_section", pair, mentee_user)
    assert "read-only" in section
    assert reverse("mentoring:objective_create", args=[pair.pk]) not in section


@pytest.mark.django_db
def test_evidence_only_by_the_mentee_and_done_only_by_the_mentor():
    pair, mentee_user, mentor_user = make_pair()
    task = domain.add_task(pair=pair, by=mentor_user, title="Post about our last session")
    with pytest.raises(PermissionDenied):
        domain.add_evidence(task=task, by=mentor_user, note="Done")
    with pytest.raises(PermissionDenied):
        domain.mark_task_done(task=task, by=mentee_user)
    assert (
        client_for(mentor_user).get(reverse("mentoring:task_evidence", args=[task.pk])).status_code
        == 403
    )
    assert (
        client_for(mentee_user).post(reverse("mentoring:task_done", args=[task.pk])).status_code
        == 403
    )
    domain.add_evidence(task=task, by=mentee_user, link="https://linkedin.com/posts/1")
    response = client_for(mentor_user).post(reverse("mentoring:task_done", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None
    with pytest.raises(ValidationError):
        domain.add_evidence(task=task, by=mentee_user, note="Changed my mind")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://x.org/f"]
)
def test_evidence_link_must_be_a_web_link(link):
    pair, mentee_user, _ = make_pair()
    task = PracticeTask.objects.create(pair=pair, title="Try Teams")
    with pytest.raises(ValidationError):
        domain.add_evidence(task=task, by=mentee_user, link=link)
    response = client_for(mentee_user).post(
        reverse("mentoring:task_evidence", args=[task.pk]), {"evidence_link": link}, **EN
    )
    assert response.status_code == 200
    assert "evidence_link" in response.context["form"].errors
    task.refresh_from_db()
    assert task.evidence_link == ""


@pytest.mark.django_db
def test_evidence_without_link_or_note_is_refused():
    pair, mentee_user, _ = make_pair()
    task = PracticeTask.objects.create(pair=pair, title="Try Teams")
    response = client_for(mentee_user).post(
        reverse("mentoring:task_evidence", args=[task.pk]), {}, **EN
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()


@pytest.mark.django_db
def test_pair_page_shows_objectives_with_progress_and_safe_evidence_links():
    pair, mentee_user, mentor_user = make_pair()
    objective = make_objective(pair, mentee_user)
    Objective.objects.filter(pk=objective.pk).update(progress=60)
    make_objective(
        pair, mentor_user, owner="mentor", title="Explain without jargon", area="pedagogy"
    )
    task = domain.add_task(pair=pair, by=mentor_user, title="First post", objective=objective)
    domain.add_evidence(task=task, by=mentee_user, link="https://example.org/post")
    # Stored by another path (an import, the admin): still never rendered as a link.
    PracticeTask.objects.create(pair=pair, title="Other", evidence_link="javascript:alert(1)")
    html = render_tag("objectives_section", pair, mentor_user)
    assert '<progress class="objective-progress" max="100" value="60"' in html
    assert "Explain without jargon" in html and "Pedagogy" in html
    assert (
        '<a href="https://example.org/post" rel="noopener noreferrer nofollow" target="_blank"'
        in html
    )
    assert "javascript:alert" not in html
    assert 'data-testid="mark-done"' in html and 'data-testid="add-evidence"' not in html
    assert 'style="' not in html
    assert 'data-testid="add-evidence"' in render_tag("objectives_section", pair, mentee_user)


def _bounds(pair) -> dict[str, dt.date]:
    programme = pair.programme
    return {
        "year 9999": dt.date(9999, 12, 31),
        "year 1": dt.date(1, 1, 1),
        "before start": programme.start_date - dt.timedelta(days=1),
        "after end + 90 days": programme.end_date + dt.timedelta(days=91),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["year 9999", "year 1", "before start", "after end + 90 days"])
def test_objective_target_date_out_of_its_window_is_refused_naming_the_field(case):
    pair, mentee_user, _ = make_pair()
    day = _bounds(pair)[case]
    response = client_for(mentee_user).post(
        reverse("mentoring:objective_create", args=[pair.pk]),
        {"owner": "mentor", "title": "Explain", "area": "pedagogy", "target_date": day.isoformat()},
        **EN,
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["target_date"]
    assert message.startswith("Target date: give a date between")
    assert f'value="{day.isoformat()}"' in response.content.decode()
    assert not Objective.objects.exists()
    with pytest.raises(ValidationError) as refused:
        make_objective(pair, mentee_user, target_date=day)
    assert list(refused.value.message_dict) == ["target_date"]


@pytest.mark.django_db
def test_objective_target_date_window_is_shown_and_both_ends_accepted():
    pair, mentee_user, _ = make_pair()
    programme = pair.programme
    last = programme.end_date + dt.timedelta(days=90)
    page = (
        client_for(mentee_user)
        .get(reverse("mentoring:objective_create", args=[pair.pk]), **EN)
        .content.decode()
    )
    assert f'min="{programme.start_date.isoformat()}"' in page
    assert f'max="{last.isoformat()}"' in page and "90 days after its end" in page
    make_objective(pair, mentee_user, target_date=programme.start_date)
    make_objective(pair, mentee_user, target_date=last)
