from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.forms import StyledFormMixin
from rementor.privacy.erasure import REASON_MAX


class ErasureRequestForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only programme managers read it. Keep it short."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my data will be erased for good once a manager confirms."),
    )


class ErasureDecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("confirm", pgettext_lazy("erasure decision", "Confirm: erase this person")),
            ("decline", pgettext_lazy("erasure decision", "Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to decline: the person receives it by e-mail."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            raise ValidationError(
                {"reason": _("Say why the request is declined: the person will read it.")}
            )
        return data
