from django.urls import path

from rementor.channels import views

app_name = "channels"
urlpatterns = [
    path("<slug:slug>/channels/", views.channel_settings, name="settings"),
    path("<slug:slug>/channels/test/<str:kind>/", views.channel_test, name="test"),
]
