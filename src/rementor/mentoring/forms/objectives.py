"""Forms of objectives: objectives and their adjustments, practice tasks and their evidence.

Forms only check what a person typed; the rules (who, when, which skill) live in the domain
functions, whose ValidationErrors the views attach back to the form's fields.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.formats import date_text
from rementor.core.forms import StyledFormMixin
from rementor.matching.models import Pair
from rementor.mentoring.models import (
    MentorGoalArea,
    Objective,
    ObjectiveOwner,
    ObjectiveStatus,
)
from rementor.mentoring.objectives import target_window, validate_evidence_link
from rementor.skills.models import Skill

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _show_target_window(field: forms.Field, pair: Pair) -> None:
    """Say in the help text (and to the browser's date picker) when a target date may fall;
    the domain checks it (``objectives.target_window``)."""
    first, last = target_window(pair)
    field.help_text = _(
        "Optional. Between the programme's start (%(first)s) and 90 days after its end (%(last)s)."
    ) % {
        "first": date_text(first),
        "last": date_text(last),
    }
    field.widget.attrs.update(min=first.isoformat(), max=last.isoformat())


class SkillChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Skill) -> str:
        return obj.name


class ObjectiveForm(StyledFormMixin, forms.Form):
    owner = forms.ChoiceField(label=_("Whose objective"), choices=ObjectiveOwner.choices)
    title = forms.CharField(
        label=_("Objective"),
        max_length=200,
        help_text=_("Concrete and observable, e.g. “publish a LinkedIn post a week”."),
    )
    skill = SkillChoiceField(
        label=_("Skill (for the mentee's objectives)"),
        queryset=Skill.objects.none(),
        required=False,
    )
    area = forms.ChoiceField(
        label=_("Area (for the mentor's objectives)"),
        choices=[("", "—"), *MentorGoalArea.choices],
        required=False,
    )
    success_criterion = forms.CharField(
        label=_("Success criterion"),
        max_length=300,
        required=False,
        help_text=_("How you will both know it is achieved."),
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=_DATE)

    def __init__(self, *args, pair: Pair, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = pair.programme.skills.filter(is_active=True).order_by(
            "category__position", "position", "code"
        )
        _show_target_window(self.fields["target_date"], pair)


class AdjustObjectiveForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Objective"), max_length=200)
    success_criterion = forms.CharField(
        label=_("Success criterion"), max_length=300, required=False
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=_DATE)
    status = forms.ChoiceField(label=_("Status"), choices=ObjectiveStatus.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": 5}),
    )
    reason = forms.CharField(
        label=_("Why does it change?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the objective's history, which both of you can read."),
    )

    def __init__(self, *args, pair: Pair, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _show_target_window(self.fields["target_date"], pair)

    @classmethod
    def initial_for(cls, objective: Objective) -> dict:
        return {
            "title": objective.title,
            "success_criterion": objective.success_criterion,
            "target_date": objective.target_date,
            "status": objective.status,
            "progress": objective.progress,
        }


class ObjectiveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Objective) -> str:
        return obj.title


class TaskForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Task"),
        max_length=200,
        help_text=_("Something to practise before the next session."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    objective = ObjectiveChoiceField(
        label=_("Objective it serves"), queryset=Objective.objects.none(), required=False
    )

    def __init__(self, *args, pair: Pair, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = pair.objectives.all()


class EvidenceForm(StyledFormMixin, forms.Form):
    evidence_link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("A post, a dashboard, a document… (a web link)."),
    )
    evidence_note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_evidence_link(self) -> str:
        link = self.cleaned_data.get("evidence_link", "")
        try:
            validate_evidence_link(link)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["evidence_link"]) from None
        return link

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and not data.get("evidence_link") and not data.get("evidence_note"):
            raise forms.ValidationError(_("Give a link or a note (or both)."))
        return data
