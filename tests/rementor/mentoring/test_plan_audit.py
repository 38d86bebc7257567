"""The session plan's changes are in the audit trail: who changed the programme's plan, its
agenda library or a pair's own plan, and how many rows, never the themes and agendas typed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rementor.audit.events import Event
from rementor.mentoring import plan as session_plan
from rementor.mentoring.models import AgendaTopic, PlanStep
from tests.factories import client_for
from tests.rementor.audit.helpers import events, everything_stored, the_event
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db

TYPED = "Confidentiel : la fusion avec Acme"


def _programme():
    programme = make_pair()[0].programme
    session_plan.install_template_plan(programme=programme)
    return programme


def _rows(model, programme):
    return [
        {"id": s.pk, **{f: getattr(s, f) for f in ("theme_fr", "theme_en", "agenda_fr")}}
        for s in model.objects.filter(programme=programme)
    ]


def test_a_plan_saved_records_who_and_how_many_rows_never_the_texts(manager):
    programme = _programme()
    rows = [*_rows(PlanStep, programme)[:4], {"theme_fr": "Nouveau", "agenda_fr": TYPED}]
    session_plan.save_plan(programme=programme, by=manager, rows=rows)
    entry = the_event(Event.PLAN_CHANGED)
    assert entry.actor == manager and entry.object_pk == str(programme.pk)
    assert entry.additional_data == {"event": "plan_changed", "rows": 5, "added": 1, "removed": 2}
    assert TYPED not in everything_stored() and "Nouveau" not in everything_stored()


def test_a_refused_plan_records_nothing(manager):
    programme = _programme()
    with pytest.raises(ValidationError):
        session_plan.save_plan(programme=programme, by=manager, rows=[{"agenda_fr": TYPED}])
    assert events(Event.PLAN_CHANGED) == []


def test_the_agenda_library_saved_is_recorded(manager):
    programme = _programme()
    rows = _rows(AgendaTopic, programme)[1:]
    session_plan.save_library(programme=programme, by=manager, rows=rows)
    entry = the_event(Event.AGENDA_LIBRARY_CHANGED)
    assert entry.actor == manager
    assert entry.additional_data == {
        "event": "agenda_library_changed",
        "rows": 5,
        "added": 0,
        "removed": 1,
    }


def test_a_pair_s_own_plan_and_its_return_to_the_programme_s_are_recorded_without_words():
    pair, mentee_user, _mentor_user = make_pair()
    session_plan.save_pair_plan(
        pair=pair, by=mentee_user, rows=[{"theme": "Instagram", "agenda": TYPED}]
    )
    session_plan.follow_programme_plan(pair=pair, by=mentee_user)
    changed = the_event(Event.PAIR_PLAN_CHANGED)
    dropped = the_event(Event.PAIR_PLAN_DROPPED)
    assert changed.actor == dropped.actor == mentee_user
    assert changed.object_pk == dropped.object_pk == str(pair.pk)
    assert changed.additional_data["rows"] == dropped.additional_data["rows"] == 1
    assert TYPED not in everything_stored() and "Instagram" not in everything_stored()


def test_someone_outside_the_pair_changing_its_plan_is_refused_and_not_recorded():
    pair, _mentee_user, _mentor_user = make_pair()
    _other, outsider, _other_mentor = make_pair(programme=pair.programme)
    with pytest.raises(ValidationError):
        session_plan.save_pair_plan(pair=pair, by=outsider, rows=[{"theme": "Piraté"}])
    with pytest.raises(ValidationError):
        session_plan.follow_programme_plan(pair=pair, by=outsider)
    assert events(Event.PAIR_PLAN_CHANGED) == events(Event.PAIR_PLAN_DROPPED) == []


def test_the_trail_page_names_plan_events_in_french(manager):
    programme = _programme()
    session_plan.save_plan(programme=programme, by=manager, rows=_rows(PlanStep, programme))
    page = client_for(manager).get(
        reverse("audit:trail"), {"event": "plan_changed"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "Plan de séances modifié" in page.content.decode()
