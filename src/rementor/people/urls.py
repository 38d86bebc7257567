from django.urls import path

from rementor.people import import_views, views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/deactivate/", views.person_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views.person_reactivate, name="reactivate"),
    path("import/", import_views.import_start, name="import_start"),
    path("import/template.csv", import_views.import_template, name="import_template"),
    path("import/history/", import_views.import_history, name="import_history"),
    path("import/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("import/<int:pk>/mapping/", import_views.import_mapping, name="import_mapping"),
    path("import/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
]
