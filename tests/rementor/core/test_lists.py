"""The shared pieces of every list page: pages from any address, filters that drop what they
do not know, name and day filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.test import RequestFactory
from django.utils import timezone, translation

from rementor.core.lists import (
    FilterFormMixin,
    day_filter,
    days_filter,
    page_of,
    paginate,
    words_filter,
)


@pytest.mark.parametrize(
    ("page", "shown"),
    [("", 1), ("abc", 1), ("1.5", 1), ("2", 2), ("3", 3), ("0", 3), ("-1", 3), ("99999", 3)],
)
def test_a_page_number_is_the_first_page_or_the_last_never_an_error(page, shown):
    request = RequestFactory().get("/", {"page": page})
    assert paginate(request, list(range(5)), per_page=2)["page"].number == shown


def test_an_empty_list_is_one_empty_page():
    pages = paginate(RequestFactory().get("/", {"page": "7"}), [], per_page=2)
    assert pages["page"].number == 1 and list(pages["page"].object_list) == []


def test_a_list_with_its_own_page_parameter_leaves_the_other_alone():
    request = RequestFactory().get("/", {"page": "2", "mentor_page": "3"})
    pages = paginate(request, list(range(10)), per_page=2, param="mentor_page")
    assert pages["page"].number == 3 and pages["param"] == "mentor_page"


@pytest.mark.django_db
def test_a_page_read_by_its_keys_keeps_the_list_order():
    from rementor.people.models import Person
    from tests.factories import PersonFactory

    for name in ("Dumas", "Adam", "Caron", "Bruel", "Evrard"):
        PersonFactory(last_name=name, sort_name=name.lower())
    people = Person.objects.order_by("-sort_name")
    request = RequestFactory().get("/", {"page": "2"})
    pages = paginate(request, people.values_list("pk", flat=True), per_page=2)
    rows = page_of(people, pages["page"].object_list)
    assert [p.last_name for p in rows] == ["Caron", "Bruel"]
    assert page_of(people, []) == []


class _Filters(FilterFormMixin, forms.Form):
    q = forms.CharField(required=False, max_length=5)
    date_from = day_filter("From")
    date_to = day_filter("To")


def test_a_bad_filter_drops_only_itself():
    assert _Filters({"q": "toolong", "date_from": "2026-01-02"}).values() == {
        "date_from": dt.date(2026, 1, 2)
    }


def test_days_the_wrong_way_round_drop_both_with_a_message():
    form = _Filters({"q": "ok", "date_from": "2026-01-05", "date_to": "2026-01-02"})
    with translation.override("en"):
        assert form.values() == {"q": "ok"}
        assert form.non_field_errors() == ["The start date is after the end date."]


def test_a_day_outside_the_calendar_is_a_message():
    form = _Filters({"date_to": "0001-01-01"})
    assert form.values() == {} and "date_to" in form.errors
    assert "is-invalid" in str(form["date_to"])


def test_words_filter_needs_every_word_and_reads_a_few_only():
    condition = words_filter("ana  lyse b c d e f", ("first__icontains", "last__icontains"))
    assert len(condition.children) == 4
    assert words_filter("   ", ("first__icontains",)) == words_filter("", ())


def test_days_filter_includes_both_whole_days():
    day = dt.date(2026, 3, 1)
    condition = days_filter("at", day, day)
    start, end = (value for _lookup, value in condition.children)
    assert timezone.localtime(start).date() == day
    assert end - start == dt.timedelta(days=1)
