"""The one-click stop of a kind of reminder."""

import pytest
from django.urls import reverse

from rementor.mentoring.models import (
    ReminderOptOut,
)
from rementor.mentoring.reminders import unsubscribe_token
from tests.factories import client_for
from tests.rementor.mentoring.factories import make_pair


@pytest.mark.django_db
def test_unsubscribe_link_asks_then_stops_that_kind_only():
    _pair, mentee_user, _mentor = make_pair()
    url = reverse("mentoring:unsubscribe", args=[unsubscribe_token(user=mentee_user, kind="pulse")])
    client = client_for(None)
    assert client.get(url).status_code == 200
    assert not ReminderOptOut.objects.exists()
    client.post(url)
    assert list(ReminderOptOut.objects.values_list("user", "kind")) == [(mentee_user.pk, "pulse")]
    forged = reverse("mentoring:unsubscribe", args=["forged"])
    assert client.post(forged).status_code == 200
    assert ReminderOptOut.objects.count() == 1
