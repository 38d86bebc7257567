"""Forms of circles: what a manager or member typed. The domain (``domain.py``) decides."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.circles.models import AGENDA_MAX_LENGTH, NAME_MAX_LENGTH, NOTE_MAX_LENGTH
from rementor.core.forms import StyledFormMixin
from rementor.people.queries import name_key


class CircleNameForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the circle"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("For example “Mentors — spring debrief”."),
    )


class AddMemberForm(StyledFormMixin, forms.Form):
    """One of the programme's accepted participants not yet in the circle."""

    enrollment = forms.TypedChoiceField(
        label=_("Participant"),
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "Choose an accepted participant of this programme who is not in the circle yet."
            )
        },
    )

    def __init__(self, *args, candidates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {e.pk: e for e in candidates}
        self.fields["enrollment"].choices = [
            (e.pk, f"{e.person.full_name} ({e.get_role_display()})")
            for e in sorted(self.candidates.values(), key=lambda e: name_key(e.person))
        ]

    def chosen(self):
        return self.candidates[self.cleaned_data["enrollment"]]


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class MeetingForm(StyledFormMixin, forms.Form):
    domain_aliases = {"starts_at": "date"}

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_time_zone_choices)
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=480)
    location = forms.CharField(
        label=_("Place"), max_length=500, required=False, help_text=_("A meeting room.")
    )
    meeting_url = forms.CharField(
        label=_("Video call link"),
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("The Teams, Zoom or Meet link, starting with https://."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=AGENDA_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by the circle's members on the meeting page; not in the invitation."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("location") and not cleaned.get("meeting_url"):
            self.add_error("location", _("Say where you will meet: a place or a video call link."))
        return cleaned

    def domain_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "starts_at": dt.datetime.combine(data["date"], data["time"]).replace(
                tzinfo=ZoneInfo(data["time_zone"])
            ),
            "time_zone": data["time_zone"],
            "duration_minutes": data["duration_minutes"],
            "location": data["location"],
            "meeting_url": data["meeting_url"],
            "agenda": data["agenda"],
        }


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Shared note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Seen by the circle's members and the programme's managers. Nothing from your "
            "pair belongs here: keep your pair's notes in your pair."
        ),
    )


class AttendanceForm(StyledFormMixin, forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Who came"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Only the circle's members can be marked present.")},
    )

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.members = {m.enrollment_id: m.enrollment for m in members}
        self.fields["present"].choices = [
            (m.enrollment_id, m.enrollment.person.full_name) for m in members
        ]

    def chosen(self) -> list:
        return [self.members[pk] for pk in self.cleaned_data["present"]]
