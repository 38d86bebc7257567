"""The filters of a programme's sessions page: where a session stands, how it is held, when,
a department and a name."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.forms import StyledFormMixin
from rementor.core.lists import FilterFormMixin, day_filter, days_filter, words_filter
from rementor.mentoring.forms.pairs import NAME_LOOKUPS
from rementor.mentoring.models import MentoringSession, SessionMode, SessionStatus
from rementor.people.models import Department


def _on_pair(lookups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"pair__{lookup}" for lookup in lookups)


class SessionFilterForm(FilterFormMixin, StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("sessions filter", "All")), *SessionStatus.choices],
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        required=False,
        choices=[("", pgettext_lazy("sessions filter", "All")), *SessionMode.choices],
    )
    date_from = day_filter(pgettext_lazy("date filter", "From"))
    date_to = day_filter(pgettext_lazy("date filter", "To"))
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=pgettext_lazy("departments", "All"),
    )
    q = forms.CharField(
        label=_("Name of the mentee or the mentor"), max_length=100, required=False, strip=True
    )

    def apply(self, sessions: QuerySet[MentoringSession]) -> QuerySet[MentoringSession]:
        values = self.values()
        if values.get("status"):
            sessions = sessions.filter(status=values["status"])
        if values.get("mode"):
            sessions = sessions.filter(mode=values["mode"])
        department = values.get("department")
        if department is not None:
            sessions = sessions.filter(
                Q(pair__mentee__person__department=department)
                | Q(pair__mentor__person__department=department)
            )
        return sessions.filter(
            days_filter("starts_at", values.get("date_from"), values.get("date_to")),
            words_filter(values.get("q", ""), _on_pair(NAME_LOOKUPS)),
        )
