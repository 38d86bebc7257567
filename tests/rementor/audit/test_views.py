"""The audit trail page: managers read it with filters; nobody writes through it."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from rementor.audit.events import Event, record
from rementor.matching.models import Pair
from rementor.mentoring import lifecycle
from rementor.people.models import Person
from tests.factories import PASSWORD, PersonFactory, UserFactory, client_for, log_in_through_form
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db

URL = "/audit/"


def _fr(text) -> str:
    """``text`` as the French page shows it (English until the catalogue has it), escaped."""
    with translation.override("fr"):
        return escape(gettext(str(text)))


def _page(client, **params) -> str:
    response = client.get(reverse("audit:trail"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_trail_url_is_audit():
    assert reverse("audit:trail") == URL


def test_trail_lists_newest_first_with_who_what_where(manager):
    other = UserFactory(email="someone@example.org", is_programme_manager=True)
    old = record(event=Event.EXPORT, actor=other, details={"file": "pairs.csv"})
    LogEntry.objects.filter(pk=old.pk).update(timestamp=timezone.now() - dt.timedelta(days=3))
    client = Client()
    log_in_through_form(client, email=manager.email, password=PASSWORD)  # the newest entry
    page = _page(client)
    assert page.index(_fr(Event.LOGIN.label)) < page.index(_fr(Event.EXPORT.label))
    assert "someone@example.org" in page and "pairs.csv" in page
    assert "127.0.0.1" in page


def test_system_and_anonymous_actors_are_named(manager):
    record(event=Event.PURGE, details={"counts": {"private_notes": 7}})
    page = _page(client_for(manager), event=Event.PURGE)
    assert _fr("system") in page and "private_notes 7" in page


def test_model_changes_show_model_and_translated_field_names(manager):
    pair, mentee_user, _mentor = make_pair()
    lifecycle.pause_pair(pair=pair, by=mentee_user, reason="Vacances")
    page = _page(client_for(manager), event="changed", target="matching.pair")
    assert _fr("Changed %(model)s") % {"model": _fr(Pair._meta.verbose_name)} in page
    assert "status" in page  # Pair.status has no verbose name: the field's own name
    assert "Vacances" not in page
    assert mentee_user.email in page


def test_person_change_shows_the_translated_field_label(manager):
    person = PersonFactory()
    person.job_title = "Directrice"
    person.save()
    page = _page(client_for(manager), event="changed", target="people.person")
    assert _fr(Person._meta.get_field("job_title").verbose_name) in page


def test_filter_by_event_keeps_only_that_kind(manager):
    record(event=Event.EXPORT, actor=manager, details={"file": "a.csv"})
    record(event=Event.REPORT, actor=manager, details={"audience": "sponsor"})
    page = _page(client_for(manager), event=Event.REPORT)
    assert "sponsor" in page and "a.csv" not in page


def test_filter_by_actor_matches_part_of_the_email(manager):
    other = UserFactory(email="zelda@example.org")
    record(event=Event.EXPORT, actor=other, details={"file": "zelda.csv"})
    record(event=Event.EXPORT, actor=manager, details={"file": "hr.csv"})
    page = _page(client_for(manager), actor="ZELDA")
    assert "zelda.csv" in page and "hr.csv" not in page


def test_filter_by_target_kind_and_object_text(manager, programme):
    record(event=Event.EXPORT, actor=manager, target=programme, details={"file": "p.csv"})
    record(event=Event.EXPORT, actor=manager, details={"file": "u.csv"})
    client = client_for(manager)
    page = _page(client, target="programmes.programme")
    assert "p.csv" in page and "u.csv" not in page
    page = _page(client, q="pilote")
    assert "p.csv" in page and "u.csv" not in page


def test_filter_by_dates_includes_both_whole_days(manager):
    today = timezone.localdate()
    early = record(event=Event.EXPORT, actor=manager, details={"file": "early.csv"})
    LogEntry.objects.filter(pk=early.pk).update(timestamp=timezone.now() - dt.timedelta(days=10))
    record(event=Event.EXPORT, actor=manager, details={"file": "today.csv"})
    client = client_for(manager)
    page = _page(client, date_from=today.isoformat(), date_to=today.isoformat())
    assert "today.csv" in page and "early.csv" not in page
    page = _page(client, date_to=(today - dt.timedelta(days=5)).isoformat())
    assert "early.csv" in page and "today.csv" not in page


def test_filters_keep_what_was_typed(manager):
    page = _page(client_for(manager), actor="qui@exemple", q="Programme X", event="login")
    assert 'value="qui@exemple"' in page and 'value="Programme X"' in page
    assert '<option value="login" selected>' in page


def test_invalid_date_gives_a_message_not_an_error(manager):
    record(event=Event.EXPORT, actor=manager, details={"file": "kept.csv"})
    page = _page(client_for(manager), date_from="31/02/2026", actor="hr@")
    assert _fr("Enter a date such as 2026-09-01.") in page
    assert 'value="31/02/2026"' in page and "is-invalid" in page
    assert "kept.csv" in page  # the valid filters still apply


@pytest.mark.parametrize(
    "dates", [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}, {"date_from": "9999-12-31"}]
)
def test_date_at_the_ends_of_the_calendar_gives_a_message_not_an_error(manager, dates):
    record(event=Event.EXPORT, actor=manager, details={"file": "kept.csv"})
    page = _page(client_for(manager), **dates)
    with translation.override("fr"):
        message = gettext("Give a date between the years %(first)s and %(last)s.")
    assert escape(message % {"first": 1900, "last": 2999}) in page
    assert "kept.csv" in page  # the out-of-range date filters nothing


def test_start_after_end_gives_a_message(manager):
    page = _page(client_for(manager), date_from="2026-05-02", date_to="2026-05-01")
    assert "is-invalid" not in page
    assert "alert-danger" in page


def test_unknown_event_or_target_is_a_message_not_an_error(manager):
    page = _page(client_for(manager), event="nope", target="x.y", page="999")
    assert "invalid-feedback" in page


def _queries_of_the_page(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("audit:trail")).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def _add_entries(count: int) -> None:
    for _ in range(count):
        record(event=Event.EXPORT, actor=UserFactory(), details={"file": "f.csv"})
        PersonFactory()  # a model change, on another kind of record


def test_trail_queries_do_not_grow_from_1_to_3_entries(manager):
    client = client_for(manager)
    LogEntry.objects.all().delete()
    _add_entries(1)
    with_one = _queries_of_the_page(client)
    _add_entries(1)
    LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exclude(
        additional_data__event="export"
    ).delete()
    _add_entries(1)
    with_three = _queries_of_the_page(client)
    assert LogEntry.objects.filter(additional_data__event="export").count() == 3
    assert len(with_three) == len(with_one)
    # The trail itself: one count and one page of entries, actors and kinds joined in.
    assert len([sql for sql in with_three if "auditlog_logentry" in sql]) == 2


def test_trail_pages_keep_the_filters(manager):
    for _ in range(55):
        record(event=Event.EXPORT, actor=manager, details={"file": "x.csv"})
    page = _page(client_for(manager), event=Event.EXPORT)
    assert "event=export&amp;page=2" in page


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_trail_cannot_be_written_through_the_page(manager, method):
    entry = record(event=Event.EXPORT, actor=manager, details={"file": "x.csv"})
    response = getattr(client_for(manager), method)(URL, {"pk": entry.pk})
    assert response.status_code == 405
    assert LogEntry.objects.filter(pk=entry.pk, additional_data__file="x.csv").exists()


def test_no_url_can_change_or_delete_log_entries():
    """No admin, no view of auditlog's: the only audit URL is the read-only trail."""

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), entry.callback

    routes = list(walk(get_resolver()))
    assert not [r for r, _ in routes if r.startswith("admin")]
    audit = [(r, cb) for r, cb in routes if "audit" in r or "auditlog" in cb.__module__]
    assert [r for r, _cb in audit] == ["audit/"]


def test_navigation_shows_the_trail_to_managers_only(manager, sponsor):
    assert URL in client_for(manager).get(reverse("home")).content.decode()
    assert URL not in client_for(sponsor).get(reverse("home")).content.decode()


def test_denied_visit_is_itself_recorded(sponsor):
    assert client_for(sponsor).get(URL).status_code == 403
    entry = LogEntry.objects.get(additional_data__event="permission_denied")
    assert entry.additional_data["permission"] == "audit.view_trail"


def test_trail_tells_why_a_person_was_deactivated(manager):
    from rementor.audit.events import Departure
    from rementor.people.domain import deactivate_person

    leaver = UserFactory()
    deactivate_person(person=leaver.person, by=manager, reason=Departure.HRIS_SYNC)
    page = _page(client_for(manager), event=Event.PERSON_DEACTIVATED.value)
    assert _fr(Event.PERSON_DEACTIVATED.label) in page
    assert _fr(Departure.HRIS_SYNC.label) in page
