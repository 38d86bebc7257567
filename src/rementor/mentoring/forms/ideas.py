"""The form of an idea for the company, logged by a pair's member."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
