from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from rementor.core import health, security
from rementor.core.auth_forms import (
    StyledPasswordChangeForm,
    StyledSetPasswordForm,
)
from rementor.programmes import invitation_views

auth_patterns = [
    # Failed sign-ins only: django-axes locks e-mail + address, a brake per address (security).
    path("login/", security.login_view, name="login"),
    # Signing out works signed out too (a second tab, an expired session): no sign-in page first.
    path("logout/", login_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(form_class=StyledPasswordChangeForm),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Rate-limited per e-mail address typed and per client address (it sends e-mails).
    path("password/reset/", security.password_reset_view, name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=StyledSetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    # For load balancers: are the database and the cache reachable? (answered by
    # core.health.HealthCheckMiddleware before the host check; the pattern names the address.)
    path("healthz", health.healthz, name="healthz"),
    # The home page, the help pages and the language switch.
    path("", include("rementor.site.urls")),
    path("accounts/", include(auth_patterns)),
    # Single sign-on (OpenID Connect, SAML): open to visitors, it is how they sign in.
    path("sso/", include("rementor.sso.urls")),
    path("join/<uidb64>/<token>/", invitation_views.join, name="join"),
    # The cockpit steers a programme; its pages live under the programme's address.
    path("programmes/", include("rementor.cockpit.urls")),
    path("programmes/", include("rementor.programmes.urls")),
    # A programme's team channels (Teams / Slack webhooks) live under its address too.
    path("programmes/", include("rementor.channels.urls")),
    path("people/", include("rementor.people.urls")),
    path("skills/", include("rementor.skills.urls")),
    path("selection/", include("rementor.selection.urls")),
    path("analytics/", include("rementor.analytics.urls")),
    path("matching/", include("rementor.matching.urls")),
    path("mentoring/", include("rementor.mentoring.urls")),
    path("", include("rementor.circles.urls")),
    # Training pages have kept the /mentoring/ prefix they were published under.
    path("mentoring/", include("rementor.training.urls")),
    # The REST API, and the personal tokens that open it (managed from the account page).
    path("api/v1/", include("rementor.api.urls")),
    path("account/tokens/", include("rementor.api.token_urls")),
    # SCIM 2.0 provisioning for identity providers (bearer token, no session), and the
    # managers' page that makes its tokens.
    path("scim/v2/", include("rementor.provisioning.urls")),
    path("people/provisioning/", include("rementor.provisioning.settings_urls")),
    # Each participant's calendar feed (/calendar/<secret>.ics) and its account buttons.
    path("", include("rementor.mentoring.calendar_urls")),
    # The account page and personal data (/account/...) and the privacy notice (/privacy/).
    path("", include("rementor.privacy.urls")),
    path("audit/", include("rementor.audit.urls")),
]
