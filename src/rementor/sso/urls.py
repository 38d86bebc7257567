from django.urls import include, path

from rementor.sso import views

app_name = "sso"

urlpatterns = [
    # OpenID Connect: the sign-in button's address, and the redirect URI given to the
    # provider (https://<site>/sso/oidc/callback/, docs/production.md).
    path("oidc/login/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
    # SAML 2.0: sign-in, ACS, metadata, sign-out (rementor/sso/saml_urls.py).
    path("saml/", include("rementor.sso.saml_urls")),
]
