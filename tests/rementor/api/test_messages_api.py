"""The pair's messages through the API: its members list and post; a manager, who sees the
pair, gets 404 as if there were no thread; the same limits as the page."""

import pytest

from rementor.mentoring.models import MESSAGE_MAX_LENGTH, PairMessage
from tests.rementor.api.factories import token_client
from tests.rementor.mentoring.factories import make_pair


def _url(pair):
    return f"/api/v1/pairs/{pair.pk}/messages/"


@pytest.mark.django_db
def test_members_post_and_list_the_thread():
    pair, mentee_user, mentor_user = make_pair()
    response = token_client(mentee_user).post(_url(pair), {"text": "Bonjour"}, format="json")
    assert response.status_code == 201
    assert response.json()["mine"] is True and response.json()["author_role"] == "mentee"
    rows = token_client(mentor_user).get(_url(pair)).json()
    assert [(r["text"], r["mine"], r["author_role"]) for r in rows] == [
        ("Bonjour", False, "mentee")
    ]


@pytest.mark.django_db
def test_managers_sponsors_and_strangers_get_404(manager, sponsor, stranger):
    pair, mentee_user, _ = make_pair()
    PairMessage.objects.create(pair=pair, author=mentee_user, text="Secret")
    for user in (manager, sponsor, stranger):
        client = token_client(user)
        assert client.get(_url(pair)).status_code == 404
        assert client.post(_url(pair), {"text": "x"}, format="json").status_code == 404
    assert PairMessage.objects.count() == 1


@pytest.mark.django_db
def test_too_long_or_ended_pair_gives_400_naming_the_problem():
    pair, mentee_user, _ = make_pair()
    client = token_client(mentee_user)
    response = client.post(_url(pair), {"text": "x" * (MESSAGE_MAX_LENGTH + 1)}, format="json")
    assert response.status_code == 400 and "text" in response.json()
    pair.status = "ended"
    pair.save(update_fields=["status"])
    response = client.post(_url(pair), {"text": "Encore"}, format="json")
    assert response.status_code == 400
    assert client.get(_url(pair)).status_code == 200
    assert not PairMessage.objects.exists()
