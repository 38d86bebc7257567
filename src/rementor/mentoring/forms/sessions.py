"""Forms of sessions: plan / reschedule, record a past session, log, private note. They
validate what a person typed; the domain (``sessions.py``, ``session_window.py``) decides."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.mentoring.calendar import display_zone
from rementor.mentoring.models import MentoringSession, SessionMode, SessionStatus
from rementor.mentoring.models.sessions import MEETING_URL_MAX_LENGTH
from rementor.mentoring.sessions import clean_meeting_url
from rementor.programmes.models import VideoTool


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class SessionForm(StyledFormMixin, forms.Form):
    """When and where: the date and time are read in the chosen time zone. Whether that time
    fits is the domain's rule (``session_window``); its errors about ``starts_at`` show next
    to the date."""

    # Domain field -> form field, for the domain's errors (see core.forms.attach_errors).
    domain_aliases = {"starts_at": "date"}

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_time_zone_choices)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=480
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=SessionMode.choices)
    location = forms.CharField(
        label=_("Place or video link"),
        max_length=500,
        required=False,
        help_text=_("A meeting room, or the link of the video call."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the two of you see it; it is not copied into the invitation."),
    )

    def __init__(
        self,
        *args,
        session: MentoringSession | None = None,
        time_zone: str = "Europe/Paris",
        duration_minutes: int = 60,
        video_tool: str = VideoTool.NONE,
        **kwargs,
    ) -> None:
        if session is not None:
            local = session.starts_at.astimezone(display_zone(session))
            kwargs.setdefault(
                "initial",
                {
                    "date": local.date(),
                    "time": local.time().replace(second=0, microsecond=0),
                    "time_zone": session.time_zone,
                    "duration_minutes": session.duration_minutes,
                    "mode": session.mode,
                    "location": session.location,
                    "agenda": session.agenda,
                    "meeting_url": session.meeting_url,
                },
            )
        else:
            kwargs.setdefault(
                "initial", {"time_zone": time_zone, "duration_minutes": duration_minutes}
            )
        super().__init__(*args, **kwargs)
        self.video_tool = video_tool
        # The typed link is asked for when the programme's pairs type one (and kept on a
        # session that has one, whatever the programme says now).
        if video_tool == VideoTool.LINK or (session is not None and session.meeting_url):
            self.fields["meeting_url"] = forms.CharField(
                label=_("Video call link"),
                max_length=MEETING_URL_MAX_LENGTH,
                required=False,
                widget=forms.URLInput(attrs={"placeholder": "https://"}),
                help_text=_(
                    "The Teams, Zoom or Meet link of a video call, starting with https://."
                ),
            )
            self.order_fields(
                ["date", "time", "time_zone", "duration_minutes", "mode", "meeting_url"]
            )
        if video_tool != VideoTool.NONE:
            self.fields["location"].label = _("Place")
            self.fields["location"].help_text = _("A meeting room, for a session in person.")
        if video_tool == VideoTool.JITSI:
            self.fields["mode"].help_text = _(
                "A video call gets its own Jitsi room: the link is on the session page and "
                "in the invitation."
            )

    def clean_meeting_url(self) -> str:
        try:
            return clean_meeting_url(self.cleaned_data.get("meeting_url", ""))
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["meeting_url"]) from None

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("mode") == SessionMode.IN_PERSON and not cleaned.get("location"):
            self.add_error("location", _("Say where you will meet."))
        return cleaned

    def _when_and_where(self) -> dict:
        data = self.cleaned_data
        return {
            "starts_at": dt.datetime.combine(data["date"], data["time"]).replace(
                tzinfo=ZoneInfo(data["time_zone"])
            ),
            "time_zone": data["time_zone"],
            "duration_minutes": data["duration_minutes"],
            "mode": data["mode"],
            "location": data["location"],
        }

    def domain_fields(self) -> dict:
        fields = {**self._when_and_where(), "agenda": self.cleaned_data["agenda"]}
        if "meeting_url" in self.fields:
            fields["meeting_url"] = self.cleaned_data["meeting_url"]
        return fields


def _skills_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Skills worked on"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _shared_notes_field() -> forms.CharField:
    return forms.CharField(
        label=_("Shared notes"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Both of you read these notes; nobody else does."),
    )


def _private_note_field() -> forms.CharField:
    return forms.CharField(
        label=_("My private note"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you will ever read it — not your partner, not the programme team."),
    )


class RecordSessionForm(SessionForm):
    """A session that already took place: when and where it was, then what the log asks
    (skills, notes). No agenda: it is over, and nobody is invited."""

    agenda = None
    skills = _skills_field()
    shared_notes = _shared_notes_field()
    private_note = _private_note_field()

    def __init__(self, *args, skills, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Over: nobody joins the call any more.
        self.fields.pop("meeting_url", None)
        self.fields["skills"].queryset = skills
        self.fields["location"].label = _("Place or video link")
        self.fields["location"].help_text = _("A meeting room, or how you met.")

    def domain_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **self._when_and_where(),
            "skills": data["skills"],
            "shared_notes": data["shared_notes"],
            "private_note": data["private_note"],
        }


class LogSessionForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[(s.value, s.label) for s in SessionStatus if s != SessionStatus.PLANNED],
        widget=forms.RadioSelect,
    )
    skills = _skills_field()
    shared_notes = _shared_notes_field()
    private_note = _private_note_field()

    def __init__(self, *args, skills, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = skills


class PrivateNoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("My private note"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only you will ever read it. Empty it to delete it."),
    )
