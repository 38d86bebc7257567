"""URL patterns of training. Mounted under ``/mentoring/`` (see rementor/urls.py), where they
were first published: links already sent in reminder e-mails keep working."""

from django.urls import path

from rementor.training import views

app_name = "training"
urlpatterns = [
    # Participants
    path("programmes/<slug:slug>/training/", views.my_training, name="my_training"),
    path("training/modules/<int:pk>/", views.module_page, name="module"),
    # Programme managers
    path("programmes/<slug:slug>/training/manage/", views.manage, name="manage"),
    path(
        "programmes/<slug:slug>/training/manage/new/",
        views.module_create,
        name="module_create",
    ),
    path("training/modules/<int:pk>/edit/", views.module_edit, name="module_edit"),
    path("training/modules/<int:pk>/publish/", views.module_publish, name="module_publish"),
]
