"""The audit trail's filters: what happened, who, on what kind of record, when, on which one."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.audit.events import Event
from rementor.audit.queries import CHANGE_KINDS, target_choices
from rementor.core.dates import validate_day
from rementor.core.forms import StyledFormMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATE_ERRORS = {"invalid": _("Enter a date such as 2026-09-01.")}


class TrailFilterForm(StyledFormMixin, forms.Form):
    event = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.CharField(label=_("Who (e-mail)"), required=False, max_length=254)
    target = forms.ChoiceField(label=_("Kind of record"), required=False)
    date_from = forms.DateField(
        label=pgettext_lazy("date filter", "From"),
        required=False,
        widget=_DATE,
        error_messages=_DATE_ERRORS,
        validators=[validate_day],
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date filter", "To"),
        required=False,
        widget=_DATE,
        error_messages=_DATE_ERRORS,
        validators=[validate_day],
    )
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

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            # Keep both dates on screen, but filter by neither until they make sense.
            data.pop("date_from"), data.pop("date_to")
            raise ValidationError(_("The start date is after the end date."))
        return data
