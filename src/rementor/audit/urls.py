from django.urls import path

from rementor.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail, name="trail"),
]
