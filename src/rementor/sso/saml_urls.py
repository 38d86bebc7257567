"""SAML 2.0 addresses, included under /sso/saml/ in the "sso" namespace.

The ACS, the metadata and the logout service are called by the identity provider or read by
its administrators, never by a signed-in browser page: they are open (``login_not_required``)
and answer 404 while SAML is not configured."""

from django.urls import path

from rementor.sso import saml_views

urlpatterns = [
    path("login/", saml_views.sign_in, name="saml_login"),
    path("acs/", saml_views.acs, name="saml_acs"),
    path("metadata/", saml_views.metadata, name="saml_metadata"),
    path("logout/", saml_views.sign_out, name="saml_logout"),
    path("ls/", saml_views.logout_service, name="saml_logout_service"),
]
