from django.urls import path

from rementor.analytics import views

app_name = "analytics"
urlpatterns = [
    path("programmes/<slug:slug>/needs/", views.needs, name="needs"),
]
