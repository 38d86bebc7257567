import pytest

from rementor.audit.events import Event
from tests.rementor.api.factories import build_world, token_client


@pytest.fixture
def world(db):
    return build_world()


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_pairs_participant_sees_only_own_pair(world):
    assert _ids(token_client(world.mentee).get("/api/v1/pairs/")) == {world.pair.pk}


def test_pairs_manager_sees_every_pair(world):
    ids = _ids(token_client(world.manager).get("/api/v1/pairs/"))
    assert ids == {world.pair.pk, world.other_pair.pk}


def test_pairs_sponsor_sees_nothing_individual(world):
    client = token_client(world.sponsor)
    assert _ids(client.get("/api/v1/pairs/")) == set()
    assert _ids(client.get("/api/v1/sessions/")) == set()
    assert _ids(client.get("/api/v1/enrollments/")) == set()


def test_pair_detail_outsider_gets_404(world):
    response = token_client(world.outsider).get(f"/api/v1/pairs/{world.pair.pk}/")
    assert response.status_code == 404


def test_programme_detail_outsider_404_sponsor_403_member_200(world):
    url = f"/api/v1/programmes/{world.pair.programme_id}/"
    assert token_client(world.outsider).get(url).status_code == 404
    assert token_client(world.sponsor).get(url).status_code == 403
    assert token_client(world.mentee).get(url).status_code == 200


def test_programmes_participant_lists_only_own(world):
    ids = _ids(token_client(world.mentee).get("/api/v1/programmes/"))
    assert ids == {world.pair.programme_id}


def test_people_directory_participant_gets_403(world):
    assert token_client(world.mentee).get("/api/v1/people/").status_code == 403
    assert token_client(world.manager).get("/api/v1/people/").status_code == 200


def test_match_runs_participant_gets_403(world):
    assert token_client(world.mentee).get("/api/v1/match-runs/").status_code == 403


def test_session_member_reads_shared_notes_manager_does_not(world):
    url = f"/api/v1/sessions/{world.session.pk}/"
    member = token_client(world.mentor).get(url).json()
    assert member["shared_notes"] == "Shared between the two"
    assert member["agenda"] == "Agenda of the pair"
    managed = token_client(world.manager).get(url)
    assert managed.status_code == 200
    body = managed.json()
    assert body["status"] == "held"
    assert body["shared_notes"] is None and body["agenda"] is None and body["location"] is None
    assert "secret" not in managed.content.decode()


def test_session_outsider_gets_404(world):
    url = f"/api/v1/sessions/{world.session.pk}/"
    assert token_client(world.outsider).get(url).status_code == 404


def test_private_note_only_to_author(world):
    url = f"/api/v1/sessions/{world.session.pk}/private-note/"
    assert token_client(world.mentee).get(url).json()["text"] == "Mentee's secret"
    assert token_client(world.mentor).get(url).json()["text"] == "Mentor's secret"
    assert token_client(world.manager).get(url).status_code == 404
    assert token_client(world.outsider).get(url).status_code == 404


def test_private_note_never_in_session_list(world):
    for user in (world.mentee, world.mentor, world.manager):
        content = token_client(user).get("/api/v1/sessions/").content.decode()
        assert "secret" not in content


def test_private_note_put_writes_own_note(world):
    url = f"/api/v1/sessions/{world.session.pk}/private-note/"
    client = token_client(world.mentor)
    response = client.put(url, {"text": "Changed"}, format="json")
    assert response.status_code == 200
    assert client.get(url).json()["text"] == "Changed"
    assert token_client(world.mentee).get(url).json()["text"] == "Mentee's secret"


def test_private_note_manager_cannot_write(world):
    url = f"/api/v1/sessions/{world.session.pk}/private-note/"
    response = token_client(world.manager).put(url, {"text": "x"}, format="json")
    assert response.status_code == 404


def test_concern_author_and_manager_read_it(world):
    url = f"/api/v1/concerns/{world.concern.pk}/"
    assert token_client(world.mentee).get(url).json()["text"] == "Worried about pace"
    assert token_client(world.manager).get(url).json()["text"] == "Worried about pace"


def test_concern_other_member_and_outsider_get_404(world):
    url = f"/api/v1/concerns/{world.concern.pk}/"
    assert token_client(world.mentor).get(url).status_code == 404
    assert token_client(world.outsider).get(url).status_code == 404
    assert token_client(world.sponsor).get(url).status_code == 404
    assert _ids(token_client(world.mentor).get("/api/v1/concerns/")) == set()


def test_concern_list_carries_no_text(world):
    content = token_client(world.manager).get("/api/v1/concerns/").content.decode()
    assert str(world.concern.pk) in content
    assert "Worried" not in content


def test_concern_manager_read_is_audited_without_text(world):
    from auditlog.models import LogEntry

    token_client(world.mentee).get(f"/api/v1/concerns/{world.concern.pk}/")
    assert not LogEntry.objects.filter(additional_data__event=Event.SENSITIVE_READ.value).exists()
    token_client(world.manager).get(f"/api/v1/concerns/{world.concern.pk}/")
    entry = LogEntry.objects.get(additional_data__event=Event.SENSITIVE_READ.value)
    assert entry.actor == world.manager
    assert entry.object_pk == str(world.concern.pk)
    assert "Worried" not in str(entry.additional_data) + entry.object_repr


def test_pulse_comment_only_to_its_author(world):
    from rementor.mentoring.models import Pulse

    Pulse.objects.create(
        session=world.session, author=world.pair.mentee, usefulness=4, comfort=5, comment="Nice"
    )
    own = token_client(world.mentee).get("/api/v1/pulses/").json()["results"]
    assert [(p["comment"], p["comment_shared"]) for p in own] == [("Nice", False)]
    managed = token_client(world.manager).get("/api/v1/pulses/").json()["results"]
    assert [(p["usefulness"], p["comment"]) for p in managed] == [(4, None)]
    assert token_client(world.mentor).get("/api/v1/pulses/").json()["results"] == []


def test_pulse_comment_shared_reaches_managers_never_the_partner(world):
    from rementor.mentoring.models import Pulse

    private = Pulse.objects.create(
        session=world.session, author=world.pair.mentor, usefulness=2, comfort=3, comment="Mine"
    )
    response = token_client(world.mentee).post(
        "/api/v1/pulses/",
        {
            "session": world.session.pk,
            "usefulness": 4,
            "comfort": 5,
            "comment": "Tell the team",
            "comment_shared": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert (response.json()["comment"], response.json()["comment_shared"]) == (
        "Tell the team",
        True,
    )
    shared = response.json()["id"]

    manager = token_client(world.manager)
    managed = {p["id"]: p["comment"] for p in manager.get("/api/v1/pulses/").json()["results"]}
    assert managed == {shared: "Tell the team", private.pk: None}
    assert manager.get(f"/api/v1/pulses/{private.pk}/").json()["comment"] is None
    # The partner reads neither the shared comment nor the pulse.
    partner = token_client(world.mentor)
    assert partner.get(f"/api/v1/pulses/{shared}/").status_code == 404
    assert {p["id"] for p in partner.get("/api/v1/pulses/").json()["results"]} == {private.pk}
    assert token_client(world.sponsor).get("/api/v1/pulses/").json()["results"] == []


def test_sessions_time_filters_accept_any_iso_offset(world):
    """An offset PostgreSQL cannot store (beyond ±15:59) is still a valid ISO instant."""
    client = token_client(world.mentee)
    before = _ids(client.get("/api/v1/sessions/", {"starts_before": "2999-04-23T09:50:32-16:35"}))
    after = _ids(client.get("/api/v1/sessions/", {"starts_after": "2999-04-23T09:50:32+16:35"}))
    assert before == {world.session.pk}
    assert after == set()
