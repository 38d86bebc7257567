from django.urls import path

from rementor.provisioning.views import tokens

app_name = "provisioning"
urlpatterns = [
    path("", tokens.settings_page, name="settings"),
    path("tokens/", tokens.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
