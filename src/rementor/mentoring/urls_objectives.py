"""URL patterns of the objectives part of the mentoring app (included by mentoring/urls.py):
objectives and their history, practice tasks, confidential concerns, ideas."""

from django.urls import path

from rementor.mentoring import concern_views, objective_views

urlpatterns = [
    path(
        "pairs/<int:pk>/objectives/new/",
        objective_views.objective_create,
        name="objective_create",
    ),
    path("objectives/<int:pk>/", objective_views.objective_detail, name="objective_detail"),
    path("objectives/<int:pk>/adjust/", objective_views.objective_adjust, name="objective_adjust"),
    path("pairs/<int:pk>/tasks/new/", objective_views.task_create, name="task_create"),
    path("tasks/<int:pk>/evidence/", objective_views.task_evidence, name="task_evidence"),
    path("tasks/<int:pk>/done/", objective_views.task_done, name="task_done"),
    path("pairs/<int:pk>/concerns/new/", concern_views.concern_create, name="concern_create"),
    path("concerns/<int:pk>/", concern_views.concern_detail, name="concern_detail"),
    path("concerns/<int:pk>/resolve/", concern_views.concern_resolve, name="concern_resolve"),
    path("programmes/<slug:slug>/concerns/", concern_views.concern_list, name="concern_list"),
    path("pairs/<int:pk>/ideas/new/", concern_views.idea_create, name="idea_create"),
    path("programmes/<slug:slug>/ideas/", concern_views.idea_list, name="idea_list"),
]
