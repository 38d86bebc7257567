"""URL patterns of the training and charter parts of the mentoring app (included by
mentoring/urls.py)."""

from django.urls import path

from rementor.mentoring import charter_views, training_views

urlpatterns = [
    # Participants
    path("programmes/<slug:slug>/training/", training_views.my_training, name="my_training"),
    path("training/modules/<int:pk>/", training_views.module_page, name="training_module"),
    # Programme managers
    path("programmes/<slug:slug>/training/manage/", training_views.manage, name="training_manage"),
    path(
        "programmes/<slug:slug>/training/manage/new/",
        training_views.module_create,
        name="training_module_create",
    ),
    path(
        "training/modules/<int:pk>/edit/",
        training_views.module_edit,
        name="training_module_edit",
    ),
    path(
        "training/modules/<int:pk>/publish/",
        training_views.module_publish,
        name="training_module_publish",
    ),
    path(
        "programmes/<slug:slug>/training/remind/",
        training_views.send_reminders,
        name="training_remind",
    ),
    # The pair charter
    path("pairs/<int:pk>/charter/", charter_views.charter_page, name="charter"),
    path("pairs/<int:pk>/charter/edit/", charter_views.charter_edit, name="charter_edit"),
    path("pairs/<int:pk>/charter/accept/", charter_views.charter_accept, name="charter_accept"),
]
