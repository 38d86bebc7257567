"""Sign-in, sign-out and failed sign-in, from Django's authentication signals; refused pages,
from core's ``access_denied``.

A failed sign-in never stores the password (Django already hides it from the signal) and
stores the typed identifier only as the account it names; a name matching no account is kept
truncated, since people sometimes type their password in the wrong box. django-axes counts
the same signal for its lock-out; here each attempt is one entry, and one made while the
name and address are locked out says so (axes' own lock-out signal is not recorded again).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from rementor.audit.events import Event, record, record_denial
from rementor.core.email_addresses import normalise_email
from rementor.core.signals import access_denied

KEPT_CHARACTERS = 3


def truncated(identifier: str) -> str:
    identifier = identifier.strip()
    if len(identifier) <= KEPT_CHARACTERS:
        return "…"
    return identifier[:KEPT_CHARACTERS] + "…"


@receiver(user_logged_in, dispatch_uid="rementor.audit.login")
def _signed_in(sender, request, user, **kwargs) -> None:
    record(event=Event.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="rementor.audit.logout")
def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(event=Event.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="rementor.audit.login_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    typed = str(credentials.get("username") or credentials.get("email") or "")
    account = get_user_model().objects.filter(email=normalise_email(typed)).first()
    details = {} if account is not None else {"identifier": truncated(typed)}
    if request is not None and _locked_out(request, credentials):
        details["locked_out"] = True
    record(event=Event.LOGIN_FAILED, target=account, request=request, details=details)


def _locked_out(request, credentials) -> bool:
    """Was this attempt made while django-axes holds the name and address locked?"""
    from axes.handlers.proxy import AxesProxyHandler

    try:
        return AxesProxyHandler.is_locked(request, credentials)
    except AttributeError:  # a request django-axes has not seen (no address resolved)
        return False


@receiver(access_denied, dispatch_uid="rementor.audit.access_denied")
def _access_denied(sender, request, perm, status, target=None, **kwargs) -> None:
    record_denial(request, perm=perm, status=status, target=target)
