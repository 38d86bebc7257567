"""The session plan: what a new programme starts with, the managers' plan and library
editors (all or nothing, typed rows kept), a pair's own plan, where a pair stands, the plan
progress of every pair in a constant number of queries, booking a series after the plan,
and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from rementor.mentoring import booking
from rementor.mentoring import plan as session_plan
from rementor.mentoring.models import (
    AgendaTopic,
    MentoringSession,
    PairPlanStep,
    PlanStep,
    SessionStatus,
)
from rementor.programmes.models import Programme
from tests.factories import client_for
from tests.rementor.mentoring.factories import PARIS, make_pair
from tests.rementor.programmes.test_views import VALID

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}
TEMPLATE = "?template=reverse-6-sessions"


def _planned(programme):
    session_plan.install_template_plan(programme=programme)
    return programme


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _plan_post(steps, *, extra=None):
    """The plan page's POST: ``steps`` as (id, theme_fr, theme_en, order) rows."""
    data = _management("steps", len(steps), initial=sum(1 for s in steps if s[0]))
    for index, (pk, theme_fr, theme_en, order) in enumerate(steps):
        data |= {
            f"steps-{index}-id": str(pk or ""),
            f"steps-{index}-theme_fr": theme_fr,
            f"steps-{index}-theme_en": theme_en,
            f"steps-{index}-agenda_fr": "",
            f"steps-{index}-agenda_en": f"agenda {index}",
            f"steps-{index}-ORDER": str(order),
        }
    return data | (extra or {})


def _themes(programme):
    return list(PlanStep.objects.filter(programme=programme).values_list("number", "theme_en"))


# --- what a new programme starts with ------------------------------------------------------


def test_a_programme_from_the_template_gets_six_sessions_from_the_shipped_library(manager):
    client_for(manager).post(reverse("programmes:create") + TEMPLATE, VALID)
    programme = Programme.objects.get(name="Programme 2027")
    assert [theme for _n, theme in _themes(programme)] == [
        "Getting to know each other and the charter",
        "LinkedIn for leaders",
        "Collaborative tools in practice",
        "Reading data and dashboards",
        "Digital culture and the new generation",
        "Review and next steps",
    ]
    assert PlanStep.objects.get(programme=programme, number=2).theme_fr == (
        "LinkedIn pour les dirigeants"
    )
    assert AgendaTopic.objects.filter(programme=programme).count() == 6
    # Tied to a skill in focus where the programme has one.
    linkedin = AgendaTopic.objects.get(programme=programme, theme_en="LinkedIn for leaders")
    assert linkedin.skill.code == "linkedin"


def test_a_blank_programme_gets_the_library_but_no_plan(manager):
    client_for(manager).post(reverse("programmes:create"), VALID)
    programme = Programme.objects.get(name="Programme 2027")
    assert AgendaTopic.objects.filter(programme=programme).count() == 6
    assert not PlanStep.objects.filter(programme=programme).exists()


def test_a_copy_takes_the_plan_library_and_lead_but_no_pair_s_own_plan(manager):
    pair, _mentee_user, mentor_user = make_pair()
    source = _planned(pair.programme)
    source.lead = "mentee"
    source.save()
    session_plan.save_pair_plan(pair=pair, by=mentor_user, rows=[{"theme": "À nous"}])
    PlanStep.objects.filter(programme=source, number=1).update(theme_en="Our first talk")
    client_for(manager).post(
        reverse("programmes:create") + f"?from={source.slug}",
        {**VALID, "name": "Copie", "lead": "mentee"},
    )
    copy = Programme.objects.get(name="Copie")
    assert copy.lead == "mentee"
    assert _themes(copy)[0] == (1, "Our first talk")
    assert len(_themes(copy)) == 6
    assert AgendaTopic.objects.filter(programme=copy).count() == 6
    assert not copy.pairs.exists() and not copy.enrollments.exists()
    assert PairPlanStep.objects.filter(pair__programme=copy).count() == 0
    assert len(_themes(source)) == 6  # the source is left as it was


# --- the managers' plan page ---------------------------------------------------------------


def test_the_manager_reorders_edits_adds_and_removes_in_one_save(manager):
    programme = _planned(make_pair()[0].programme)
    steps = list(PlanStep.objects.filter(programme=programme))
    rows = [
        (steps[1].pk, "LinkedIn", "LinkedIn first", 1),
        (steps[0].pk, steps[0].theme_fr, steps[0].theme_en, 2),
        (None, "Sécurité", "Security", 3),
    ]
    data = _plan_post(rows)
    # Steps 3 to 6 are posted too, ticked for removal.
    data = _plan_post(rows + [(s.pk, s.theme_fr, s.theme_en, 9) for s in steps[2:]])
    for index in range(3, 7):
        data[f"steps-{index}-DELETE"] = "on"
    response = client_for(manager).post(reverse("mentoring:plan", args=[programme.slug]), data)
    assert response.status_code == 302
    assert _themes(programme) == [
        (1, "LinkedIn first"),
        (2, "Getting to know each other and the charter"),
        (3, "Security"),
    ]
    # The steps kept keep their identity.
    assert PlanStep.objects.get(programme=programme, number=1).pk == steps[1].pk


def test_a_step_drawn_from_the_library_takes_its_texts(manager):
    programme = _planned(make_pair()[0].programme)
    topic = AgendaTopic.objects.get(programme=programme, theme_en="Reading data and dashboards")
    data = _plan_post([(None, "", "", 1)], extra={"steps-0-topic": str(topic.pk)})
    data["steps-0-agenda_en"] = ""
    client_for(manager).post(reverse("mentoring:plan", args=[programme.slug]), data)
    (step,) = PlanStep.objects.filter(programme=programme)
    assert (step.theme_fr, step.theme_en) == (topic.theme_fr, topic.theme_en)
    assert step.agenda_en == topic.agenda_en


def test_an_empty_theme_is_refused_keeping_every_row_typed(manager):
    programme = _planned(make_pair()[0].programme)
    before = _themes(programme)
    steps = list(PlanStep.objects.filter(programme=programme))
    data = _plan_post([(steps[0].pk, "Nouveau thème", "New theme", 1), (steps[1].pk, "", "", 2)])
    data["steps-1-agenda_en"] = "An agenda I typed with care"
    response = client_for(manager).post(
        reverse("mentoring:plan", args=[programme.slug]), data, **EN
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give this session a theme" in body
    assert 'value="New theme"' in body and "An agenda I typed with care" in body
    assert _themes(programme) == before


def test_a_step_of_another_programme_is_refused_and_nothing_changes(manager):
    programme = _planned(make_pair()[0].programme)
    other = _planned(make_pair()[0].programme)
    foreign = PlanStep.objects.filter(programme=other).first()
    before, before_other = _themes(programme), _themes(other)
    data = _plan_post([(foreign.pk, "Piraté", "Hijacked", 1), (None, "Gardé", "Kept text", 2)])
    response = client_for(manager).post(
        reverse("mentoring:plan", args=[programme.slug]), data, **EN
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "this step is not in this plan" in body
    assert 'value="Kept text"' in body
    assert (_themes(programme), _themes(other)) == (before, before_other)


@pytest.mark.parametrize("bad_id", ["abc", "-3", "99999999"])
def test_a_mangled_step_id_is_refused(manager, bad_id):
    programme = _planned(make_pair()[0].programme)
    before = _themes(programme)
    data = _plan_post([(None, "x", "x", 1)], extra={"steps-0-id": bad_id})
    response = client_for(manager).post(reverse("mentoring:plan", args=[programme.slug]), data)
    assert response.status_code == 200
    assert _themes(programme) == before


def test_a_participant_cannot_edit_the_plan_and_a_stranger_does_not_learn_it(stranger):
    pair, mentee_user, _mentor_user = make_pair()
    programme = _planned(pair.programme)
    before = _themes(programme)
    url = reverse("mentoring:plan", args=[programme.slug])
    data = _plan_post([(None, "Rien", "Nothing", 1)])
    assert client_for(mentee_user).post(url, data).status_code == 403
    assert client_for(stranger).post(url, data).status_code == 404
    assert _themes(programme) == before


def test_the_library_is_edited_tied_to_skills_in_focus_only(manager):
    programme = make_pair()[0].programme
    session_plan.install_library(programme=programme)
    url = reverse("mentoring:agenda_library", args=[programme.slug])
    in_focus = programme.skills.get(code="slack")
    data = _management("topics", 1) | {
        "topics-0-theme_en": "Teams channels",
        "topics-0-skill": str(in_focus.pk),
        "topics-0-ORDER": "1",
    }
    assert client_for(manager).post(url, data).status_code == 302
    (topic,) = AgendaTopic.objects.filter(programme=programme)
    assert (topic.theme_en, topic.skill_id) == ("Teams channels", in_focus.pk)
    # A skill outside the programme's focus is not a choice.
    from rementor.skills.models import Skill

    outside = Skill.objects.exclude(programmes=programme).first()
    data["topics-0-skill"] = str(outside.pk)
    response = client_for(manager).post(url, data, **EN)
    assert response.status_code == 200
    assert AgendaTopic.objects.get(programme=programme).skill_id == in_focus.pk


# --- a pair's own plan ---------------------------------------------------------------------


def test_a_pair_replaces_a_theme_for_itself_only(manager):
    pair, mentee_user, _mentor_user = make_pair()
    programme = _planned(pair.programme)
    before = _themes(programme)
    data = _management("steps", 2) | {
        "steps-0-theme": "Instagram d'abord",
        "steps-0-ORDER": "1",
        "steps-1-theme": "Faire connaissance",
        "steps-1-ORDER": "2",
    }
    response = client_for(mentee_user).post(reverse("mentoring:pair_plan", args=[pair.pk]), data)
    assert response.status_code == 302
    assert list(PairPlanStep.objects.filter(pair=pair).values_list("number", "theme")) == [
        (1, "Instagram d'abord"),
        (2, "Faire connaissance"),
    ]
    assert _themes(programme) == before
    page = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()
    assert "Instagram d&#x27;abord" in page
    # Back to the programme's plan.
    client_for(mentee_user).post(
        reverse("mentoring:pair_plan", args=[pair.pk]), {"follow_programme": "1"}
    )
    assert not PairPlanStep.objects.filter(pair=pair).exists()


def test_a_member_of_another_pair_cannot_override_this_pair_s_plan():
    pair, _mentee_user, _mentor_user = make_pair()
    _other_pair, other_mentee, _other_mentor = make_pair(programme=pair.programme)
    url = reverse("mentoring:pair_plan", args=[pair.pk])
    data = _management("steps", 1) | {"steps-0-theme": "Piraté", "steps-0-ORDER": "1"}
    assert client_for(other_mentee).post(url, data).status_code == 404
    assert client_for(other_mentee).post(url, {"follow_programme": "1"}).status_code == 404
    assert not PairPlanStep.objects.filter(pair=pair).exists()
    with pytest.raises(ValidationError):
        session_plan.save_pair_plan(pair=pair, by=other_mentee, rows=[{"theme": "x"}])


def test_a_pair_s_empty_theme_is_refused_keeping_the_agenda():
    pair, mentee_user, _mentor_user = make_pair()
    data = _management("steps", 1) | {
        "steps-0-theme": "",
        "steps-0-agenda": "Notre ordre du jour",
        "steps-0-ORDER": "1",
    }
    response = client_for(mentee_user).post(
        reverse("mentoring:pair_plan", args=[pair.pk]), data, **FR
    )
    assert response.status_code == 200
    assert "Notre ordre du jour" in response.content.decode()
    assert not PairPlanStep.objects.filter(pair=pair).exists()


# --- where a pair stands -------------------------------------------------------------------


def _held(pair, n):
    for index in range(n):
        MentoringSession.objects.create(
            pair=pair,
            starts_at=timezone.now() - dt.timedelta(days=30 - index),
            status=SessionStatus.HELD,
        )


def test_the_pair_page_shows_session_k_of_n_and_the_next_theme_in_both_languages():
    pair, mentee_user, _mentor_user = make_pair()
    _planned(pair.programme)
    _held(pair, 2)
    url = reverse("mentoring:pair", args=[pair.pk])
    english = client_for(mentee_user).get(url, **EN).content.decode()
    assert "Next: session 3 of 6" in english
    assert "Collaborative tools in practice" in english
    french = client_for(mentee_user).get(url, **FR).content.decode()
    assert "Prochaine : séance 3 sur 6" in french
    assert "Les outils collaboratifs en pratique" in french


def test_a_pair_past_its_plan_is_done():
    pair, *_users = make_pair()
    _planned(pair.programme)
    _held(pair, 6)
    position = session_plan.position_of(pair)
    assert position.done and position.next is None


def test_the_managers_see_plan_progress_per_pair_in_constant_queries(manager):
    pair, *_users = make_pair()
    programme = _planned(pair.programme)
    _held(pair, 1)
    client = client_for(manager)
    url = reverse("mentoring:pairs", args=[programme.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **EN)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    small, body = count()
    assert "next 2 of 6" in body and "LinkedIn for leaders" in body
    for _index in range(3):
        other, *_rest = make_pair(programme=programme)
        _held(other, 2)
    for number in (1, 2, 3):
        PairPlanStep.objects.create(pair=other, number=number, theme=f"Notre thème {number}")
    large, body = count()
    assert large == small
    assert "own plan" in body


# --- booking a series after the plan -------------------------------------------------------


def test_booking_a_series_prefills_each_agenda_from_the_plan_s_next_steps():
    pair, mentee_user, _mentor_user = make_pair()
    _planned(pair.programme)
    _held(pair, 1)
    today = timezone.localdate(timezone=PARIS)
    monday = today + dt.timedelta(days=7 - today.weekday())
    with translation.override("en"):
        booked = booking.book_sessions(pair=pair, by=mentee_user, day=monday, slot=1, count=2)
    assert booked[0].agenda.startswith("LinkedIn for leaders\n\n")
    assert booked[1].agenda.startswith("Collaborative tools in practice")
    # The next series continues after those planned.
    with translation.override("en"):
        (third,) = booking.book_sessions(
            pair=pair, by=mentee_user, day=monday + dt.timedelta(days=7), slot=1
        )
    assert third.agenda.startswith("Reading data and dashboards")


# --- the API -------------------------------------------------------------------------------


def test_the_api_reads_the_plan_and_the_pair_s_position(manager, stranger):
    pair, mentee_user, _mentor_user = make_pair()
    programme = _planned(pair.programme)
    _held(pair, 1)
    plan_url = reverse("api:programme-plan", args=[programme.pk])
    steps = client_for(mentee_user).get(plan_url).json()
    assert [s["number"] for s in steps] == [1, 2, 3, 4, 5, 6]
    assert steps[1]["theme_fr"] == "LinkedIn pour les dirigeants"
    pair_url = reverse("api:pair-plan", args=[pair.pk])
    for user in (mentee_user, manager):
        data = client_for(user).get(pair_url, **EN).json()
        assert (data["number"], data["total"], data["own_plan"]) == (2, 6, False)
        assert data["next"]["theme"] == "LinkedIn for leaders"
    assert client_for(stranger).get(pair_url).status_code == 404
    assert client_for(stranger).get(plan_url).status_code == 404
