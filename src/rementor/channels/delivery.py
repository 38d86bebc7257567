"""Posting a payload to a webhook, and keeping how it went.

Called by the background task (news, with retries) and by the settings page's test button
(one attempt). Never raises: the outcome says what happened, in words a manager can act on,
and never contains the address (it is a secret) nor the service's answer body.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.channels.models import ProgrammeChannels

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int  # the HTTP status; 0 when no answer came (timeout, refused, DNS)
    reason: str = ""

    @property
    def retryable(self) -> bool:
        return not self.ok and (self.status == 0 or self.status == 429 or self.status >= 500)

    def describe(self) -> str:
        if self.ok:
            return _("The channel accepted the message (HTTP %(status)d).") % {
                "status": self.status
            }
        if self.status:
            return _("The channel refused the message: HTTP %(status)d %(reason)s.") % {
                "status": self.status,
                "reason": self.reason,
            }
        return _("The channel did not answer: %(reason)s.") % {"reason": self.reason}


def _timeout() -> float:
    return float(getattr(settings, "RM_CHANNELS_TIMEOUT_SECONDS", 5))


def post(url: str, payload: dict) -> Outcome:
    """One POST of ``payload`` as JSON; redirects are not followed (a webhook never needs one)."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "Rementor"},
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=_timeout()) as response:
            return Outcome(ok=200 <= response.status < 300, status=response.status)
    except urllib.error.HTTPError as error:
        return Outcome(ok=False, status=error.code, reason=str(error.reason or ""))
    except TimeoutError:
        return Outcome(ok=False, status=0, reason=_("no answer in time"))
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            return Outcome(ok=False, status=0, reason=_("no answer in time"))
        return Outcome(ok=False, status=0, reason=_("the connection failed"))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_with_retries(url: str, payload: dict) -> Outcome:
    """Try a few times on a timeout, a 429 or a 5xx, waiting longer each time."""
    attempts = max(1, int(getattr(settings, "RM_CHANNELS_ATTEMPTS", 3)))
    backoff = float(getattr(settings, "RM_CHANNELS_BACKOFF_SECONDS", 2))
    outcome = post(url, payload)
    for attempt in range(1, attempts):
        if not outcome.retryable:
            break
        time.sleep(backoff * 2 ** (attempt - 1))
        outcome = post(url, payload)
    return outcome


def remember(*, channels: ProgrammeChannels, kind: str, outcome: Outcome) -> None:
    """Keep the outcome on the settings row (time and status), without touching the rest."""
    now = timezone.now()
    fields = {f"{kind}_last_status": outcome.status or None}
    fields[f"{kind}_last_success_at" if outcome.ok else f"{kind}_last_failure_at"] = now
    ProgrammeChannels.objects.filter(pk=channels.pk).update(**fields)
    for name, value in fields.items():
        setattr(channels, name, value)
    if not outcome.ok:
        # The programme, never the address: logs are read by more people than the page.
        logger.warning(
            "Channel %s of programme %s: delivery failed (HTTP %s).",
            kind,
            channels.programme_id,
            outcome.status,
        )
