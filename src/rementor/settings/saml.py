"""Single sign-on with SAML 2.0 (ADFS, Entra ID, Okta), read from the environment.

Rementor is the service provider (djangosaml2 over pysaml2, xmlsec1 checking signatures);
``rementor.sso.saml_config`` turns these values into pysaml2's configuration. SAML is on as
soon as the identity provider's metadata is given (a URL or a file); the names and the values
to paste into Entra ID and Okta are in docs/production.md, "Single sign-on with SAML".
"""

from __future__ import annotations

from pathlib import Path

import saml2
from django.core.exceptions import ImproperlyConfigured

from rementor.settings.env import envint, envstr

# The identity provider's metadata: its address (Entra ID's "App Federation Metadata Url",
# Okta's "Metadata URL"), or a downloaded copy (ADFS behind a firewall).
RM_SAML_IDP_METADATA_URL = envstr("RM_SAML_IDP_METADATA_URL", "").strip()
RM_SAML_IDP_METADATA_FILE = envstr("RM_SAML_IDP_METADATA_FILE", "").strip()
RM_SAML_ENABLED = bool(RM_SAML_IDP_METADATA_URL or RM_SAML_IDP_METADATA_FILE)
# Our entity id; empty means "<RM_SITE_URL>/sso/saml/metadata/" (the metadata's address, the
# convention Entra ID and Okta suggest).
RM_SAML_SP_ENTITY_ID = envstr("RM_SAML_SP_ENTITY_ID", "").strip()
# Our own key pair (PEM files), optional: with it, sign-in requests are signed (ADFS asks for
# it) and encrypted assertions can be read; without it, nothing of ours is signed.
RM_SAML_CERT_FILE = envstr("RM_SAML_CERT_FILE", "").strip()
RM_SAML_KEY_FILE = envstr("RM_SAML_KEY_FILE", "").strip()
if bool(RM_SAML_CERT_FILE) != bool(RM_SAML_KEY_FILE):
    raise ImproperlyConfigured(
        "RM_SAML_CERT_FILE and RM_SAML_KEY_FILE go together: set both (PEM files) or neither."
    )
for _name, _path in (
    ("RM_SAML_IDP_METADATA_FILE", RM_SAML_IDP_METADATA_FILE),
    ("RM_SAML_CERT_FILE", RM_SAML_CERT_FILE),
    ("RM_SAML_KEY_FILE", RM_SAML_KEY_FILE),
):
    if _path and not Path(_path).is_file():
        raise ImproperlyConfigured(f"{_name} names {_path!r}, which is not a readable file.")
# The attributes (claims) carrying the work e-mail and the employee id. The defaults are Entra
# ID's e-mail claim and a name of ours; docs/production.md says what to type in Okta and ADFS.
RM_SAML_EMAIL_ATTRIBUTE = envstr(
    "RM_SAML_EMAIL_ATTRIBUTE", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
).strip()
RM_SAML_EMPLOYEE_ID_ATTRIBUTE = envstr(
    "RM_SAML_EMPLOYEE_ID_ATTRIBUTE",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/employeeid",
).strip()
# Given name and surname, read only to self-register someone HR did not import (a programme
# must allow it); Entra ID's default claims.
RM_SAML_FIRST_NAME_ATTRIBUTE = envstr(
    "RM_SAML_FIRST_NAME_ATTRIBUTE",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
).strip()
RM_SAML_LAST_NAME_ATTRIBUTE = envstr(
    "RM_SAML_LAST_NAME_ATTRIBUTE", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname"
).strip()
# How far the identity provider's clock may drift from ours, in seconds.
RM_SAML_CLOCK_SKEW_SECONDS = envint("RM_SAML_CLOCK_SKEW_SECONDS", 120)
# How long fetched metadata is kept before it is read again (the IdP rolls its certificate).
RM_SAML_METADATA_REFRESH_SECONDS = envint("RM_SAML_METADATA_REFRESH_SECONDS", 3600)
RM_SAML_XMLSEC_BINARY = envstr("RM_SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")

# djangosaml2: our configuration loader; sign-in requests by HTTP-Redirect (no page with a
# script to post them, which the content security policy would block); answers come back by
# HTTP-POST to the ACS. Its own cookie keeps the pending request across the IdP's cross-site
# POST (SameSite=None: the session cookie is Lax and would not come back with it).
SAML_CONFIG_LOADER = "rementor.sso.saml_config.sp_config"
SAML_DEFAULT_BINDING = saml2.BINDING_HTTP_REDIRECT
SAML_SESSION_COOKIE_NAME = "rementor_saml"
# Never create an account: who may sign in is decided by rementor.sso.identities.
SAML_CREATE_UNKNOWN_USER = False
SAML_IGNORE_AUTHENTICATED_USERS_ON_LOGIN = True
