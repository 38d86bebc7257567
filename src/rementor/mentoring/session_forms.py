"""Forms of the sessions part: plan / reschedule, log, private note, pulse, check-in, life
cycle. They validate what a person typed; the domain (sessions, feedback, lifecycle) decides."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.mentoring.calendar import display_zone
from rementor.mentoring.models import MentoringSession, SessionMode, SessionStatus
from rementor.skills.assessment_forms import SelfAssessmentForm

ONE_TO_FIVE = [(n, str(n)) for n in range(1, 6)]
ZERO_TO_TEN = [(n, str(n)) for n in range(11)]


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class SessionForm(StyledFormMixin, forms.Form):
    """When and where: the date and time are read in the chosen time zone. Whether that time
    fits is the domain's rule (``session_window``); its errors about ``starts_at`` show next
    to the date."""

    # Domain field -> form field, for the domain's errors (see session_views._attach).
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
                },
            )
        else:
            kwargs.setdefault(
                "initial", {"time_zone": time_zone, "duration_minutes": duration_minutes}
            )
        super().__init__(*args, **kwargs)

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
        return {**self._when_and_where(), "agenda": self.cleaned_data["agenda"]}


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
        self.fields["skills"].queryset = skills
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


def _one_to_five(label) -> forms.TypedChoiceField:
    """A required 1-5 scale answered with a row of radio buttons."""
    return forms.TypedChoiceField(
        label=label, choices=ONE_TO_FIVE, coerce=int, widget=forms.RadioSelect
    )


class PulseForm(StyledFormMixin, forms.Form):
    usefulness = _one_to_five(_("How useful was this session? (1: not at all, 5: very)"))
    comfort = _one_to_five(_("How comfortable did you feel? (1: not at all, 5: completely)"))
    comment = forms.CharField(label=_("One sentence (optional)"), max_length=280, required=False)
    comment_shared = forms.BooleanField(
        label=_("Share this comment with the programme team"),
        required=False,
        help_text=_(
            "Unticked, only you can read your comment. Ticked, the programme managers can read "
            "it too, in the pair's page and their exports. Your partner never sees it."
        ),
    )


class CheckInForm(StyledFormMixin, forms.Form):
    progress = _one_to_five(_("Progress on my objectives (1-5)"))
    relationship = _one_to_five(_("Quality of our relationship (1-5)"))
    pace = _one_to_five(_("The pace suits me (1-5)"))
    recommend = forms.TypedChoiceField(
        label=_("Would you recommend the programme to a colleague? (0-10)"),
        choices=ZERO_TO_TEN,
        coerce=int,
    )
    highlight = forms.CharField(
        label=_("What worked best"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    improve = forms.CharField(
        label=_("What should change"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FinalSelfAssessmentForm(SelfAssessmentForm):
    """The baseline form, re-measured at the end. Unlike the baseline, reaching every target
    is a fine answer: only a target below the current level is refused."""

    def clean(self) -> dict:
        cleaned = forms.Form.clean(self)
        for skill in self.skills:
            level = cleaned.get(f"level_{skill.pk}")
            target = cleaned.get(f"target_{skill.pk}")
            if level is not None and target is not None and target < level:
                self.add_error(
                    f"target_{skill.pk}",
                    _("%(skill)s: the target cannot be below your current level (%(level)s).")
                    % {"skill": skill.name, "level": level},
                )
        return cleaned


MOVE_LABELS = {
    "pause": _("Pause the pair"),
    "resume": _("Resume the pair"),
    "complete": _("Mark the pair as completed"),
    "end": _("End the pair early"),
}


class PairStatusForm(StyledFormMixin, forms.Form):
    move = forms.ChoiceField(label=_("What should happen"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed to pause or end the pair early. Both members and the programme team read it."
        ),
    )

    def __init__(self, *args, moves: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["move"].choices = [(move, MOVE_LABELS[move]) for move in moves]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("move") in ("pause", "end") and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please give a reason."))
        return cleaned
