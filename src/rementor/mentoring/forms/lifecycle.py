"""The form that pauses, resumes, completes or ends a pair; the domain (``lifecycle.py``)
decides which moves are allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin

MOVE_LABELS = {
    "pause": _("Pause the pair"),
    "resume": _("Resume the pair"),
    "complete": _("Mark the pair as completed"),
    "end": _("End the pair early"),
}


class PairStatusForm(StyledFormMixin, forms.Form):
    move = forms.ChoiceField(label=_("What should happen"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed to pause or end the pair early. Both members and the programme team read it."
        ),
    )

    def __init__(self, *args, moves: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["move"].choices = [(move, MOVE_LABELS[move]) for move in moves]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("move") in ("pause", "end") and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please give a reason."))
        return cleaned
