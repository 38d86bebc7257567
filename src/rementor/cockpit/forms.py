"""What a manager confirms before a programme moves (the checks themselves are in
``transitions.py``, and run again when the move is made)."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rementor.cockpit.transitions import COMPLETE, END, Facts
from rementor.core.forms import StyledFormMixin
from rementor.programmes.models import Programme, ProgrammeStatus


class TransitionForm(StyledFormMixin, forms.Form):
    """Only the questions the move asks: start or close early, what to do with the pairs
    still active, and a confirmation before closing."""

    start_early = forms.BooleanField(required=False)
    close_early = forms.BooleanField(required=False)
    pairs = forms.ChoiceField(
        label=gettext_lazy("The pairs still active or paused"),
        widget=forms.RadioSelect,
        choices=[
            (COMPLETE, gettext_lazy("Complete them: they went the whole way")),
            (END, gettext_lazy("End them early, for the reason below")),
        ],
        # Said as the move says it, rather than Django's bare "This field is required."
        error_messages={
            "required": gettext_lazy("Choose what happens to the pairs still active or paused.")
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for ending them early"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Needed to end them early. Both members of each pair and the programme team read "
            "it on the pair's page; it is not in the e-mail."
        ),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I have read what closing does, and I want to close the programme."),
        error_messages={"required": gettext_lazy("Tick this box to confirm the closing.")},
    )

    def __init__(self, *args, programme: Programme, to: str, known: Facts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme, self.to = programme, to
        closing = to == ProgrammeStatus.CLOSED
        if to == ProgrammeStatus.RUNNING and programme.starts_later:
            self.fields["start_early"].label = _(
                "Start early: its start date, %(date)s, becomes today."
            ) % {"date": date_format(programme.start_date)}
        else:
            del self.fields["start_early"]
        if closing and programme.ends_later:
            self.fields["close_early"].label = _(
                "Close early: its end date, %(date)s, becomes today."
            ) % {"date": date_format(programme.end_date)}
        else:
            del self.fields["close_early"]
        if not (closing and known.open_pairs):
            del self.fields["pairs"], self.fields["reason"]
        if not closing:
            del self.fields["confirm"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if "start_early" in self.fields and not cleaned.get("start_early"):
            self.add_error(
                "start_early",
                _("Tick this box to start before %(date)s, or wait until then.")
                % {"date": date_format(self.programme.start_date)},
            )
        if "close_early" in self.fields and not cleaned.get("close_early"):
            self.add_error(
                "close_early",
                _("Tick this box to close before %(date)s, or wait until then.")
                % {"date": date_format(self.programme.end_date)},
            )
        if cleaned.get("pairs") == END and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please give a reason."))
        return cleaned


class ProposalDecisionForm(StyledFormMixin, forms.Form):
    """A manager answers on the members' behalf or cancels a proposed pair, saying why."""

    action = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("accept", gettext_lazy("Accept on behalf of those who have not answered")),
            ("cancel", gettext_lazy("Cancel the proposal: both go back to the pool")),
        ],
        error_messages={"required": gettext_lazy("Choose to accept or to cancel the proposal.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Required, and kept with the proposal: e.g. “she said yes by phone”."
        ),
        error_messages={"required": gettext_lazy("Give the reason for this decision.")},
    )
