"""Ideas that became changes: a programme manager marks an idea adopted (what changed, when),
the trail keeps who and when, and an adoption can be taken back after a confirmation."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from rementor.mentoring import concerns as domain
from rementor.mentoring.models import Idea
from tests.factories import client_for
from tests.rementor.mentoring.factories import make_pair, render_tag

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def idea(db):
    pair, mentee_user, _ = make_pair()
    return domain.log_idea(pair=pair, by=mentee_user, title="Un wiki", description="Pour tous")


def _adopt_url(idea):
    return reverse("mentoring:idea_adopt", args=[idea.pk])


def test_manager_marks_an_idea_adopted_and_the_trail_keeps_who_and_when(idea, manager):
    today = timezone.localdate()
    response = client_for(manager).post(
        _adopt_url(idea), {"change": "Le wiki est ouvert à tous", "adopted_on": today.isoformat()}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.adopted_on, idea.adoption_change, idea.adopted_by) == (
        today,
        "Le wiki est ouvert à tous",
        manager,
    )
    entry = LogEntry.objects.filter(additional_data__event="idea_adopted").get()
    # Named by its number, never by its title (typed by a participant).
    assert (entry.actor, entry.object_pk) == (manager, str(idea.pk))
    assert idea.title not in entry.object_repr
    assert entry.additional_data == {"event": "idea_adopted", "adopted_on": today.isoformat()}
    listing = client_for(manager).get(
        reverse("mentoring:idea_list", args=[idea.pair.programme.slug]), **EN
    )
    assert "Le wiki est ouvert à tous" in listing.content.decode()
    assert "1 idea adopted" in listing.content.decode()


def test_adoption_without_change_or_with_a_date_out_of_bounds_keeps_what_was_typed(idea, manager):
    client = client_for(manager)
    response = client.post(_adopt_url(idea), {"change": "", "adopted_on": "2020-01-01"}, **EN)
    errors = response.context["form"].errors
    assert response.status_code == 200 and "change" in errors
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        _adopt_url(idea), {"change": "Un outil", "adopted_on": tomorrow.isoformat()}, **EN
    )
    assert "adopted_on" in response.context["form"].errors
    assert "Un outil" in response.content.decode()
    before = timezone.localdate(idea.created_at) - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        domain.adopt_idea(idea=idea, by=manager, change="x", adopted_on=before)
    assert "adopted_on" in error.value.message_dict
    idea.refresh_from_db()
    assert idea.adopted_on is None


def test_members_sponsors_and_strangers_cannot_adopt(idea, sponsor, stranger):
    member = idea.author
    with pytest.raises(PermissionDenied):
        domain.adopt_idea(idea=idea, by=member, change="x", adopted_on=timezone.localdate())
    data = {"change": "x", "adopted_on": timezone.localdate().isoformat()}
    assert client_for(member).post(_adopt_url(idea), data).status_code == 403
    for user in (sponsor, stranger):
        assert client_for(user).post(_adopt_url(idea), data).status_code == 404
    idea.refresh_from_db()
    assert idea.adopted_on is None


def test_undo_asks_first_then_forgets_the_change(idea, manager):
    domain.adopt_idea(idea=idea, by=manager, change="Le wiki", adopted_on=timezone.localdate())
    url = reverse("mentoring:idea_unadopt", args=[idea.pk])
    client = client_for(manager)
    page = client.get(url, **EN)
    assert page.status_code == 200 and 'data-testid="unadopt-form"' in page.content.decode()
    idea.refresh_from_db()
    assert idea.adopted_on is not None  # nothing changes before the confirmation
    assert client.post(url).status_code == 302
    idea.refresh_from_db()
    assert (idea.adopted_on, idea.adoption_change, idea.adopted_by) == (None, "", None)
    assert LogEntry.objects.filter(additional_data__event="idea_adoption_undone").count() == 1
    # Undoing again says so and changes nothing.
    with pytest.raises(ValidationError):
        domain.undo_adoption(idea=idea, by=manager)
    assert client.get(url).status_code == 302
    assert Idea.objects.get().title == "Un wiki"


def test_the_pair_sees_its_idea_was_adopted(idea, manager):
    assert 'data-testid="idea-adopted"' not in render_tag("ideas_section", idea.pair, idea.author)
    domain.adopt_idea(idea=idea, by=manager, change="Le wiki", adopted_on=timezone.localdate())
    section = render_tag("ideas_section", idea.pair, idea.author, language="fr")
    assert 'data-testid="idea-adopted">Adoptée<' in section
