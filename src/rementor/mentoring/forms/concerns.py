"""Forms of confidential concerns: raising one (members), resolving it and filtering the
list (managers). The domain (``concerns.py``) decides who may read and act."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin


class ConcernForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("What worries you"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Only the programme managers read it. Your partner in the pair does not see it, "
            "nor that you wrote."
        ),
    )


class ResolveConcernForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("How it was resolved"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The author of the concern reads this note."),
    )


class ConcernFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        choices=[("open", _("Open")), ("resolved", _("Resolved")), ("all", _("All"))],
        required=False,
    )
