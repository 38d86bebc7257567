"""What Rementor reads from a SAML assertion pysaml2 has checked, and the one check pysaml2
leaves to us: an assertion signs in once.

Attributes are read by their ``Name`` (or ``FriendlyName``) as they come, not through
pysaml2's attribute maps, so the names typed in the identity provider's console are the
names in ``RM_SAML_EMAIL_ATTRIBUTE`` / ``RM_SAML_EMPLOYEE_ID_ATTRIBUTE``.
"""

from __future__ import annotations

import calendar
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from saml2.saml import Assertion
from saml2.time_util import str_to_time

from rementor.sso import identities
from rementor.sso.identities import Reason

# Kept at least this long when the assertion does not say when it expires.
_MIN_MEMORY_SECONDS = 10 * 60


def attribute_values(assertion: Assertion) -> dict[str, str]:
    """First value of each attribute, by name and by friendly name."""
    values: dict[str, str] = {}
    for statement in assertion.attribute_statement:
        for attribute in statement.attribute:
            texts = [(v.text or "").strip() for v in attribute.attribute_value]
            first = next((t for t in texts if t), "")
            for key in (attribute.name, attribute.friendly_name):
                if key and first and key not in values:
                    values[key] = first
    return values


def _seconds_left(assertion: Assertion) -> int:
    ends = [assertion.conditions.not_on_or_after] if assertion.conditions else []
    for confirmation in assertion.subject.subject_confirmation if assertion.subject else []:
        data = confirmation.subject_confirmation_data
        if data is not None and data.not_on_or_after:
            ends.append(data.not_on_or_after)
    left = [calendar.timegm(str_to_time(end)) - time.time() for end in ends if end]
    return int(max(left, default=0)) + settings.RM_SAML_CLOCK_SKEW_SECONDS


def consume_assertion(assertion: Assertion, *, protocol: str, request: HttpRequest) -> None:
    """Remember the assertion's id until it expires; a second use is refused (``REPLAY``).

    pysaml2 already refuses an answer to a request this browser did not send or has had
    answered; this also covers two posts of one answer racing each other, and a copy sent
    from a browser that has a request of its own outstanding. The cache is the one shared by
    every worker (``CACHES``, docs/production.md)."""
    issuer = assertion.issuer.text if assertion.issuer is not None else ""
    key = f"rementor:saml-assertion:{issuer}:{assertion.id}"
    if not cache.add(key, 1, timeout=max(_seconds_left(assertion), _MIN_MEMORY_SECONDS)):
        raise identities.refusal(
            protocol=protocol, reason=Reason.REPLAY, request=request, detail="assertion_reused"
        )
