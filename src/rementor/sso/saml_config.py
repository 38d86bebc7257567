"""pysaml2's service-provider configuration, built from the ``RM_SAML_*`` settings.

djangosaml2 asks for it on every SAML request (``SAML_CONFIG_LOADER``). Loading it reads the
identity provider's metadata, over the network when it is a URL, so the result is kept for
``RM_SAML_METADATA_REFRESH_SECONDS`` and rebuilt when a setting changes.
"""

from __future__ import annotations

import threading
import time

import saml2
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from saml2.config import SPConfig

from rementor.core.links import site_root

_lock = threading.Lock()
_cached: dict[tuple, tuple[float, SPConfig]] = {}


def absolute(request: HttpRequest | None, name: str) -> str:
    return site_root(request) + reverse(name)


def entity_id(request: HttpRequest | None) -> str:
    """Our SAML entity id: ``RM_SAML_SP_ENTITY_ID``, else the metadata's own address."""
    return settings.RM_SAML_SP_ENTITY_ID or absolute(request, "sso:saml_metadata")


def config_dict(request: HttpRequest | None) -> dict:
    if settings.RM_SAML_IDP_METADATA_URL:
        metadata = {"remote": [{"url": settings.RM_SAML_IDP_METADATA_URL}]}
    else:
        metadata = {"local": [settings.RM_SAML_IDP_METADATA_FILE]}
    signing = bool(settings.RM_SAML_KEY_FILE)
    logout = absolute(request, "sso:saml_logout_service")
    config = {
        "entityid": entity_id(request),
        "xmlsec_binary": settings.RM_SAML_XMLSEC_BINARY,
        "metadata": metadata,
        "accepted_time_diff": settings.RM_SAML_CLOCK_SKEW_SECONDS,
        "service": {
            "sp": {
                "name": "Rementor",
                "endpoints": {
                    "assertion_consumer_service": [
                        (absolute(request, "sso:saml_acs"), saml2.BINDING_HTTP_POST)
                    ],
                    "single_logout_service": [
                        (logout, saml2.BINDING_HTTP_REDIRECT),
                        (logout, saml2.BINDING_HTTP_POST),
                    ],
                },
                # Only answers to a request we sent, in this browser: an answer nobody asked
                # for (IdP-initiated, or replayed from elsewhere) is refused.
                "allow_unsolicited": False,
                # Entra ID signs the assertion by default, Okta and ADFS both the response and
                # the assertion: the assertion's signature is what we require.
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": signing,
                "logout_requests_signed": signing,
                "name_id_format": saml2.saml.NAMEID_FORMAT_EMAILADDRESS,
                "name_id_format_allow_create": False,
            }
        },
    }
    if signing:
        config["key_file"] = settings.RM_SAML_KEY_FILE
        config["cert_file"] = settings.RM_SAML_CERT_FILE
        config["encryption_keypairs"] = [
            {"key_file": settings.RM_SAML_KEY_FILE, "cert_file": settings.RM_SAML_CERT_FILE}
        ]
    return config


def sp_config(request: HttpRequest | None = None) -> SPConfig:
    """The loaded configuration (djangosaml2's ``SAML_CONFIG_LOADER``)."""
    config = config_dict(request)
    key = repr(config)
    now = time.monotonic()
    with _lock:
        kept = _cached.get(key)
        if kept is not None and now - kept[0] < settings.RM_SAML_METADATA_REFRESH_SECONDS:
            return kept[1]
    loaded = SPConfig()
    loaded.load(config)
    with _lock:
        # One configuration per set of settings (tests change them; a site has one).
        _cached.clear()
        _cached[key] = (now, loaded)
    return loaded
