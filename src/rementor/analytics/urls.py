from django.urls import include, path

from rementor.analytics import dashboard_views, views

app_name = "analytics"
urlpatterns = [
    path("programmes/<slug:slug>/needs/", views.needs, name="needs"),
    path("", include("rementor.analytics.urls_exports")),
    path("programmes/<slug:slug>/dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("programmes/<slug:slug>/results/", dashboard_views.sponsor, name="sponsor"),
]
