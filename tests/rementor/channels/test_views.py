"""The channel settings page and the test button: managers only, addresses never shown back
in full (nor in the API, nor in the trail), refusals explained in French and in English."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from rementor.channels.models import ProgrammeChannels
from tests.factories import client_for
from tests.rementor.api.factories import token_client

SLACK = "https://hooks.slack.com/services/T000/B000/XXXXSECRETabcd"
TEAMS = (
    "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/"
    "invoke?api-version=2016-06-01&sig=TEAMSSECRETsig9876"
)


def _url(programme, name="settings", **kwargs):
    return reverse(f"channels:{name}", kwargs={"slug": programme.slug, **kwargs})


@pytest.mark.django_db
def test_manager_saves_addresses_and_sees_only_host_and_last_four(manager, programme):
    client = client_for(manager)
    response = client.post(_url(programme), {"teams_url": TEAMS, "slack_url": SLACK})
    assert response.status_code == 302
    channels = ProgrammeChannels.objects.get(programme=programme)
    assert channels.teams_url == TEAMS and channels.slack_url == SLACK
    page = client.get(_url(programme)).content.decode()
    assert "hooks.slack.com/…abcd" in page and "logic.azure.com/…9876" in page
    assert "SECRET" not in page


@pytest.mark.django_db
def test_an_empty_field_keeps_the_address_and_the_box_removes_it(manager, programme):
    client = client_for(manager)
    client.post(_url(programme), {"teams_url": TEAMS, "slack_url": SLACK})
    client.post(_url(programme), {"teams_url": "", "slack_url": ""})
    channels = ProgrammeChannels.objects.get(programme=programme)
    assert channels.teams_url == TEAMS and channels.slack_url == SLACK
    client.post(_url(programme), {"remove_slack": "on"})
    channels.refresh_from_db()
    assert channels.teams_url == TEAMS and channels.slack_url == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Ce n’est pas une adresse de webhook entrant Slack"),
        ("en", "This is not a Slack incoming-webhook address"),
    ],
)
def test_a_wrong_address_is_refused_in_the_page_language(manager, programme, language, expected):
    manager.language = language
    manager.save()
    response = client_for(manager).post(
        _url(programme),
        {"slack_url": "https://evil.example/services/x", "teams_url": TEAMS},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page
    # Nothing saved, what was typed is kept for correcting.
    assert not ProgrammeChannels.objects.exists()
    assert "https://evil.example/services/x" in page


@pytest.mark.django_db
def test_plain_http_is_refused_in_french(manager, programme):
    response = client_for(manager).post(
        _url(programme), {"teams_url": TEAMS.replace("https", "http")}
    )
    assert "doit commencer par https://" in response.content.decode()


@pytest.mark.django_db
def test_the_trail_records_the_change_without_the_address(manager, programme):
    client_for(manager).post(_url(programme), {"teams_url": TEAMS, "slack_url": SLACK})
    entry = LogEntry.objects.get(additional_data__event="channels_changed")
    assert entry.additional_data == {"event": "channels_changed", "address_set": ["teams", "slack"]}
    client_for(manager).post(_url(programme), {"remove_slack": "on"})
    removal = LogEntry.objects.filter(additional_data__event="channels_changed").latest("pk")
    assert removal.additional_data == {"event": "channels_changed", "address_removed": ["slack"]}
    trail = client_for(manager).get(reverse("audit:trail")).content.decode()
    assert "Canaux d’équipe modifiés" in trail and "adresse de webhook supprimée" in trail
    for logged in LogEntry.objects.all():
        assert "SECRET" not in f"{logged.changes} {logged.additional_data} {logged.object_repr}"


@pytest.mark.django_db
def test_the_api_never_carries_an_address(manager, programme):
    ProgrammeChannels.objects.create(programme=programme, teams_url=TEAMS, slack_url=SLACK)
    client = token_client(manager)
    for path in ("/api/v1/programmes/", f"/api/v1/programmes/{programme.pk}/"):
        response = client.get(path)
        assert response.status_code == 200
        assert b"SECRET" not in response.content and b"hooks.slack" not in response.content


@pytest.mark.django_db
def test_test_button_reports_success(manager, programme, receiver):
    ProgrammeChannels.objects.create(programme=programme, slack_url=receiver.url("/slack"))
    response = client_for(manager).post(_url(programme, "test", kind="slack"), follow=True)
    page = response.content.decode()
    assert "Le canal a accepté le message (HTTP 200)" in page
    (payload,) = receiver.payloads
    assert payload["text"] == "Message de test de Rementor"
    channels = ProgrammeChannels.objects.get(programme=programme)
    assert channels.slack_last_success_at and channels.slack_last_status == 200


@pytest.mark.django_db
def test_test_button_reports_the_http_error_plainly(manager, programme, receiver):
    receiver.statuses = [403]
    ProgrammeChannels.objects.create(programme=programme, teams_url=receiver.url("/teams"))
    response = client_for(manager).post(
        _url(programme, "test", kind="teams"), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert "The channel refused the message: HTTP 403" in page
    assert len(receiver.bodies) == 1  # a test is tried once
    channels = ProgrammeChannels.objects.get(programme=programme)
    assert channels.teams_last_status == 403 and channels.teams_last_failure_at
    # The page shows the failure.
    assert "HTTP 403" in client_for(manager).get(_url(programme)).content.decode()


@pytest.mark.django_db
def test_test_button_without_an_address_says_so(manager, programme):
    response = client_for(manager).post(_url(programme, "test", kind="slack"), follow=True)
    assert "n’a pas encore d’adresse" in response.content.decode()


@pytest.mark.django_db
def test_test_button_refuses_an_unknown_kind_and_a_get(manager, programme):
    client = client_for(manager)
    assert client.post(_url(programme, "test", kind="irc")).status_code == 404
    assert client.get(_url(programme, "test", kind="slack")).status_code == 405


@pytest.mark.django_db
def test_participants_and_sponsors_may_not_send_a_test(pair_member, sponsor, programme, receiver):
    ProgrammeChannels.objects.create(programme=programme, slack_url=receiver.url("/slack"))
    for user in (pair_member, sponsor):
        response = client_for(user).post(_url(programme, "test", kind="slack"))
        assert response.status_code == 403
    assert receiver.bodies == []


@pytest.mark.django_db
def test_programme_page_links_to_the_channels(manager, programme):
    page = client_for(manager).get(reverse("programmes:detail", args=[programme.slug]))
    assert _url(programme) in page.content.decode()


@pytest.mark.django_db
def test_the_page_with_a_history_speaks_french_only(manager, programme):
    from django.utils import timezone

    from tests.rementor.core.test_translations import _english_phrases, _Text

    ProgrammeChannels.objects.create(
        programme=programme,
        slack_url=SLACK,
        slack_last_failure_at=timezone.now(),
        slack_last_status=502,
        teams_url=TEAMS,
        teams_last_success_at=timezone.now(),
    )
    response = client_for(manager).get(_url(programme), HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "(HTTP 502)" in page and "Échec le" in page and "Envoyé le" in page
    parser = _Text()
    parser.feed(page)
    text = " ".join(parser.chunks)
    assert [p for p in _english_phrases() if p in text] == []
