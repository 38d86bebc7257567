from django.urls import path

from rementor.privacy import views

app_name = "privacy"

# Mounted at the site's root: the account pages under /account/, the notice at /privacy/.
urlpatterns = [
    path("account/", views.profile, name="profile"),
    path("account/my-data/", views.download_my_data, name="my_data"),
    path("account/erasure/", views.request_erasure, name="request_erasure"),
    path("account/erasure/withdraw/", views.withdraw_erasure, name="withdraw_erasure"),
    path("account/erasure-requests/", views.erasure_requests, name="erasure_requests"),
    path(
        "account/erasure-requests/<int:pk>/",
        views.erasure_request_detail,
        name="erasure_request",
    ),
    path("privacy/", views.notice, name="notice"),
]
