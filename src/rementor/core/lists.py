"""Lists of rows cut into pages and filtered by a GET form, the same way on every page that
lists rows (people, pairs, candidates, sessions, imports, the audit trail).

A page number from the address is never an error page: one that is not a number shows the
first page, one out of range (0, -1, 99999) the last. The page links keep the filters (the
shared ``includes/pagination.html`` writes them with ``{% querystring %}``). Counting and
slicing a queryset are two queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rementor.core.dates import validate_day

DATE_ERRORS = {"invalid": _("Enter a date such as 2026-09-01.")}


def day_filter(label: str) -> forms.DateField:
    """A "from" or "to" day of a list's filters (``date_from`` / ``date_to``), typed or picked."""
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
        validators=[validate_day],
    )


class FilterFormMixin:
    """For a GET form of filters: a value it does not know (a hand-typed address, a department
    since deleted) is dropped, never an error page; the valid ones still apply, and the form
    shows what was typed, with the message of a value it left out. A ``date_from`` after the
    ``date_to`` leaves both out."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                attrs = self.fields[name].widget.attrs  # type: ignore[attr-defined]
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"  # type: ignore[index]

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            # Keep both dates on screen, but filter by neither until they make sense.
            data.pop("date_from"), data.pop("date_to")
            raise ValidationError(_("The start date is after the end date."))
        return data

    def values(self) -> dict[str, Any]:
        """The filters that are valid and set, by name (empty when none is)."""
        self.is_valid()  # type: ignore[attr-defined]
        errors = self.errors  # type: ignore[attr-defined]
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in errors and value not in ("", None, [])
        }


# A search longer than this is not a name: the rest is left out, never an error page.
MAX_WORDS = 4


def words_filter(text: str, lookups: Sequence[str]) -> Q:
    """Every word of ``text`` (the first few) found in one of ``lookups``, e.g.
    ``("person__first_name__icontains", "person__last_name__icontains")``."""
    condition = Q()
    for word in text.split()[:MAX_WORDS]:
        either = Q()
        for lookup in lookups:
            either |= Q(**{lookup: word})
        condition &= either
    return condition


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def days_filter(field: str, date_from: dt.date | None, date_to: dt.date | None) -> Q:
    """The instants of ``field`` from the first day to the last one, both included, in the
    site's time zone; as bounds on the column, so that an index on it serves the range."""
    condition = Q()
    if date_from:
        condition &= Q(**{f"{field}__gte": _start_of(date_from)})
    if date_to:
        condition &= Q(**{f"{field}__lt": _start_of(date_to + dt.timedelta(days=1))})
    return condition


def paginate(
    request: HttpRequest, items: QuerySet | Sequence, *, per_page: int, param: str = "page"
) -> dict:
    """``page`` (Django's Page of ``items``), ``page_range`` (numbers with ellipses) and
    ``param`` (the address's parameter of the page number: another one for each list when a
    page has several), for ``includes/pagination.html``."""
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "param": param,
    }


def page_of(items: QuerySet, page_ids: Iterable[int]) -> list:
    """The rows of ``items`` whose keys are ``page_ids`` (a page of
    ``items.values_list("pk", flat=True)``), in the order of ``items``. Sorting a long list
    on its keys alone, then reading the page's rows in full, costs much less than sorting
    the full rows (with their joins) only to keep a page of them. The page's rows are put
    back in order here: sorting them again in the database would compute the sort keys
    again."""
    page_ids = list(page_ids)
    rows = items.order_by().in_bulk(page_ids)
    return [rows[pk] for pk in page_ids]
