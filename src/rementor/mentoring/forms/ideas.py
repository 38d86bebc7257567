"""The form of an idea for the company, logged by a pair's member."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.dates import validate_day
from rementor.core.forms import StyledFormMixin
from rementor.people.models import Department


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        return obj.name


class IdeaForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Idea"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    department = DepartmentChoiceField(
        label=_("Department concerned"),
        queryset=Department.objects.order_by("name"),
        required=False,
    )


class AdoptIdeaForm(StyledFormMixin, forms.Form):
    change = forms.CharField(
        label=_("What changed"),
        help_text=_(
            "A sentence or two the results page can show: a policy, a tool, a way of working."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    adopted_on = forms.DateField(
        label=_("Changed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_day],
    )
