"""Programme news reaches the channels after the commit, in the programme's language, as
Slack Block Kit and as a Teams Adaptive Card — and never says who, nor what anyone wrote."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from rementor.channels.models import ProgrammeChannels
from rementor.matching import domain as matching
from rementor.mentoring.concerns import log_idea, raise_concern
from rementor.mentoring.models import PrivateNote
from rementor.programmes.domain import change_programme_status
from rementor.programmes.models import ProgrammeStatus
from tests.factories import DepartmentFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor
from tests.rementor.mentoring.factories import held, make_pair

LINKEDIN = {"linkedin": (1, 3, 3)}
# What must never reach a channel: names, and words a participant or a manager typed.
SECRETS = (
    "Zéphyrine",
    "Quaglieri",
    "Anatole",
    "Brocheteau",
    "SECRET-IDEA-TITLE",
    "SECRET-IDEA-DESCRIPTION",
    "SECRET-CONCERN",
    "SECRET-NOTE",
    "mentee@",
    "mentor@",
)


def _channels(programme, receiver) -> ProgrammeChannels:
    return ProgrammeChannels.objects.create(
        programme=programme,
        teams_url=receiver.url("/teams"),
        slack_url=receiver.url("/slack"),
    )


def _assert_nothing_private(receiver) -> None:
    for body in receiver.bodies:
        text = body.decode()
        for secret in SECRETS:
            assert secret not in text, secret


def _by_path(receiver) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"/teams": [], "/slack": []}
    for path, payload in zip(receiver.paths, receiver.payloads, strict=True):
        out[path].append(payload)
    return out


def _slack_text(payload: dict) -> str:
    return payload["blocks"][0]["text"]["text"]


def _teams_texts(payload: dict) -> list[str]:
    card = payload["attachments"][0]["content"]
    return [block["text"] for block in card["body"]]


@pytest.mark.django_db
def test_publishing_announces_pairs_and_the_start_in_both_shapes(
    receiver, manager, django_capture_on_commit_callbacks
):
    programme = matching_programme(name="Pilote numérique", slug="pilote-num")
    programme.languages = ["en", "fr"]
    programme.save()
    mentee(programme, needs=LINKEDIN, first_name="Zéphyrine", last_name="Quaglieri")
    mentor(programme, levels={"linkedin": 4}, first_name="Anatole", last_name="Brocheteau")
    _channels(programme, receiver)
    run = matching.create_run_now(programme=programme, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        matching.publish_run(run=run, by=manager, start_programme=True)
    sent = _by_path(receiver)
    assert len(sent["/slack"]) == len(sent["/teams"]) == 2
    published, running = sent["/slack"]
    assert published["text"] == "Matching published in Pilote numérique"
    assert "1 new pair was formed." in _slack_text(published)
    assert [b["type"] for b in published["blocks"]] == ["section", "actions", "context"]
    button = published["blocks"][1]["elements"][0]
    assert button["url"] == "https://rementor.example.com/programmes/pilote-num/"
    assert running["text"] == "Pilote numérique is running"
    teams = sent["/teams"][0]
    assert teams["type"] == "message"
    attachment = teams["attachments"][0]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    assert _teams_texts(teams)[0] == "Matching published in Pilote numérique"
    assert card["actions"][0] == {
        "type": "Action.OpenUrl",
        "title": "Open the programme",
        "url": "https://rementor.example.com/programmes/pilote-num/",
    }
    _assert_nothing_private(receiver)
    channels = ProgrammeChannels.objects.get(programme=programme)
    assert channels.slack_last_status == 200 and channels.slack_last_success_at
    assert channels.teams_last_status == 200 and channels.teams_last_success_at


@pytest.mark.django_db
def test_an_idea_is_a_count_and_a_link_never_its_words_nor_who(
    receiver, django_capture_on_commit_callbacks
):
    pair, mentee_user, mentor_user = make_pair(
        mentee_email="mentee@example.org", mentor_email="mentor@example.org"
    )
    for user, first, last in (
        (mentee_user, "Zéphyrine", "Quaglieri"),
        (mentor_user, "Anatole", "Brocheteau"),
    ):
        user.person.first_name, user.person.last_name = first, last
        user.person.save()
    programme = pair.programme
    session = held(pair, mentor_user)
    PrivateNote.objects.create(session=session, author=mentee_user, text="SECRET-NOTE")
    _channels(programme, receiver)
    department = DepartmentFactory(name="Comptabilité")
    with django_capture_on_commit_callbacks(execute=True):
        raise_concern(pair=pair, by=mentee_user, text="SECRET-CONCERN about my mentor")
    assert receiver.bodies == []  # a concern is never news
    with django_capture_on_commit_callbacks(execute=True):
        log_idea(
            pair=pair,
            by=mentee_user,
            title="SECRET-IDEA-TITLE",
            description="SECRET-IDEA-DESCRIPTION",
            department=department,
        )
    sent = _by_path(receiver)
    slack = sent["/slack"][0]
    assert slack["text"] == "Un binôme a proposé une idée pour Comptabilité"
    assert "1 idée proposée" in _slack_text(slack)
    link = f"https://rementor.example.com/mentoring/programmes/{programme.slug}/ideas/"
    assert slack["blocks"][1]["elements"][0]["url"] == link
    assert sent["/teams"][0]["attachments"][0]["content"]["actions"][0]["url"] == link
    _assert_nothing_private(receiver)


@pytest.mark.django_db
def test_milestones_in_french_with_counts(receiver, manager, django_capture_on_commit_callbacks):
    pair, _mentee_user, _mentor_user = make_pair()
    programme = pair.programme
    ProgrammeChannels.objects.create(programme=programme, slack_url=receiver.url("/slack"))
    pair.status = "completed"
    pair.save()
    with django_capture_on_commit_callbacks(execute=True):
        change_programme_status(
            programme=programme, to=ProgrammeStatus.CLOSED, by=manager, close_early=True
        )
    with django_capture_on_commit_callbacks(execute=True):
        change_programme_status(programme=programme, to=ProgrammeStatus.RUNNING, by=manager)
    closed, reopened = receiver.payloads
    assert closed["text"] == f"{programme.name} est clôturé"
    assert "1 binôme a participé." in _slack_text(closed)
    assert reopened["text"] == f"{programme.name} a été rouvert"
    assert receiver.paths == ["/slack", "/slack"]  # no Teams address: nothing to Teams


@pytest.mark.django_db
def test_a_write_that_rolls_back_says_nothing(
    receiver, manager, django_capture_on_commit_callbacks
):
    programme = matching_programme()
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    _channels(programme, receiver)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError),
        transaction.atomic(),
    ):
        change_programme_status(programme=programme, to=ProgrammeStatus.RECRUITING, by=manager)
        raise ValidationError("later step failed")
    assert receiver.bodies == []


@pytest.mark.django_db
def test_a_failing_channel_is_recorded_and_the_write_stands(
    receiver, manager, settings, django_capture_on_commit_callbacks
):
    settings.RM_CHANNELS_ATTEMPTS = 3
    receiver.statuses = [500, 500, 500]
    programme = matching_programme()
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    ProgrammeChannels.objects.create(programme=programme, slack_url=receiver.url("/slack"))
    with django_capture_on_commit_callbacks(execute=True):
        change_programme_status(programme=programme, to=ProgrammeStatus.RECRUITING, by=manager)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.RECRUITING
    assert len(receiver.bodies) == 3
    channels = ProgrammeChannels.objects.get(programme=programme)
    assert channels.slack_last_status == 500 and channels.slack_last_failure_at
    assert channels.slack_last_success_at is None


@pytest.mark.django_db
def test_a_programme_without_channels_posts_nothing(
    receiver, manager, django_capture_on_commit_callbacks
):
    programme = matching_programme()
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    with django_capture_on_commit_callbacks(execute=True):
        change_programme_status(programme=programme, to=ProgrammeStatus.RECRUITING, by=manager)
    assert receiver.bodies == []
