"""The form the junior starts the reciprocal phase with: the topic they want to be mentored on."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.mentoring.models import ReciprocalTopic


class ReciprocalStartForm(StyledFormMixin, forms.Form):
    topic = forms.ChoiceField(
        label=_("What would you like your senior to mentor you on?"),
        choices=ReciprocalTopic.choices,
        widget=forms.RadioSelect,
    )
    # No max_length here: a browser would cut a pasted text without a word. The domain
    # refuses a text too long, and the form gives the text back.
    topic_text = forms.CharField(
        label=_("The topic in your own words"),
        required=False,
        help_text=_("Needed for “In my own words”; otherwise an optional detail."),
    )
