"""The pair charter's form (members): cadence, session length and the charter's texts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.mentoring.models import PairCharter


class CharterForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PairCharter
        fields = [
            "cadence_weeks",
            "session_minutes",
            "confidentiality",
            "mentee_commitments",
            "mentor_commitments",
            "first_objectives",
        ]
        widgets = {
            "confidentiality": forms.Textarea(attrs={"rows": 6}),
            "mentee_commitments": forms.Textarea(attrs={"rows": 3}),
            "mentor_commitments": forms.Textarea(attrs={"rows": 3}),
            "first_objectives": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cadence_weeks"].min_value = 1
        self.fields["cadence_weeks"].widget.attrs.update(min=1, max=12)
        self.fields["session_minutes"].widget.attrs.update(min=15, max=240)

    def clean_cadence_weeks(self):
        value = self.cleaned_data["cadence_weeks"]
        if not 1 <= value <= 12:
            raise forms.ValidationError(_("Between 1 and 12 weeks."))
        return value

    def clean_session_minutes(self):
        value = self.cleaned_data["session_minutes"]
        if not 15 <= value <= 240:
            raise forms.ValidationError(_("Between 15 and 240 minutes."))
        return value
