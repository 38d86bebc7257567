from django.urls import path

from rementor.sso import views

app_name = "sso"

urlpatterns = [
    # OpenID Connect: the sign-in button's address, and the redirect URI given to the
    # provider (https://<site>/sso/oidc/callback/, docs/production.md).
    path("oidc/login/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
]
