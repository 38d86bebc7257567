import datetime as dt

import pytest
from django.utils import timezone

from rementor.matching.models import MatchRun, Pair, RunStatus
from rementor.mentoring.models import Concern, MentoringSession, Objective
from rementor.programmes.models import Programme
from tests.rementor.api.factories import build_world, token_client
from tests.rementor.matching.factories import matching_programme, mentee, mentor
from tests.rementor.mentoring.factories import sign_charter


@pytest.fixture
def world(db):
    return build_world()


def test_programme_create_missing_fields_gives_400_with_field_names(manager):
    response = token_client(manager).post("/api/v1/programmes/", {}, format="json")
    assert response.status_code == 400
    assert {"name", "start_date", "end_date"} <= set(response.json())


def test_programme_create_domain_error_names_the_field(manager):
    response = token_client(manager).post(
        "/api/v1/programmes/",
        {"name": "Pilote", "start_date": "2027-01-01", "end_date": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "end_date" in response.json()


def test_programme_create_by_manager(manager):
    response = token_client(manager).post(
        "/api/v1/programmes/",
        {"name": "Pilote 2027", "start_date": "2027-01-01", "end_date": "2027-06-30"},
        format="json",
    )
    assert response.status_code == 201, response.content
    programme = Programme.objects.get(pk=response.json()["id"])
    assert programme.created_by == manager
    assert programme.status == "draft"


def test_programme_create_by_participant_is_403(pair_member):
    response = token_client(pair_member).post(
        "/api/v1/programmes/",
        {"name": "Pilote", "start_date": "2027-01-01", "end_date": "2027-06-30"},
        format="json",
    )
    assert response.status_code == 403


def test_programme_status_illegal_move_gives_400(manager, programme):
    url = f"/api/v1/programmes/{programme.pk}/status/"
    response = token_client(manager).post(url, {"to": "closed"}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert (
        token_client(manager).post(url, {"to": "recruiting"}, format="json").json()["status"]
        == "recruiting"
    )


# Committed for real: the run is queued when its row is committed, and the immediate task
# backend then solves it before the response is written.
@pytest.mark.django_db(transaction=True)
def test_match_run_create_runs_the_engine(manager):
    programme = matching_programme()
    mentee(programme, needs={"linkedin": (1, 3, 3)})
    mentor(programme, levels={"linkedin": 4})
    response = token_client(manager).post(
        "/api/v1/match-runs/",
        {"programme": programme.pk, "weights": {"skills": 0.7}},
        format="json",
    )
    assert response.status_code == 201, response.content
    run = MatchRun.objects.get(pk=response.json()["id"])
    assert run.status == RunStatus.DONE and run.matched == 1
    assert run.created_by == manager
    assert response.json()["status"] == "done"
    assert run.weights["skills"] == 0.7


def test_match_run_create_invalid_weights_gives_400(manager, programme):
    response = token_client(manager).post(
        "/api/v1/match-runs/",
        {"programme": programme.pk, "weights": {"skills": -1}},
        format="json",
    )
    assert response.status_code == 400
    assert "weights" in response.json()


def test_match_run_create_by_participant_is_403(pair_member, programme):
    response = token_client(pair_member).post(
        "/api/v1/match-runs/", {"programme": programme.pk}, format="json"
    )
    assert response.status_code == 403


def test_session_plan_by_member(world, mailoutbox):
    starts = (timezone.now() + dt.timedelta(days=3)).isoformat()
    response = token_client(world.mentee).post(
        "/api/v1/sessions/",
        {"pair": world.pair.pk, "starts_at": starts, "time_zone": "Europe/Paris"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert MentoringSession.objects.filter(pair=world.pair, status="planned").exists()


def test_session_plan_in_year_9999_gives_400_naming_starts_at_and_saves_nothing(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = token_client(world.mentee).post(
            "/api/v1/sessions/",
            {"pair": world.pair.pk, "starts_at": "9999-12-31T12:00:00+01:00"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 400
    assert "90 days after its end" in response.json()["starts_at"][0]
    assert not MentoringSession.objects.filter(status="planned").exists()
    assert mailoutbox == []


def test_session_plan_in_the_past_gives_400(world):
    starts = (timezone.now() - dt.timedelta(days=3)).isoformat()
    response = token_client(world.mentee).post(
        "/api/v1/sessions/", {"pair": world.pair.pk, "starts_at": starts}, format="json"
    )
    assert response.status_code == 400
    assert "starts_at" in response.json()


def test_session_record_by_member_is_held_and_invites_nobody(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    sign_charter(world.pair)
    Pair.objects.filter(pk=world.pair.pk).update(created_at=timezone.now() - dt.timedelta(days=9))
    skill = world.pair.programme.skills.get(code="linkedin")
    starts = (timezone.now() - dt.timedelta(days=3)).isoformat()

    with django_capture_on_commit_callbacks(execute=True):
        response = token_client(world.mentor).post(
            "/api/v1/sessions/record/",
            {
                "pair": world.pair.pk,
                "starts_at": starts,
                "time_zone": "Europe/Paris",
                "duration_minutes": 45,
                "skills": [skill.pk],
                "shared_notes": "Post drafted",
            },
            format="json",
        )

    assert response.status_code == 201, response.content
    session = MentoringSession.objects.get(pk=response.json()["id"])
    assert session.status == "held" and session.logged_by == world.mentor
    assert list(session.skills.all()) == [skill]
    assert response.json()["status"] == "held"
    assert mailoutbox == []


def test_session_record_in_the_future_gives_400_naming_starts_at(world):
    sign_charter(world.pair)
    starts = (timezone.now() + dt.timedelta(days=3)).isoformat()
    response = token_client(world.mentee).post(
        "/api/v1/sessions/record/", {"pair": world.pair.pk, "starts_at": starts}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["starts_at"]
    assert MentoringSession.objects.filter(pair=world.pair).count() == 1  # the world's own


def test_session_record_in_someone_elses_pair_gives_400_without_revealing_it(world):
    starts = (timezone.now() - dt.timedelta(days=1)).isoformat()
    for user in (world.outsider, world.manager):
        response = token_client(user).post(
            "/api/v1/sessions/record/", {"pair": world.pair.pk, "starts_at": starts}, format="json"
        )
        assert response.status_code == 400
        assert "pair" in response.json()


def test_session_plan_bad_time_zone_gives_400(world):
    starts = (timezone.now() + dt.timedelta(days=3)).isoformat()
    response = token_client(world.mentee).post(
        "/api/v1/sessions/",
        {"pair": world.pair.pk, "starts_at": starts, "time_zone": "Mars/Olympus"},
        format="json",
    )
    assert response.status_code == 400


def test_session_plan_in_someone_elses_pair_gives_400_without_revealing_it(world):
    starts = (timezone.now() + dt.timedelta(days=3)).isoformat()
    for user in (world.outsider, world.manager):
        response = token_client(user).post(
            "/api/v1/sessions/", {"pair": world.pair.pk, "starts_at": starts}, format="json"
        )
        assert response.status_code == 400
        assert "pair" in response.json()


def test_objective_create_needs_a_skill_for_the_mentee(world):
    response = token_client(world.mentor).post(
        "/api/v1/objectives/",
        {"pair": world.pair.pk, "owner": "mentee", "title": "Post on LinkedIn"},
        format="json",
    )
    assert response.status_code == 400
    assert "skill" in response.json()
    assert not Objective.objects.exists()


def test_objective_create_for_the_mentor(world):
    response = token_client(world.mentor).post(
        "/api/v1/objectives/",
        {"pair": world.pair.pk, "owner": "mentor", "title": "Explain slowly", "area": "pedagogy"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Objective.objects.get().created_by == world.mentor


def test_concern_create_and_resolve(world, mailoutbox):
    response = token_client(world.mentor).post(
        "/api/v1/concerns/", {"pair": world.pair.pk, "text": "Hard to meet"}, format="json"
    )
    assert response.status_code == 201
    concern = Concern.objects.get(pk=response.json()["id"])
    url = f"/api/v1/concerns/{concern.pk}/resolve/"
    assert token_client(world.mentor).post(url, {"note": "x"}, format="json").status_code == 403
    assert token_client(world.manager).post(url, {}, format="json").status_code == 400
    resolved = token_client(world.manager).post(url, {"note": "Talked"}, format="json")
    assert resolved.status_code == 200
    assert resolved.json()["status"] == "resolved"


def test_pulse_on_planned_session_gives_400(world):
    session = MentoringSession.objects.create(
        pair=world.pair, starts_at=timezone.now() + dt.timedelta(days=1)
    )
    response = token_client(world.mentee).post(
        "/api/v1/pulses/",
        {"session": session.pk, "usefulness": 4, "comfort": 4},
        format="json",
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_pulse_scores_out_of_range_give_400(world):
    response = token_client(world.mentee).post(
        "/api/v1/pulses/",
        {"session": world.session.pk, "usefulness": 9, "comfort": 0},
        format="json",
    )
    assert response.status_code == 400
    assert {"usefulness", "comfort"} <= set(response.json())


def test_idea_create_by_member(world):
    response = token_client(world.mentee).post(
        "/api/v1/ideas/",
        {"pair": world.pair.pk, "title": "Internal podcast", "description": "Weekly."},
        format="json",
    )
    assert response.status_code == 201


def test_match_run_create_is_audited_once(manager):
    from auditlog.models import LogEntry

    from rementor.audit.events import Event

    programme = matching_programme()
    token_client(manager).post("/api/v1/match-runs/", {"programme": programme.pk}, format="json")
    # Recorded by the adapter itself (matching.domain), not a second time by the API.
    assert LogEntry.objects.filter(additional_data__event=Event.MATCH_RUN.value).count() == 1


def test_programme_skills_set_on_create_and_patch(manager, programme):
    from rementor.skills.models import Skill

    ids = sorted(Skill.objects.values_list("pk", flat=True)[:2])
    client = token_client(manager)
    created = client.post(
        "/api/v1/programmes/",
        {"name": "P", "start_date": "2027-01-01", "end_date": "2027-02-01", "skills": ids},
        format="json",
    )
    assert sorted(created.json()["skills"]) == ids
    patched = client.patch(
        f"/api/v1/programmes/{programme.pk}/", {"name": "Renamed", "skills": ids[:1]}, format="json"
    )
    assert patched.status_code == 200
    assert (patched.json()["name"], patched.json()["skills"]) == ("Renamed", ids[:1])


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"start_date": "9999-12-31", "end_date": "9999-12-31"}, "start_date"),
        ({"start_date": "0001-01-01", "end_date": "0001-01-02"}, "start_date"),
        ({"start_date": "2027-01-01", "end_date": "9999-12-31"}, "end_date"),
        ({"start_date": "2027-01-01", "end_date": "2030-01-02"}, "end_date"),
    ],
)
def test_programme_dates_out_of_their_window_give_400_naming_the_field(manager, dates, field):
    response = token_client(manager).post(
        "/api/v1/programmes/", {"name": "Pilote", **dates}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Programme.objects.exists()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "before start", "after end"])
def test_objective_target_date_out_of_its_window_gives_400(world, day):
    programme = world.pair.programme
    day = {
        "before start": programme.start_date - dt.timedelta(days=1),
        "after end": programme.end_date + dt.timedelta(days=91),
    }.get(day, day)
    response = token_client(world.mentor).post(
        "/api/v1/objectives/",
        {
            "pair": world.pair.pk,
            "owner": "mentor",
            "title": "Explain",
            "area": "pedagogy",
            "target_date": str(day),
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["target_date"]
    assert not Objective.objects.exists()


def test_programme_mentor_applications_read_and_written(manager, programme):
    client = token_client(manager)
    url = f"/api/v1/programmes/{programme.pk}/"
    assert client.get(url).json()["mentor_applications"] == "invited"
    response = client.patch(url, {"mentor_applications": "open"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["mentor_applications"] == "open"
    programme.refresh_from_db()
    assert programme.mentor_applications == "open"


def test_programme_mentor_applications_refuses_an_unknown_value(manager, programme):
    response = token_client(manager).patch(
        f"/api/v1/programmes/{programme.pk}/", {"mentor_applications": "everyone"}, format="json"
    )
    assert response.status_code == 400
    assert "mentor_applications" in response.json()
    programme.refresh_from_db()
    assert programme.mentor_applications == "invited"


def test_programme_group_mentoring_read_and_written_by_a_manager(manager, programme):
    client = token_client(manager)
    url = f"/api/v1/programmes/{programme.pk}/"
    assert client.get(url).json()["group_mentoring"] is False
    response = client.patch(url, {"group_mentoring": True}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["group_mentoring"] is True
    programme.refresh_from_db()
    assert programme.group_mentoring is True


def test_programme_group_mentoring_is_not_switched_by_a_participant(pair_member, programme):
    response = token_client(pair_member).patch(
        f"/api/v1/programmes/{programme.pk}/", {"group_mentoring": True}, format="json"
    )
    assert response.status_code in (403, 404)
    programme.refresh_from_db()
    assert programme.group_mentoring is False
