"""The audit trail's filters: what happened, who, on what kind of record, when, on which one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.audit.events import Event
from rementor.audit.queries import CHANGE_KINDS, target_choices
from rementor.core.forms import StyledFormMixin
from rementor.core.lists import FilterFormMixin, day_filter


class TrailFilterForm(FilterFormMixin, StyledFormMixin, forms.Form):
    event = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.CharField(label=_("Who (e-mail)"), required=False, max_length=254)
    target = forms.ChoiceField(label=_("Kind of record"), required=False)
    date_from = day_filter(pgettext_lazy("date filter", "From"))
    date_to = day_filter(pgettext_lazy("date filter", "To"))
    q = forms.CharField(label=_("On what"), required=False, max_length=200)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [
            ("", _("Everything")),
            (_("Events"), list(Event.choices)),
            (
                _("Changes to records"),
                [(code, label) for code, (_a, label) in CHANGE_KINDS.items()],
            ),
        ]
        self.fields["target"].choices = [("", _("Every kind")), *target_choices()]
