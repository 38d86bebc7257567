from django.urls import path

from rementor.people.views import directory, importing

app_name = "people"
urlpatterns = [
    path("", directory.directory, name="directory"),
    path("<int:pk>/", directory.person_detail, name="detail"),
    path("<int:pk>/deactivate/", directory.person_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", directory.person_reactivate, name="reactivate"),
    path("import/", importing.import_start, name="import_start"),
    path("import/template.csv", importing.import_template, name="import_template"),
    path("import/history/", importing.import_history, name="import_history"),
    path("import/<int:pk>/", importing.import_detail, name="import_detail"),
    path("import/<int:pk>/mapping/", importing.import_mapping, name="import_mapping"),
    path("import/<int:pk>/confirm/", importing.import_confirm, name="import_confirm"),
    path("import/<int:pk>/pad/", importing.import_pad, name="import_pad"),
]
