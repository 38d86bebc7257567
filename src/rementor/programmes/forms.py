from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.core.languages import SPOKEN_LANGUAGES
from rementor.core.slots import DAYS, PERIODS, slot_choices
from rementor.programmes.models import Lead, Mode, Pace, Programme, Style, VideoTool
from rementor.skills.models import Skill


class SkillChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Skill) -> str:
        return f"{obj.category.name} — {obj.name}"


class ProgrammeForm(StyledFormMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages the programme's sessions can be held in."),
    )
    skills = SkillChoiceField(
        label=_("Skills in focus"),
        queryset=Skill.objects.filter(is_active=True).select_related("category"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked to use every skill of the taxonomy."),
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "slug",
            "description",
            "start_date",
            "end_date",
            "cadence_weeks",
            "session_minutes",
            "video_tool",
            "lead",
            "default_mentor_capacity",
            "max_mentor_capacity",
            "reporting_line_depth",
            "pair_consent",
            "consent_days",
            "reciprocal_phase",
            "reciprocal_after_sessions",
            "reciprocal_sessions",
            "group_mentoring",
            "mentor_applications",
            "sso_self_registration",
            "languages",
            "skills",
        ]
        widgets = {
            "mentor_applications": forms.RadioSelect,
            "video_tool": forms.RadioSelect,
            "lead": forms.RadioSelect,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens; left empty, it is made from the name."),
            # The rule is Programme.clean's (EARLIEST_START, YEARS_AHEAD, LONGEST_YEARS).
            "start_date": _("From 1 January 2000, and at most five years from today."),
            "end_date": _("After the start, and at most three years after it."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # Left out (a script, an older form), the programme keeps its video tool.
        self.fields["video_tool"].required = False
        self.fields["consent_days"].required = False
        self.fields["reciprocal_after_sessions"].required = False
        self.fields["reciprocal_sessions"].required = False
        self.fields["lead"].required = False
        if self.instance.pk:
            # The slug is in every address of the programme: keep links people saved working.
            self.fields["slug"].disabled = True
            self.fields["skills"].initial = list(self.instance.skills.values_list("pk", flat=True))
        else:
            self.fields["languages"].initial = ["fr"]

    def clean_video_tool(self) -> str:
        return self.cleaned_data.get("video_tool") or self.instance.video_tool or VideoTool.NONE

    def clean_lead(self) -> str:
        return self.cleaned_data.get("lead") or self.instance.lead or Lead.MENTOR

    def clean_consent_days(self) -> int:
        return self.cleaned_data.get("consent_days") or self.instance.consent_days or 7

    def clean_reciprocal_after_sessions(self) -> int:
        return (
            self.cleaned_data.get("reciprocal_after_sessions")
            or self.instance.reciprocal_after_sessions
            or 4
        )

    def clean_reciprocal_sessions(self) -> int:
        return (
            self.cleaned_data.get("reciprocal_sessions") or self.instance.reciprocal_sessions or 2
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        default = cleaned.get("default_mentor_capacity")
        maximum = cleaned.get("max_mentor_capacity")
        if default and maximum and default > maximum:
            self.add_error(
                "default_mentor_capacity",
                _("The default cannot exceed the most mentees a mentor may take (%(max)s).")
                % {"max": maximum},
            )
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The programme cannot end before it starts."))
        return cleaned

    def domain_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"skills"}}
        if self.instance.pk:
            data.pop("slug", None)
        return data

    def chosen_skills(self):
        chosen = self.cleaned_data.get("skills")
        return chosen if chosen else Skill.objects.filter(is_active=True)


class PreferencesForm(StyledFormMixin, forms.Form):
    """Learning preferences and weekly availability: the same form for mentees and mentors."""

    pace = forms.ChoiceField(label=_("Preferred pace"), choices=Pace.choices, required=False)
    style = forms.ChoiceField(label=_("Preferred style"), choices=Style.choices, required=False)
    mode = forms.ChoiceField(label=_("Meeting mode"), choices=Mode.choices, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you can hold sessions in"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    slots = forms.TypedMultipleChoiceField(
        label=_("When you are usually free (each week)"),
        choices=slot_choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick at least three slots: it makes a good match much more likely."),
    )

    def __init__(self, *args, enrollment=None, **kwargs) -> None:
        if enrollment is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "pace": enrollment.pace,
                "style": enrollment.style,
                "mode": enrollment.mode,
                "languages": enrollment.person.languages,
                "slots": enrollment.slots,
            }
        super().__init__(*args, **kwargs)
        for name in ("pace", "style", "mode"):
            field = self.fields[name]
            field.choices = [("", _("No preference")), *field.choices]

    def slot_rows(self) -> list[tuple[str, list]]:
        """The availability checkboxes as a week grid: one row per day, one column a period."""
        boxes = list(self["slots"])
        width = len(PERIODS)
        return [(day, boxes[i * width : (i + 1) * width]) for i, day in enumerate(DAYS)]

    periods = PERIODS
