"""Who a company identity is in Rementor: the one rule shared by OpenID Connect and SAML.

The protocol code (``rementor.sso.oidc``, the SAML views) checks the provider's answer —
signature, audience, expiry, replay — and then calls::

    user = identity_user(protocol="oidc", email=..., employee_id=..., request=request)

which returns the account to sign in (the caller calls ``django.contrib.auth.login`` with
``backend=identities.SIGN_IN_BACKEND``) or raises ``SignInRefused``. A protocol failure is
raised the same way (``raise refusal(protocol=..., reason=Reason.EXPIRED, request=...)``),
and the caller shows ``rementor.sso.views.refusal_page(request, refusal=exc)``. Every
refusal and every success is in the audit trail (``SSO_REFUSED`` / ``SSO_SIGN_IN``, with
the protocol and the reason code or how the person was matched).

A protocol plugs in with (SAML as OpenID Connect does, ``views.oidc_callback``):

- its settings in ``rementor/settings/`` with an ``RM_<PROTOCOL>_ENABLED`` boolean
  (``config.enabled_protocols()`` reads ``RM_OIDC_ENABLED`` and ``RM_SAML_ENABLED``);
- its start address named ``sso:<protocol>_login`` (``config.START_URLS``: the sign-in
  page's button links there, with ``?next=``), its return address(es) in ``sso/urls.py``,
  views marked ``login_not_required`` and braked with ``rate_limited("sso-ip", key="ip")``;
- on return: ``identity_user(...)``, then ``views.sign_in(request, user=..., next_url=...)``;
  on ``SignInRefused``: ``return views.refusal_page(request, refusal=exc)``.

Rules (issue 16):

- an identity is matched to an HRIS person (``people.Person``) by its *verified* e-mail
  address or by its employee ID; when both are given they must name the same person;
- a person who left (``Person.is_active`` false) or whose account was closed is refused;
- an identity HR did not import is refused, and no account is made for it, unless a
  programme open for applications allows self-registration through single sign-on
  (``Programme.sso_self_registration``): then the person and the account are created;
- an account with no employee record (an administrator) is matched by its e-mail address;
- a known person without an account yet gets one, without a usable password.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from rementor.audit.events import Event, record
from rementor.audit.receivers import truncated
from rementor.core.email_addresses import normalise_email
from rementor.people.models import Person, User
from rementor.programmes.invitations import account_for
from rementor.programmes.models import Programme, ProgrammeStatus

PROTOCOLS = ("oidc", "saml")
# The backend named in the session: it reloads the account on every request and refuses it
# as soon as it, or its person, is deactivated (as for a password sign-in).
SIGN_IN_BACKEND = "rementor.people.backends.EmailBackend"


class Reason:
    """Stable reason codes of a refusal (stored in the trail, shown as a translated page)."""

    UNKNOWN = "unknown"  # no HRIS person, no account, no self-registration
    DEACTIVATED = "deactivated"  # the person left, or the account was closed
    CONFLICT = "conflict"  # e-mail and employee ID name two different people
    NO_IDENTITY = "no_identity"  # neither a verified e-mail nor an employee ID
    INVALID_TOKEN = "invalid_token"  # bad signature, malformed answer
    WRONG_AUDIENCE = "wrong_audience"  # issued for another application or by another issuer
    EXPIRED = "expired"  # too old (or not yet valid)
    REPLAY = "replay"  # state, nonce or assertion already used or unknown to this browser
    PROVIDER_ERROR = "provider_error"  # the provider refused or could not be reached
    DISABLED = "disabled"  # the protocol is not configured

    ALL = (
        UNKNOWN,
        DEACTIVATED,
        CONFLICT,
        NO_IDENTITY,
        INVALID_TOKEN,
        WRONG_AUDIENCE,
        EXPIRED,
        REPLAY,
        PROVIDER_ERROR,
        DISABLED,
    )


class SignInRefused(Exception):
    """A single sign-on refused, with its reason code (``Reason``). ``audited`` tells the
    refusal page whether the trail already has it (``refusal()`` records it at once)."""

    def __init__(self, reason: str, *, protocol: str = "", audited: bool = False) -> None:
        if reason not in Reason.ALL:
            raise ValueError(f"unknown refusal reason {reason!r}")
        super().__init__(reason)
        self.reason = reason
        self.protocol = protocol
        self.audited = audited


def refusal(
    *,
    protocol: str,
    reason: str,
    request: HttpRequest | None,
    person: Person | None = None,
    email: str | None = None,
    detail: str = "",
) -> SignInRefused:
    """Record a refusal in the trail and return the exception to raise.

    ``email`` is kept truncated (someone HR did not import is not someone we keep data on);
    ``detail`` is a short technical word for the administrator (never a token).
    """
    details: dict[str, str] = {"protocol": protocol, "reason": reason}
    if email and person is None:
        details["identifier"] = truncated(email)
    if detail:
        details["detail"] = detail[:120]
    record(event=Event.SSO_REFUSED, target=person, request=request, details=details)
    return SignInRefused(reason, protocol=protocol, audited=True)


def identity_user(
    *,
    protocol: str,
    email: str | None,
    employee_id: str | None,
    request: HttpRequest,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """The account a verified company identity signs in as, or ``SignInRefused``.

    ``email`` must be an address the provider vouches for (pass None for an unverified
    one); ``employee_id`` is the HRIS employee ID the provider sends, if any. ``first_name``
    and ``last_name`` are used only to self-register someone HR did not import. The success
    is audited (``SSO_SIGN_IN``); so is each refusal (``SSO_REFUSED``).
    """
    if protocol not in PROTOCOLS:
        raise ValueError(f"unknown protocol {protocol!r}")
    email = normalise_email(email or "") or None
    employee_id = (employee_id or "").strip() or None
    if email is None and employee_id is None:
        raise refusal(protocol=protocol, reason=Reason.NO_IDENTITY, request=request)

    by_email = Person.objects.filter(email__iexact=email).first() if email else None
    by_id = Person.objects.filter(employee_id=employee_id).first() if employee_id else None
    if by_email is not None and by_id is not None and by_email.pk != by_id.pk:
        raise refusal(protocol=protocol, reason=Reason.CONFLICT, request=request, person=by_email)
    person = by_email or by_id
    matched_by = "email" if by_email is not None else "employee_id"

    if person is None:
        user = _account_without_person(email)
        matched_by = "account_email"
        if user is None:
            user = _self_registered(
                email=email, employee_id=employee_id, first_name=first_name, last_name=last_name
            )
            matched_by = "self_registration"
        if user is None:
            raise refusal(protocol=protocol, reason=Reason.UNKNOWN, request=request, email=email)
    else:
        if not person.is_active:
            raise refusal(
                protocol=protocol, reason=Reason.DEACTIVATED, request=request, person=person
            )
        user = getattr(person, "user", None)
        if user is None:
            if not person.email:
                # An account is known by its e-mail address; HR must give the person one.
                raise refusal(
                    protocol=protocol,
                    reason=Reason.UNKNOWN,
                    request=request,
                    person=person,
                    detail="person_without_email",
                )
            user = account_for(person)

    if not user.is_active:
        raise refusal(
            protocol=protocol,
            reason=Reason.DEACTIVATED,
            request=request,
            person=person,
            detail="account_closed",
        )
    record(
        event=Event.SSO_SIGN_IN,
        actor=user,
        request=request,
        details={"protocol": protocol, "matched_by": matched_by},
    )
    return user


def _account_without_person(email: str | None) -> User | None:
    """An account with no employee record (an administrator made by hand), by its address."""
    if email is None:
        return None
    return User.objects.filter(email=email, person__isnull=True).first()


def self_registration_open() -> bool:
    """Does a programme open for applications let colleagues HR did not import join?"""
    return Programme.objects.filter(
        sso_self_registration=True, status=ProgrammeStatus.RECRUITING
    ).exists()


def _self_registered(
    *, email: str | None, employee_id: str | None, first_name: str, last_name: str
) -> User | None:
    # Only with a verified address: the account is known by it, and the person can then be
    # reached by the programme's e-mails.
    if email is None or not self_registration_open():
        return None
    local_part = email.split("@", 1)[0]
    key = employee_id or "sso-" + hashlib.sha256(email.encode()).hexdigest()[:16]
    try:
        with transaction.atomic():
            person = Person.objects.create(
                employee_id=key[:64],
                email=email,
                first_name=(first_name or local_part).strip()[:150],
                last_name=(last_name or "").strip()[:150],
            )
            return account_for(person)
    except IntegrityError:
        # The employee ID is someone else's (a typo at HR, a reused ID): not ours to guess.
        return None
