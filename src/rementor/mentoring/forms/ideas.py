"""The form of an idea for the company, logged by a pair's member, and the filters of the
managers' list of ideas."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.dates import validate_day
from rementor.core.forms import StyledFormMixin
from rementor.core.lists import FilterFormMixin, day_filter, days_filter, words_filter
from rementor.mentoring.models import Idea
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


class IdeaFilterForm(FilterFormMixin, StyledFormMixin, forms.Form):
    """The filters of a programme's ideas: words of the idea, the department it concerns, when
    it was logged."""

    q = forms.CharField(label=_("Words of the idea"), required=False, max_length=100)
    department = DepartmentChoiceField(
        label=_("Department concerned"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=pgettext_lazy("departments", "All"),
    )
    date_from = day_filter(pgettext_lazy("date filter", "From"))
    date_to = day_filter(pgettext_lazy("date filter", "To"))

    def apply(self, ideas: QuerySet[Idea]) -> QuerySet[Idea]:
        values = self.values()
        if values.get("department") is not None:
            ideas = ideas.filter(department=values["department"])
        return ideas.filter(
            words_filter(values.get("q", ""), ("title__icontains", "description__icontains")),
            days_filter("created_at", values.get("date_from"), values.get("date_to")),
        )
