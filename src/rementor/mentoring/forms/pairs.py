"""The filters of a programme's pairs page: why a pair is at risk, a department, a name."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.lists import FilterFormMixin, words_filter
from rementor.matching.models import Pair
from rementor.mentoring.queries import ANY_RISK, LEFT_REASONS, MEMBER_LEFT, PairHealth, PairRisk
from rementor.people.models import Department

RISK_CHOICES = [
    ("", pgettext_lazy("pairs filter", "All pairs")),
    (ANY_RISK, _("At risk, for any reason")),
    (MEMBER_LEFT, _("A member left the company")),
    ("no_session", _("No session for 30 days or more")),
    ("low_pulse", _("Recent pulses are low")),
    ("open_concern", _("An open concern")),
]
NAME_LOOKUPS = (
    "mentee__person__first_name__icontains",
    "mentee__person__last_name__icontains",
    "mentor__person__first_name__icontains",
    "mentor__person__last_name__icontains",
)


class PairFilterForm(FilterFormMixin, forms.Form):
    """A GET form: a value it does not know (a hand-typed address) is dropped, never an
    error page; the others still apply."""

    risk = forms.ChoiceField(label=_("At risk"), choices=RISK_CHOICES, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=pgettext_lazy("departments", "All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    q = forms.CharField(label=_("Name"), max_length=100, required=False, strip=True)

    def apply(self, pairs: QuerySet[Pair]) -> QuerySet[Pair]:
        """``pairs`` cut by department and name (the risk filter needs the pairs' health,
        see :func:`matches_risk`)."""
        values = self.values()
        department = values.get("department")
        if department is not None:
            pairs = pairs.filter(
                Q(mentee__person__department=department) | Q(mentor__person__department=department)
            )
        return pairs.filter(words_filter(values.get("q", ""), NAME_LOOKUPS))

    def matches_risk(self, health: PairHealth | PairRisk) -> bool:
        risk = self.values().get("risk", "")
        if not risk:
            return True
        if risk == ANY_RISK:
            return health.at_risk
        if risk == MEMBER_LEFT:
            return any(reason in LEFT_REASONS for reason in health.reasons)
        return risk in health.reasons
