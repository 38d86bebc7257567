"""What candidates and managers type in mentor selection."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.forms import StyledFormMixin
from rementor.core.lists import FilterFormMixin, words_filter
from rementor.people.models import Department
from rementor.programmes.models import Programme
from rementor.selection.domain import EVIDENCE_FROM_LEVEL
from rementor.selection.models import Commitment, Decision, MentorReview
from rementor.selection.scoring import CANDIDATE_STATUSES
from rementor.skills.domain import ItemInput
from rementor.skills.levels import Level


class ApplicationForm(StyledFormMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to mentor a senior colleague?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences: what you would like to share, and what you hope to learn."),
    )
    commitment = forms.TypedChoiceField(
        label=_("How much time can you give?"),
        choices=Commitment.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The bound depends on the programme: set it here so the message names the maximum.
        self.fields["capacity"] = forms.IntegerField(
            label=_("How many mentees could you take?"),
            min_value=1,
            max_value=programme.max_mentor_capacity,
            help_text=_("One is the usual. Take more only if you really have the time."),
            widget=forms.NumberInput(attrs={"class": "form-control"}),
        )


class SkillsForm(StyledFormMixin, forms.Form):
    """One level (0-4) and one piece of evidence per skill of the programme."""

    def __init__(self, *args, skills, existing=None, **kwargs) -> None:
        existing = existing or {}
        initial = kwargs.setdefault("initial", {})
        for skill in skills:
            item = existing.get(skill.pk)
            initial.setdefault(f"level_{skill.pk}", item.level if item else 0)
            initial.setdefault(f"evidence_{skill.pk}", item.evidence if item else "")
        super().__init__(*args, **kwargs)
        self.skills = list(skills)
        for skill in self.skills:
            self.fields[f"level_{skill.pk}"] = forms.TypedChoiceField(
                label=_("Your level in “%(skill)s”") % {"skill": skill.name},
                choices=[(lvl.value, f"{lvl.value} — {lvl.label}") for lvl in Level],
                coerce=int,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"evidence_{skill.pk}"] = forms.CharField(
                label=_("Evidence for “%(skill)s”") % {"skill": skill.name},
                max_length=500,
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def rows(self):
        """(skill, level field, evidence field) for the template's table."""
        return [
            (skill, self[f"level_{skill.pk}"], self[f"evidence_{skill.pk}"])
            for skill in self.skills
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        for skill in self.skills:
            level = cleaned.get(f"level_{skill.pk}")
            evidence = (cleaned.get(f"evidence_{skill.pk}") or "").strip()
            if level is not None and level >= EVIDENCE_FROM_LEVEL and not evidence:
                self.add_error(
                    f"evidence_{skill.pk}",
                    _("Give a link or a sentence that shows your level in “%(skill)s”.")
                    % {"skill": skill.name},
                )
        return cleaned

    def items(self) -> list[ItemInput]:
        return [
            ItemInput(
                skill_id=skill.pk,
                level=self.cleaned_data[f"level_{skill.pk}"],
                evidence=self.cleaned_data[f"evidence_{skill.pk}"].strip(),
            )
            for skill in self.skills
        ]


RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class ReviewForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MentorReview
        fields = ["clarity", "listening", "adaptability", "willingness", "comment"]
        labels = {
            "clarity": _("Explains clearly, without jargon"),
            "listening": _("Listens and asks questions"),
            "adaptability": _("Adapts to a senior colleague's pace"),
            "willingness": _("Keen to share what they know"),
            "comment": _("Comment (for managers only)"),
        }
        widgets = {
            "clarity": forms.RadioSelect(choices=RATING_CHOICES),
            "listening": forms.RadioSelect(choices=RATING_CHOICES),
            "adaptability": forms.RadioSelect(choices=RATING_CHOICES),
            "willingness": forms.RadioSelect(choices=RATING_CHOICES),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "clarity": _("1 = not at all, 5 = completely."),
        }


class DecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to decline. The candidate reads it in the e-mail they receive."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.DECLINED and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the candidate is declined: they will read it."))
        return cleaned


class _ApplicationIds(forms.Field):
    """The ticked candidates (checkboxes drawn by the candidates table), as application ids."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise ValidationError(_("Tick candidates from the list.")) from None

    def validate(self, value: list[int]) -> None:
        if not value:
            raise ValidationError(_("Tick at least one candidate."))


class BulkDecisionForm(StyledFormMixin, forms.Form):
    """One decision and one shared reason for every ticked candidate."""

    application = _ApplicationIds()
    decision = forms.ChoiceField(
        label=_("Decision for the ticked candidates"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (the same for each)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to decline. Each candidate reads it in the e-mail they receive."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked the ticked candidates: each one will be told by e-mail."),
        error_messages={"required": _("Tick the box to confirm: the candidates are e-mailed.")},
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.DECLINED and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the candidates are declined: they will read it."))
        return cleaned


class WeightsForm(StyledFormMixin, forms.Form):
    weight_expertise = forms.IntegerField(
        label=_("Technical expertise"), min_value=0, max_value=100
    )
    weight_communication = forms.IntegerField(label=_("Communication"), min_value=0, max_value=100)
    weight_willingness = forms.IntegerField(
        label=_("Willingness to share"), min_value=0, max_value=100
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        values = [cleaned.get(name) for name in self.fields]
        if all(v is not None for v in values) and not any(values):
            raise ValidationError(_("At least one weight must be above 0."))
        return cleaned


NAME_LOOKUPS = (
    "enrollment__person__first_name__icontains",
    "enrollment__person__last_name__icontains",
    "enrollment__person__job_title__icontains",
)


class CandidateFilterForm(FilterFormMixin, StyledFormMixin, forms.Form):
    """The pool's filters: a name or job title, a department, where the candidate stands.
    The column the list is sorted by travels with them (``sort``)."""

    q = forms.CharField(label=_("Name or job title"), required=False, max_length=100)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=pgettext_lazy("departments", "All"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All candidates")), *[(s.value, s.label) for s in CANDIDATE_STATUSES]],
    )

    def where(self) -> Q:
        values = self.values()
        condition = words_filter(values.get("q", ""), NAME_LOOKUPS)
        if values.get("department") is not None:
            condition &= Q(enrollment__person__department=values["department"])
        return condition

    def statuses(self) -> list[str]:
        status = self.values().get("status")
        return [status] if status else list(CANDIDATE_STATUSES)
