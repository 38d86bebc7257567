"""Writes on people: a manager changed without a reporting cycle; someone leaves (their person,
account, tokens and sessions are closed together) or comes back."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from rementor.api.models import ApiToken
from rementor.audit.events import Departure, Event
from rementor.matching.models import PairStatus
from rementor.mentoring.queries import pair_health
from rementor.people import domain
from rementor.people.domain import (
    deactivate_person,
    reactivate_person,
    set_manager,
)
from rementor.people.models import Person, User
from rementor.people.signals import accounts_closed
from tests.factories import PASSWORD, PersonFactory, UserFactory, log_in_through_form
from tests.rementor.people.factories import assert_locked_out, signed_in, signed_in_mentor

pytestmark = pytest.mark.django_db


def test_manager_cycle_refused_with_the_cycle_named():
    top = PersonFactory(first_name="Alice", last_name="Haut")
    middle = PersonFactory(first_name="Bruno", last_name="Milieu", manager=top)
    bottom = PersonFactory(first_name="Chloé", last_name="Bas", manager=middle)
    with pytest.raises(ValidationError) as error:
        set_manager(person=top, manager=bottom)
    message = " ".join(error.value.message_dict["manager"])
    assert "Alice Haut" in message and "Chloé Bas" in message and "Bruno Milieu" in message
    top.refresh_from_db()
    assert top.manager is None


def test_person_cannot_manage_themselves():
    person = PersonFactory()
    with pytest.raises(ValidationError):
        set_manager(person=person, manager=person)


def test_manager_change_without_cycle_is_saved():
    boss, report = PersonFactory(), PersonFactory()
    set_manager(person=report, manager=boss)
    assert Person.objects.get(pk=report.pk).manager == boss


def test_deactivate_person_closes_every_access(manager):
    leaver = signed_in_mentor()

    done = deactivate_person(person=leaver.user.person, by=manager, reason=Departure.DIRECTORY)

    assert (done.people, done.accounts, done.tokens, done.sessions) == (1, 1, 1, 1)
    leaver.user.refresh_from_db()
    assert not leaver.user.is_active and not leaver.user.person.is_active
    assert not ApiToken.objects.filter(user=leaver.user, revoked_at__isnull=True).exists()
    assert_locked_out(leaver)


def test_deactivate_person_keeps_the_pair_running_on_the_at_risk_list(manager):
    leaver = signed_in_mentor()

    deactivate_person(person=leaver.user.person, by=manager, reason=Departure.DIRECTORY)

    leaver.pair.refresh_from_db()
    assert leaver.pair.status == PairStatus.ACTIVE
    health = pair_health([leaver.pair])[leaver.pair.pk]
    assert health.at_risk and health.reasons == ("mentor_left",)


def test_deactivate_person_is_audited_with_why_and_what_was_closed(manager):
    leaver = signed_in_mentor()
    deactivate_person(person=leaver.user.person, by=manager, reason=Departure.HRIS_SYNC)
    entry = LogEntry.objects.get(additional_data__event=Event.PERSON_DEACTIVATED)
    assert entry.actor == manager and entry.object_pk == str(leaver.user.person.pk)
    assert entry.additional_data == {
        "event": "person_deactivated",
        "reason": "hris_sync",
        "account_closed": True,
        "tokens_revoked": 1,
        "sessions_ended": 1,
    }


def test_deactivate_person_is_all_or_nothing(manager, monkeypatch):
    leaver = signed_in_mentor()

    def fail(**kwargs):
        raise RuntimeError("session store down")

    monkeypatch.setattr(domain, "end_sessions", fail)
    with pytest.raises(RuntimeError):
        deactivate_person(person=leaver.user.person, by=manager, reason=Departure.DIRECTORY)

    leaver.user.refresh_from_db()
    assert leaver.user.is_active and leaver.user.person.is_active
    assert ApiToken.objects.filter(user=leaver.user, revoked_at__isnull=True).exists()
    assert signed_in(leaver.browser)


def test_deactivate_person_is_all_or_nothing_when_an_app_above_fails(manager):
    # The API revokes tokens through accounts_closed, inside the same transaction.
    leaver = signed_in_mentor()

    def fail(**kwargs):
        raise RuntimeError("token store down")

    accounts_closed.connect(fail, dispatch_uid="test.fail")
    try:
        with pytest.raises(RuntimeError):
            deactivate_person(person=leaver.user.person, by=manager, reason=Departure.DIRECTORY)
    finally:
        accounts_closed.disconnect(dispatch_uid="test.fail")

    leaver.user.refresh_from_db()
    assert leaver.user.is_active and leaver.user.person.is_active
    assert ApiToken.objects.filter(user=leaver.user, revoked_at__isnull=True).exists()
    assert signed_in(leaver.browser)
    assert not LogEntry.objects.filter(additional_data__event=Event.PERSON_DEACTIVATED).exists()


def test_deactivate_person_refuses_the_manager_own_record(manager):
    with pytest.raises(ValidationError):
        deactivate_person(person=manager.person, by=manager, reason=Departure.DIRECTORY)
    manager.refresh_from_db()
    assert manager.is_active and manager.person.is_active


def test_deactivate_person_spares_other_people_sessions(manager):
    leaver = signed_in_mentor()
    colleague = signed_in_mentor()
    deactivate_person(person=leaver.user.person, by=manager, reason=Departure.DIRECTORY)
    assert signed_in(colleague.browser)
    assert colleague.api.get("/api/v1/pairs/").status_code == 200


def test_reactivate_person_reopens_the_account_but_not_the_tokens(manager):
    leaver = signed_in_mentor()
    person = leaver.user.person
    deactivate_person(person=person, by=manager, reason=Departure.DIRECTORY)

    assert reactivate_person(person=person, by=manager) == 1

    person.refresh_from_db()
    leaver.user.refresh_from_db()
    assert person.is_active and leaver.user.is_active
    assert leaver.api.get("/api/v1/pairs/").status_code == 401
    assert log_in_through_form(leaver.browser, email=leaver.user.email, password=PASSWORD).url
    assert signed_in(leaver.browser)
    assert pair_health([leaver.pair])[leaver.pair.pk].reasons == ()
    entry = LogEntry.objects.get(additional_data__event=Event.PERSON_REACTIVATED)
    assert entry.additional_data["account_reopened"] is True


def test_reactivate_person_refuses_an_erased_person(manager):
    from rementor.privacy.erasure import anonymise_person

    user = UserFactory()
    anonymise_person(person=user.person, by=manager)
    with pytest.raises(ValidationError):
        reactivate_person(person=Person.objects.get(pk=user.person.pk), by=manager)
    assert not User.objects.get(pk=user.pk).is_active
