"""Counts said right in both languages when publishing with consent to the pair: one day is
"1 day" ("1 jour"), one pair is "1 pair"; several are plural, each number on its own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rementor.matching import domain
from rementor.programmes.models import Programme
from tests.factories import client_for

pytestmark = pytest.mark.django_db


def _publish_message(programme, manager, language):
    run = domain.create_run_now(programme=programme, by=manager)
    page = client_for(manager).post(
        reverse("matching:publish", args=[programme.slug, run.number]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    return page.content.decode()


@pytest.mark.parametrize(
    ("days", "language", "expected"),
    [
        (1, "en", "2 pairs proposed; both members of each were asked to accept within 1 day."),
        (7, "en", "2 pairs proposed; both members of each were asked to accept within 7 days."),
        (
            1,
            "fr",
            "2 binômes proposés ; les deux membres de chacun ont été invités à l’accepter "
            "sous 1 jour.",
        ),
        (
            7,
            "fr",
            "2 binômes proposés ; les deux membres de chacun ont été invités à l’accepter "
            "sous 7 jours.",
        ),
    ],
)
def test_the_days_to_answer_take_their_own_plural(consent, manager, days, language, expected):
    programme, _people, _users = consent
    Programme.objects.filter(pk=programme.pk).update(consent_days=days)
    programme.refresh_from_db()
    page = _publish_message(programme, manager, language)
    assert expected in page.replace("&#x27;", "'")
    assert "1 days" not in page and "1 jours" not in page


def test_one_pair_proposed_for_one_day_is_singular_twice(consent, manager):
    programme, people, _users = consent
    people["bruno"].delete()  # one mentee left: one pair proposed
    Programme.objects.filter(pk=programme.pk).update(consent_days=1)
    programme.refresh_from_db()
    page = _publish_message(programme, manager, "en")
    assert "1 pair proposed; both members were asked to accept it within 1 day." in page
