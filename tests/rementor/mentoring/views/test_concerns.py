"""Concern pages and the concerns part of the pair page: the author and the managers only."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rementor.mentoring import concerns as domain
from rementor.mentoring.models import Concern, ConcernStatus
from tests.factories import UserFactory, client_for
from tests.rementor.mentoring.factories import make_pair, render_tag

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SECRET = "My mentor keeps cancelling at the last minute"


@pytest.mark.django_db
def test_raise_concern_emails_managers_a_link_never_the_text(
    manager, django_capture_on_commit_callbacks
):
    english_manager = UserFactory(email="hr2@example.org", is_programme_manager=True, language="en")
    pair, mentee_user, mentor_user = make_pair()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(mentee_user).post(
            reverse("mentoring:concern_create", args=[pair.pk]), {"text": SECRET}
        )
    concern = Concern.objects.get()
    assert response.url == reverse("mentoring:concern_detail", args=[concern.pk])
    assert concern.author == mentee_user and concern.status == ConcernStatus.OPEN
    assert sorted(m.to[0] for m in mail.outbox) == [english_manager.email, manager.email]
    for message in mail.outbox:
        assert SECRET not in message.body and SECRET not in message.subject
        assert reverse("mentoring:concern_detail", args=[concern.pk]) in message.body
        assert pair.programme.name in message.subject
    english = next(m for m in mail.outbox if m.to == [english_manager.email])
    assert english.subject == f"A concern was raised in {pair.programme.name}"
    # Neither member of the pair is told.
    assert mentor_user.email not in {m.to[0] for m in mail.outbox}


@pytest.mark.django_db
def test_raise_concern_empty_keeps_form_and_names_the_field():
    pair, mentee_user, _ = make_pair()
    response = client_for(mentee_user).post(
        reverse("mentoring:concern_create", args=[pair.pk]), {"text": ""}, **EN
    )
    assert response.status_code == 200 and "text" in response.context["form"].errors
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_concern_detail_the_other_member_gets_404(manager, sponsor):
    pair, mentee_user, mentor_user = make_pair()
    concern = domain.raise_concern(pair=pair, by=mentee_user, text=SECRET)
    url = reverse("mentoring:concern_detail", args=[concern.pk])
    assert SECRET in client_for(mentee_user).get(url).content.decode()
    assert SECRET in client_for(manager).get(url).content.decode()
    for user in (mentor_user, sponsor, UserFactory()):
        assert client_for(user).get(url).status_code == 404


@pytest.mark.django_db
def test_concern_section_never_shows_the_partners_concerns(manager):
    pair, mentee_user, mentor_user = make_pair()
    concern = domain.raise_concern(pair=pair, by=mentee_user, text=SECRET)
    detail = reverse("mentoring:concern_detail", args=[concern.pk])
    own = render_tag("concern_section", pair, mentee_user)
    assert detail in own and "Open" in own and SECRET not in own
    partner = render_tag("concern_section", pair, mentor_user)
    assert detail not in partner and "own-concerns" not in partner
    assert reverse("mentoring:concern_create", args=[pair.pk]) in partner
    assert "Only they read it" in partner
    managers = render_tag("concern_section", pair, manager)
    assert "1 open concern about this pair" in managers and SECRET not in managers
    assert reverse("mentoring:concern_list", args=[pair.programme.slug]) in managers


@pytest.mark.django_db
def test_resolve_concern_needs_a_note_and_tells_the_author_without_content(
    manager, django_capture_on_commit_callbacks
):
    pair, mentee_user, _ = make_pair()
    concern = domain.raise_concern(pair=pair, by=mentee_user, text=SECRET)
    client = client_for(manager)
    url = reverse("mentoring:concern_resolve", args=[concern.pk])
    empty = client.post(url, {"note": ""}, **EN)
    assert empty.status_code == 200 and "note" in empty.context["form"].errors
    note = "Talked with both; new cadence agreed"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": note})
    assert response.url == reverse("mentoring:concern_list", args=[pair.programme.slug])
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESOLVED and concern.resolved_by == manager
    assert [m.to for m in mail.outbox] == [[mentee_user.email]]
    assert note not in mail.outbox[0].body and SECRET not in mail.outbox[0].body
    page = client_for(mentee_user).get(reverse("mentoring:concern_detail", args=[concern.pk]), **EN)
    assert note in page.content.decode() and "Resolved" in page.content.decode()
    with pytest.raises(ValidationError):
        domain.resolve_concern(concern=concern, by=manager, note="again")


@pytest.mark.django_db
def test_resolve_concern_by_its_author_is_forbidden():
    pair, mentee_user, _ = make_pair()
    concern = domain.raise_concern(pair=pair, by=mentee_user, text=SECRET)
    response = client_for(mentee_user).post(
        reverse("mentoring:concern_resolve", args=[concern.pk]), {"note": "fine now"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        domain.resolve_concern(concern=concern, by=mentee_user, note="fine now")


@pytest.mark.django_db
def test_concern_list_filters_open_and_resolved_and_hides_text(manager):
    pair, mentee_user, mentor_user = make_pair()
    first = domain.raise_concern(pair=pair, by=mentee_user, text=SECRET)
    second = domain.raise_concern(pair=pair, by=mentor_user, text="Another worry")
    domain.resolve_concern(concern=second, by=manager, note="Handled")
    client = client_for(manager)
    url = reverse("mentoring:concern_list", args=[pair.programme.slug])
    open_page = client.get(url, **EN)
    assert [c.pk for c in open_page.context["concerns"]] == [first.pk]
    html = open_page.content.decode()
    assert SECRET not in html and "(mentee)" in html
    resolved = client.get(url, {"status": "resolved"}, **EN)
    assert [c.pk for c in resolved.context["concerns"]] == [second.pk]
    assert "Another worry" not in resolved.content.decode()
    assert "Handled" not in resolved.content.decode()
    assert len(client.get(url, {"status": "all"}).context["concerns"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_concern_list_queries_do_not_grow(manager, count, django_assert_num_queries):
    from tests.rementor.matching.factories import matching_programme

    programme = matching_programme()
    for _ in range(count):
        pair, mentee_user, _mentor = make_pair(programme=programme)
        domain.raise_concern(pair=pair, by=mentee_user, text=SECRET)
    client = client_for(manager)
    url = reverse("mentoring:concern_list", args=[programme.slug])
    client.get(url)  # warm the session
    # session, user, programme, concerns (with their joins), counts, the header's name
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["concerns"]) == count
