"""Connecting one's own CalDAV calendar: what was typed; whether the calendar answers is the
domain's check (``caldav_push.connect_calendar``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.core.forms import StyledFormMixin


class CalendarPushForm(StyledFormMixin, forms.Form):
    calendar_url = forms.CharField(
        label=_("Calendar address (CalDAV)"),
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "url"}),
        help_text=_(
            "Your calendar app shows it: in Nextcloud, the calendar's menu, “Copy private link”; "
            "in Fastmail or iCloud, the CalDAV settings."
        ),
    )
    username = forms.CharField(
        label=_("User name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    password = forms.CharField(
        label=_("App password"),
        max_length=500,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Make an app password for Rementor in your calendar's security settings rather "
            "than giving your own: you can revoke it there at any time."
        ),
    )
