"""The SAML 2.0 service provider's pages: start a sign-in, receive the answer (ACS), publish
our metadata, sign out. djangosaml2 carries the protocol and pysaml2 checks the answer
(signature with xmlsec1, audience, validity window, that we asked for it); then
``identities.identity_user`` decides who the person is, exactly as for OpenID Connect.

Every refusal, whether of the protocol or of the person, gets the same translated page and
an entry in the audit trail; none is a server error.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from djangosaml2 import views as saml_views
from saml2.response import (
    IncorrectlySigned,
    SignatureError,
    StatusError,
    UnsolicitedResponse,
)
from saml2.sigver import MissingKey
from saml2.validate import ResponseLifetimeExceed, ToEarly

from rementor.core.security import rate_limited
from rementor.sso import config, identities, views
from rementor.sso.identities import Reason, SignInRefused
from rementor.sso.saml_assertions import attribute_values, consume_assertion

logger = logging.getLogger(__name__)
PROTOCOL = "saml"


def _saml_only(view, *, refuse: bool = False):
    """While SAML is not configured: the sign-in and its return say so on the refusal page
    (as OpenID Connect's do), the other addresses do not exist (404). Open to visitors: the
    identity provider's POST comes without a Rementor session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not config.saml_enabled():
            if not refuse:
                raise Http404
            refused = identities.refusal(protocol=PROTOCOL, reason=Reason.DISABLED, request=request)
            return views.refusal_page(request, refusal=refused)
        return view(request, *args, **kwargs)

    return login_not_required(wrapper)


def reason_of(exception: BaseException | None) -> tuple[str, str]:
    """The refusal reason of a protocol failure, and a short technical word for the trail."""
    if isinstance(exception, SignInRefused):
        return exception.reason, ""
    if isinstance(exception, (SignatureError, IncorrectlySigned, MissingKey)):
        return Reason.INVALID_TOKEN, "signature"
    if isinstance(exception, (ResponseLifetimeExceed, ToEarly)):
        return Reason.EXPIRED, "validity_window"
    if isinstance(exception, UnsolicitedResponse):
        # An answer to a request this browser did not send, or already used.
        return Reason.REPLAY, "unsolicited"
    if exception is not None and "AudienceRestrictions" in str(exception):
        return Reason.WRONG_AUDIENCE, "audience"
    if isinstance(exception, StatusError):
        return Reason.PROVIDER_ERROR, type(exception).__name__
    return Reason.INVALID_TOKEN, type(exception).__name__ if exception else "unknown"


def provider_unreachable(request, error: Exception):
    """The identity provider's metadata could not be read (address down, file garbled): the
    refusal page, logged for the administrator, rather than a server error."""
    logger.exception("SAML metadata could not be loaded")
    refused = identities.refusal(
        protocol=PROTOCOL,
        reason=Reason.PROVIDER_ERROR,
        request=request,
        detail=type(error).__name__,
    )
    return views.refusal_page(request, refusal=refused)


class AssertionConsumerService(saml_views.AssertionConsumerServiceView):
    """Where the identity provider posts its signed answer."""

    def custom_validation(self, response):
        # Checked by pysaml2 at this point: signature, audience, validity, in response to a
        # request of this browser. Left to us: the same assertion never signs in twice.
        try:
            consume_assertion(response.assertion, protocol=PROTOCOL, request=self.request)
        except SignInRefused as refused:
            self.refused = refused  # djangosaml2 hides the exception behind its own
            raise
        self.attributes = attribute_values(response.assertion)

    def authenticate_user(
        self, request, session_info, attribute_mapping, create_unknown_user, assertion_info
    ):
        # Not djangosaml2's user creation: only someone HR imported signs in.
        user = identities.identity_user(
            protocol=PROTOCOL,
            email=self.attributes.get(settings.RM_SAML_EMAIL_ATTRIBUTE),
            employee_id=self.attributes.get(settings.RM_SAML_EMPLOYEE_ID_ATTRIBUTE),
            request=request,
            first_name=self.attributes.get(settings.RM_SAML_FIRST_NAME_ATTRIBUTE, ""),
            last_name=self.attributes.get(settings.RM_SAML_LAST_NAME_ATTRIBUTE, ""),
        )
        # Signed in as by OpenID Connect; the RelayState is the ?next= the sign-in started with.
        self.signed_in = views.sign_in(request, user=user, next_url=request.POST.get("RelayState"))
        saml_views._set_subject_id(request.saml_session, session_info["name_id"])
        return user

    def custom_redirect(self, user, relay_state, session_info):
        return self.signed_in["Location"]

    def post(self, request, *args, **kwargs):
        self.attributes, self.refused = {}, None
        try:
            self.get_sp_config(request)
        except Exception as error:
            return provider_unreachable(request, error)
        try:
            return super().post(request, *args, **kwargs)
        except SignInRefused as refused:
            return views.refusal_page(request, refusal=refused)

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        refused = self.refused
        if refused is None:
            reason, detail = reason_of(exception)
            refused = identities.refusal(
                protocol=PROTOCOL, reason=reason, request=request, detail=detail
            )
        return views.refusal_page(request, refusal=refused)


class SignIn(saml_views.LoginView):
    """Sends the browser to the identity provider with a sign-in request."""

    def unknown_idp(self, request, idp):
        # ?idp= naming an identity provider the metadata does not list.
        refused = identities.refusal(
            protocol=PROTOCOL, reason=Reason.PROVIDER_ERROR, request=request, detail="unknown_idp"
        )
        return views.refusal_page(request, refusal=refused)

    def get(self, request, *args, **kwargs):
        try:
            self.get_sp_config(request)
            return super().get(request, *args, **kwargs)
        except Exception as error:  # metadata unreachable, garbled or naming no IdP: no 500
            return provider_unreachable(request, error)


class SignOut(saml_views.LogoutInitView):
    """Signs out here and, when the session came from the IdP, there too (single logout)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if saml_views._get_subject_id(request.saml_session) is None:
            auth.logout(request)
            return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))
        try:
            response = self.get(request, *args, **kwargs)
        except Exception:  # pysaml2 lost the session's identity (KeyError): sign out here
            logger.warning("SAML single logout impossible, signed out locally", exc_info=True)
            auth.logout(request)
            return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))
        if response.status_code >= 400:
            # Signed out here already; the IdP's session is over: nothing left to tell it.
            return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))
        return response

    def handle_unsupported_slo_exception(self, request, exception, *args, **kwargs):
        return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))


class LogoutService(saml_views.LogoutView):
    """Where the IdP answers our logout request, or asks us to sign someone out (single
    logout started elsewhere). Whatever it sends, the browser ends signed out here."""

    def do_logout_service(self, request, data, binding, *args, **kwargs):
        if "SAMLRequest" in data and saml_views._get_subject_id(request.saml_session) is None:
            return self._signed_out(request)
        try:
            return super().do_logout_service(request, data, binding, *args, **kwargs)
        except Exception:  # a garbled or unexpected message: no 500, no half-open session
            logger.warning("SAML logout message refused, signed out locally", exc_info=True)
            return self._signed_out(request)

    def _signed_out(self, request):
        auth.logout(request)
        return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))


# The identity provider posts across sites without a CSRF token (djangosaml2 exempts it).
# Both are braked per client address, like OpenID Connect's (RM_RATE_LIMITS["sso-ip"]).
acs = _saml_only(rate_limited("sso-ip", key="ip")(AssertionConsumerService.as_view()), refuse=True)
sign_in = _saml_only(rate_limited("sso-ip", key="ip")(SignIn.as_view()), refuse=True)
metadata = _saml_only(saml_views.MetadataView.as_view())
# POST only: a link or an image elsewhere must not sign anyone out.
sign_out = _saml_only(SignOut.as_view())
logout_service = _saml_only(LogoutService.as_view())
