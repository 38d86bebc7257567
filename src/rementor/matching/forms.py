from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
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

    def render(self, name, value, attrs=None, renderer=None) -> str:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class PairChoiceForm(StyledFormMixin, forms.Form):
    mentee = forms.ModelChoiceField(label=_("Mentee"), queryset=None, widget=PlainSelect)
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None, widget=PlainSelect)

    def __init__(self, *args, mentees, mentors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = mentees
        self.fields["mentor"].queryset = mentors
        self.fields["mentee"].label_from_instance = lambda e: e.person.full_name
        self.fields["mentor"].label_from_instance = lambda e: e.person.full_name


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
