"""The channel settings form: each address is checked as typed (``addresses.check_url``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rementor.channels.addresses import check_url
from rementor.channels.models import Kind
from rementor.core.forms import StyledFormMixin

_REMOVE_HELP = _(
    "News stops going to this channel. The address cannot be shown again: to post there "
    "later, paste it anew."
)


class ChannelsForm(StyledFormMixin, forms.Form):
    # Stored addresses are never put back in the field (they are secrets): an empty field
    # keeps what is stored, the box removes it.
    teams_url = forms.CharField(
        label=_("Teams Workflows webhook address"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("https://… as Teams gives it; leave empty to keep the stored address."),
    )
    remove_teams = forms.BooleanField(
        label=_("Remove the Teams address"), required=False, help_text=_REMOVE_HELP
    )
    slack_url = forms.CharField(
        label=_("Slack incoming-webhook address"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("https://hooks.slack.com/services/…; leave empty to keep the stored address."),
    )
    remove_slack = forms.BooleanField(
        label=_("Remove the Slack address"), required=False, help_text=_REMOVE_HELP
    )

    def clean_teams_url(self) -> str:
        typed = self.cleaned_data["teams_url"].strip()
        return check_url(Kind.TEAMS, typed) if typed else ""

    def clean_slack_url(self) -> str:
        typed = self.cleaned_data["slack_url"].strip()
        return check_url(Kind.SLACK, typed) if typed else ""

    def domain_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "teams_url": data["teams_url"],
            "slack_url": data["slack_url"],
            "remove": tuple(kind for kind in Kind.values if data.get(f"remove_{kind}")),
        }
