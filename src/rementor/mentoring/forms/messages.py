"""The form of a message in the pair's thread."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin
from rementor.core.numbers import format_number
from rementor.mentoring.models import MESSAGE_MAX_LENGTH


class MessageForm(StyledFormMixin, forms.Form):
    # No max_length here: a browser would cut a pasted text at the limit without a word. The
    # domain refuses a text too long, naming its length, and the form gives the text back.
    text = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), strip=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Built with the form, in the reader's language and number format.
        self.fields["text"].help_text = gettext(
            "Up to %(limit)s characters. Web addresses become links. Only the members of your "
            "pair read these messages."
        ) % {"limit": format_number(MESSAGE_MAX_LENGTH, 0)}
