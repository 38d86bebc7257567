from __future__ import annotations

import pytest

from rementor.channels.delivery import post, post_with_retries, remember
from rementor.channels.models import ProgrammeChannels


def test_post_sends_json(receiver):
    outcome = post(receiver.url(), {"text": "Ça marche"})
    assert outcome.ok and outcome.status == 200
    assert receiver.payloads == [{"text": "Ça marche"}]


def test_retries_on_500_then_succeeds(receiver):
    receiver.statuses = [500, 503]
    outcome = post_with_retries(receiver.url(), {"text": "x"})
    assert outcome.ok
    assert len(receiver.bodies) == 3


def test_gives_up_after_the_last_attempt(receiver, settings):
    settings.RM_CHANNELS_ATTEMPTS = 2
    receiver.statuses = [500, 500, 500]
    outcome = post_with_retries(receiver.url(), {"text": "x"})
    assert not outcome.ok and outcome.status == 500
    assert len(receiver.bodies) == 2


def test_a_refusal_is_not_retried(receiver):
    receiver.statuses = [404]
    outcome = post_with_retries(receiver.url(), {"text": "x"})
    assert not outcome.ok and outcome.status == 404
    assert len(receiver.bodies) == 1
    assert "HTTP 404" in outcome.describe()


def test_a_timeout_is_an_outcome_not_an_exception(receiver, settings):
    settings.RM_CHANNELS_TIMEOUT_SECONDS = 0.2
    settings.RM_CHANNELS_ATTEMPTS = 2
    receiver.delay = 0.6
    outcome = post_with_retries(receiver.url(), {"text": "x"})
    assert not outcome.ok and outcome.status == 0 and outcome.retryable
    assert len(receiver.bodies) == 2  # tried again after the first timeout


def test_a_closed_port_is_an_outcome(settings):
    settings.RM_CHANNELS_ALLOW_LOOPBACK = True
    outcome = post("http://127.0.0.1:9/hook", {"text": "x"})
    assert not outcome.ok and outcome.status == 0


@pytest.mark.django_db
def test_remember_keeps_time_and_status(programme):
    channels = ProgrammeChannels.objects.create(programme=programme, slack_url="https://x")
    from rementor.channels.delivery import Outcome

    remember(channels=channels, kind="slack", outcome=Outcome(ok=False, status=502))
    channels.refresh_from_db()
    assert channels.slack_last_status == 502 and channels.slack_last_failure_at
    assert channels.slack_last_success_at is None
    remember(channels=channels, kind="slack", outcome=Outcome(ok=True, status=200))
    channels.refresh_from_db()
    assert channels.slack_last_status == 200 and channels.slack_last_success_at


@pytest.mark.django_db
def test_the_task_posts_nothing_once_the_address_is_removed(programme, receiver):
    from rementor.channels.tasks import deliver

    channels = ProgrammeChannels.objects.create(programme=programme, slack_url=receiver.url())
    ProgrammeChannels.objects.filter(pk=channels.pk).update(slack_url="")
    result = deliver.call(channels_id=channels.pk, kind="slack", payload={"text": "x"})
    assert result is False and receiver.bodies == []
