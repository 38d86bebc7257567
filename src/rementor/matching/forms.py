from __future__ import annotations

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.matching.models import DEFAULT_WEIGHTS
from rementor.matching.reasons import TERM_HELP, TERM_LABELS


class WeightsForm(StyledFormMixin, forms.Form):
    """The four scoring weights, shown as percentages (the engine takes fractions)."""

    def __init__(self, *args, weights: dict[str, float], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for term, default in DEFAULT_WEIGHTS.items():
            self.fields[term] = forms.IntegerField(
                label=TERM_LABELS[term],
                min_value=0,
                max_value=100,
                initial=round(weights.get(term, default) * 100),
                help_text=TERM_HELP[term],
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors and sum(cleaned.get(t, 0) for t in DEFAULT_WEIGHTS) == 0:
            raise forms.ValidationError(_("At least one weight must be above zero."))
        return cleaned

    def weights(self) -> dict[str, float]:
        return {term: self.cleaned_data[term] / 100 for term in DEFAULT_WEIGHTS}


class PlainSelect(forms.Select):
    """A select whose options are written in one pass, not through a template each: the
    hand-pair form lists every accepted participant, thousands in a large programme."""

    # (value, label) pairs written instead of ``choices`` when given: ``choices`` checks
    # and copies each one, which thousands of plain names do not need.
    plain_choices: list[tuple] | None = None

    def render(self, name, value, attrs=None, renderer=None) -> str:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(v) for v in self.format_value(value)}
        # Escaped as format_html would (a label already safe is kept), without its cost per
        # call: ten thousand options took most of the matching page's time.
        options = "".join(
            f'<option value="{_escaped(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{_escaped(label)}</option>"
            for key, label in (self.choices if self.plain_choices is None else self.plain_choices)
        )
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))


def _escaped(text) -> str:
    """``text`` escaped for HTML, unless it is already safe (as conditional_escape does)."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


class PairChoiceForm(StyledFormMixin, forms.Form):
    mentee = forms.ModelChoiceField(label=_("Mentee"), queryset=None, widget=PlainSelect)
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None, widget=PlainSelect)

    def __init__(self, *args, mentees, mentors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentees
        self.fields["mentor"].queryset = mentors
        self.fields["mentee"].label_from_instance = lambda e: e.person.full_name
        self.fields["mentor"].label_from_instance = lambda e: e.person.full_name

    def list_names(self) -> None:
        """Write the options from the participants' names read as plain values, not from two
        model instances each (the same options, in the same order): the empty form lists
        every accepted participant, thousands in a large programme."""
        for name in ("mentee", "mentor"):
            field = self.fields[name]
            names = field.queryset.values_list("pk", "person__first_name", "person__last_name")
            field.widget.plain_choices = [
                ("", field.empty_label),
                *((pk, f"{first} {last}".strip()) for pk, first, last in names),
            ]


class DeclineForm(StyledFormMixin, forms.Form):
    """Why a member declines a proposed pair: read by the programme team only."""

    reason = forms.CharField(
        label=_("Why do you decline?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only the programme team reads it, never the person proposed to you. For example: "
            "no time this season, we already work together, a conflict of interest."
        ),
        error_messages={
            "required": _("Say in a few words why you decline: only the programme team reads it.")
        },
    )
