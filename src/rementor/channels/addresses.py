"""Which webhook addresses are accepted, and how a stored one is shown.

Only https, and only the hosts the two services hand out: an address elsewhere would send
programme news to whoever typed it (or make the server call into the company's network).
Microsoft documents Teams Workflows webhooks ("Post to a channel when a webhook request is
received") on Azure Logic Apps hosts (``prod-NN.<region>.logic.azure.com``) and, for newer
flows, on Power Platform hosts (``<environment>.environment.api.powerplatform.com``); Slack's
incoming webhooks are on ``hooks.slack.com``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rementor.channels.models import Kind

TEAMS_HOST_SUFFIXES = (".logic.azure.com", ".api.powerplatform.com")
SLACK_HOSTS = ("hooks.slack.com",)
# Tests post to a server on this machine; production never allows it (the setting is not
# read from the environment).
LOOPBACK_HOSTS = ("127.0.0.1",)


def _host_allowed(kind: str, host: str) -> bool:
    if kind == Kind.SLACK:
        return host in SLACK_HOSTS
    return any(host.endswith(suffix) and len(host) > len(suffix) for suffix in TEAMS_HOST_SUFFIXES)


def check_url(kind: str, url: str) -> str:
    """The address, stripped, or ValidationError saying what is expected."""
    url = url.strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    loopback_allowed = getattr(settings, "RM_CHANNELS_ALLOW_LOOPBACK", False)
    if loopback_allowed and host in LOOPBACK_HOSTS and parts.scheme in ("http", "https"):
        return url
    if parts.scheme != "https":
        raise ValidationError(
            _("The address must start with https:// (a webhook is never sent unencrypted)."),
            code="not_https",
        )
    if parts.username or parts.password or not _host_allowed(kind, host):
        if kind == Kind.SLACK:
            message = _(
                "This is not a Slack incoming-webhook address: it must be on hooks.slack.com "
                "(https://hooks.slack.com/services/…)."
            )
        else:
            message = _(
                "This is not a Teams Workflows webhook address: it must be on a "
                "logic.azure.com or api.powerplatform.com host, as Teams gives it when you "
                "create the workflow “Post to a channel when a webhook request is received”."
            )
        raise ValidationError(message, code="host_not_allowed")
    return url


def masked(url: str) -> str:
    """What a page may show of a stored address: its host and its last four characters."""
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    return f"{host}/…{url[-4:]}"
