"""The booking form: one of the pair's free times, once or as a series. It checks that the
time was offered; whether it is still free is the domain's rule (``booking.book_sessions``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rementor.core.forms import StyledFormMixin
from rementor.mentoring.booking import SERIES_DEFAULT, SERIES_MAX, FreeTime, parse_key
from rementor.mentoring.models import SessionMode

ONCE, SERIES = "once", "series"


def _time(value: dt.datetime) -> str:
    return formats.time_format(value, "TIME_FORMAT")


def day_groups(
    free_times: Sequence[FreeTime], zone: dt.tzinfo
) -> list[tuple[dt.date, list[tuple[str, str]]]]:
    """The free times by day as the viewer reads them (in ``zone``): [(day, [(key, "10:00 –
    11:00"), ...]), ...], in order."""
    groups: dict[dt.date, list[tuple[str, str]]] = {}
    for free in free_times:
        starts, ends = free.starts_at.astimezone(zone), free.ends_at.astimezone(zone)
        groups.setdefault(starts.date(), []).append((free.key, f"{_time(starts)} – {_time(ends)}"))
    return list(groups.items())


class BookingForm(StyledFormMixin, forms.Form):
    free_time = forms.ChoiceField(
        label=_("Free time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of your free times."),
            "invalid_choice": _("This time is not one of your free times: choose one in the list."),
        },
    )
    scope = forms.ChoiceField(label=_("How many sessions"), widget=forms.RadioSelect)
    count = forms.IntegerField(
        label=_("Sessions in the series"),
        min_value=2,
        max_value=SERIES_MAX,
        required=False,
        initial=SERIES_DEFAULT,
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=SessionMode.choices)
    location = forms.CharField(
        label=_("Place"),
        max_length=500,
        required=False,
        help_text=_("A meeting room, for a session in person."),
    )

    def __init__(self, *args, free_times: Sequence[FreeTime], cadence_weeks: int, **kwargs) -> None:
        kwargs.setdefault("initial", {"scope": ONCE, "count": SERIES_DEFAULT})
        super().__init__(*args, **kwargs)
        self.fields["free_time"].choices = [(free.key, free.key) for free in free_times]
        self.fields["scope"].choices = [
            (ONCE, _("Only this session")),
            (
                SERIES,
                ngettext(
                    "A series: one session every week, same day and time",
                    "A series: one session every %(weeks)s weeks, same day and time",
                    cadence_weeks,
                )
                % {"weeks": cadence_weeks},
            ),
        ]
        self.fields["count"].help_text = _(
            "For a series: how many sessions, the first one included (%(max)s at most)."
        ) % {"max": SERIES_MAX}

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            cleaned.get("scope") == SERIES
            and not cleaned.get("count")
            and "count" not in self.errors
        ):
            self.add_error("count", _("Say how many sessions the series holds."))
        if cleaned.get("mode") == SessionMode.IN_PERSON and not cleaned.get("location"):
            self.add_error("location", _("Say where you will meet."))
        return cleaned

    def domain_fields(self) -> dict:
        data = self.cleaned_data
        day, slot = parse_key(data["free_time"])  # an offered key always parses
        return {
            "day": day,
            "slot": slot,
            "count": data["count"] if data["scope"] == SERIES else 1,
            "mode": data["mode"],
            "location": data["location"],
        }
