"""The role swap (issue 17): starting a pair's reciprocal phase (who, when, with which topic),
sessions and objectives marked with the phase, the pair page's part, the final check-in."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from rementor.audit.events import Event
from rementor.mentoring import feedback, reciprocal
from rementor.mentoring.models import CheckIn, MentoringSession, Phase, ReciprocalPhase
from rementor.mentoring.sessions import record_session
from rementor.programmes.models import Programme
from tests.factories import UserFactory, client_for
from tests.rementor.mentoring.factories import (
    check_in_answers,
    formed_days_ago,
    held,
    in_last_month,
    local,
    make_objective,
    make_pair,
    planned,
    sign_charter,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SCRIPT = "<script>alert('x')</script>"


def _reciprocal_pair(*, after=2, sessions=2, held_sessions=2):
    pair, mentee_user, mentor_user = make_pair()
    Programme.objects.filter(pk=pair.programme_id).update(
        reciprocal_phase=True, reciprocal_after_sessions=after, reciprocal_sessions=sessions
    )
    pair.programme.refresh_from_db()
    sign_charter(pair)
    for day in range(held_sessions):
        held(pair, mentor_user, days=-2 - day)
    return pair, mentee_user, mentor_user


def _url(pair):
    return reverse("mentoring:start_reciprocal", args=[pair.pk])


# ------------------------------------------------------------------------------- the domain


@pytest.mark.django_db
def test_start_reciprocal_phase_by_the_junior_once_eligible_is_audited():
    pair, _mentee_user, mentor_user = _reciprocal_pair()
    later = planned(pair, mentor_user, days=5)
    phase = reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="leadership")
    assert phase.topic == "leadership" and phase.started_by == mentor_user
    # A session still planned will be held in the new phase; held ones stay reverse.
    later.refresh_from_db()
    assert later.phase == Phase.RECIPROCAL
    assert MentoringSession.objects.filter(pair=pair, phase=Phase.REVERSE).count() == 2
    entry = LogEntry.objects.get(additional_data__event=Event.RECIPROCAL_STARTED)
    assert entry.actor == mentor_user and entry.additional_data["topic"] == "leadership"


@pytest.mark.django_db
def test_start_reciprocal_phase_before_enough_sessions_is_refused():
    pair, _mentee_user, mentor_user = _reciprocal_pair(after=3, held_sessions=2)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="career")
    assert "after 3 sessions held; this pair has held 2" in caught.value.messages[0]
    assert not ReciprocalPhase.objects.exists()


@pytest.mark.django_db
def test_start_reciprocal_phase_refused_to_the_senior_and_without_the_setting():
    pair, mentee_user, mentor_user = _reciprocal_pair()
    with pytest.raises(PermissionDenied):
        reciprocal.start_reciprocal_phase(pair=pair, by=mentee_user, topic="career")
    Programme.objects.filter(pk=pair.programme_id).update(reciprocal_phase=False)
    with pytest.raises(ValidationError):
        reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="career")
    assert not ReciprocalPhase.objects.exists()


@pytest.mark.django_db
def test_start_reciprocal_phase_twice_or_without_own_words_is_refused():
    pair, _mentee_user, mentor_user = _reciprocal_pair()
    with pytest.raises(ValidationError) as caught:
        reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="own", topic_text=" ")
    assert "topic_text" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="gossip")
    assert "topic" in caught.value.message_dict
    reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="business")
    with pytest.raises(ValidationError):
        reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="career")
    assert ReciprocalPhase.objects.get().topic == "business"


@pytest.mark.django_db
def test_sessions_and_objectives_take_the_pair_phase():
    pair, mentee_user, mentor_user = _reciprocal_pair()
    formed_days_ago(pair, 30)
    before = make_objective(pair, mentee_user)
    reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="career")
    after = make_objective(pair, mentee_user, owner="mentor", area="leadership", skill=None)
    recorded = record_session(
        pair=pair,
        by=mentee_user,
        starts_at=local(-1),
        time_zone="Europe/Paris",
        duration_minutes=60,
    )
    assert before.phase == Phase.REVERSE and after.phase == Phase.RECIPROCAL
    assert recorded.phase == Phase.RECIPROCAL
    state = reciprocal.phase_state(pair)
    assert (state.held_reverse, state.held_reciprocal) == (2, 1)


# ------------------------------------------------------------------------------- the pages


@pytest.mark.django_db
def test_junior_starts_the_phase_from_the_page_and_the_pair_page_shows_it():
    pair, mentee_user, mentor_user = _reciprocal_pair()
    page = client_for(mentor_user).get(reverse("mentoring:pair", args=[pair.pk]), **EN)
    assert b'data-testid="start-reciprocal-link"' in page.content
    response = client_for(mentor_user).post(
        _url(pair), {"topic": "own", "topic_text": "Negotiating a raise"}, **EN
    )
    assert response.status_code == 302
    page = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk]), **EN)
    text = page.content.decode()
    assert "Negotiating a raise" in text and "Reciprocal phase" in text
    assert "Reverse mentoring: 2 sessions held" in text
    assert "Reciprocal phase: 0 of 2 sessions held" in text


@pytest.mark.django_db
def test_start_page_keeps_what_was_typed_and_names_the_field():
    pair, _mentee_user, mentor_user = _reciprocal_pair()
    response = client_for(mentor_user).post(
        _url(pair), {"topic": "", "topic_text": "Parler en public"}, **EN
    )
    assert response.status_code == 200
    assert b'value="Parler en public"' in response.content
    assert b"This field is required" in response.content
    assert not ReciprocalPhase.objects.exists()


@pytest.mark.django_db
def test_start_page_before_enough_sessions_says_how_many_are_left():
    pair, _mentee_user, mentor_user = _reciprocal_pair(after=4, held_sessions=1)
    page = client_for(mentor_user).get(_url(pair), **EN)
    assert b"3 more sessions to hold before the roles swap" in page.content
    response = client_for(mentor_user).post(_url(pair), {"topic": "career"}, **EN)
    assert response.status_code == 200
    assert b"after 4 sessions held; this pair has held 1" in response.content
    assert not ReciprocalPhase.objects.exists()


@pytest.mark.django_db
def test_non_member_gets_404_and_manager_sees_the_phase_but_cannot_choose(manager):
    pair, mentee_user, _mentor_user = _reciprocal_pair()
    outsider = UserFactory()
    assert client_for(outsider).post(_url(pair), {"topic": "career"}).status_code == 404
    assert client_for(manager).post(_url(pair), {"topic": "career"}).status_code == 403
    assert client_for(mentee_user).post(_url(pair), {"topic": "career"}).status_code == 403
    assert not ReciprocalPhase.objects.exists()
    page = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk]), **EN)
    assert b'data-testid="reciprocal-section"' in page.content
    assert b'data-testid="reciprocal-waiting"' in page.content
    assert b"start-reciprocal-link" not in page.content


@pytest.mark.django_db
def test_topic_with_script_is_escaped_on_the_pair_page(manager):
    pair, _mentee_user, mentor_user = _reciprocal_pair()
    reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="own", topic_text=SCRIPT)
    page = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk]))
    assert SCRIPT.encode() not in page.content
    assert b"&lt;script&gt;" in page.content


@pytest.mark.django_db
def test_pair_page_without_reciprocal_phase_has_no_section():
    pair, mentee_user, _mentor_user = make_pair()
    page = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk]))
    assert b'data-testid="reciprocal-section"' not in page.content


@pytest.mark.django_db
def test_start_page_in_french():
    pair, _mentee_user, mentor_user = _reciprocal_pair()
    page = client_for(mentor_user).get(_url(pair), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Inverser les rôles".encode() in page.content


# ------------------------------------------------------------------------ the final check-in


@pytest.mark.django_db
def test_final_check_in_asks_about_both_directions_after_the_swap():
    pair, _mentee_user, mentor_user = _reciprocal_pair()
    in_last_month(pair)
    url = reverse("mentoring:check_in", args=[pair.pk, "final"])
    page = client_for(mentor_user).get(url, **EN)
    assert b"reciprocal_progress" not in page.content
    reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="career")
    page = client_for(mentor_user).get(url, **EN)
    assert b"What the reciprocal phase, roles swapped, brought me" in page.content
    with pytest.raises(ValidationError) as caught:
        feedback.submit_check_in(pair=pair, by=mentor_user, kind="final", **check_in_answers())
    assert "reciprocal_progress" in caught.value.message_dict
    response = client_for(mentor_user).post(url, check_in_answers(reciprocal_progress=4), **EN)
    assert response.status_code == 302
    assert CheckIn.objects.get(pair=pair, kind="final").reciprocal_progress == 4


@pytest.mark.django_db
def test_midterm_check_in_ignores_the_reciprocal_question():
    pair, _mentee_user, mentor_user = _reciprocal_pair()
    in_last_month(pair)
    reciprocal.start_reciprocal_phase(pair=pair, by=mentor_user, topic="career")
    answer = feedback.submit_check_in(
        pair=pair, by=mentor_user, kind="midterm", **check_in_answers(reciprocal_progress=5)
    )
    assert answer.reciprocal_progress is None
