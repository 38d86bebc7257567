"""The analytics pages of a programme: the needs heat map, its results (the manager dashboard
and the sponsor view), the exports and the PDF report."""

from django.urls import path

from rementor.analytics.views import exports, needs, report, results

app_name = "analytics"
urlpatterns = [
    path("programmes/<slug:slug>/needs/", needs.needs, name="needs"),
    path("programmes/<slug:slug>/exports/", exports.exports_page, name="exports"),
    path("programmes/<slug:slug>/exports/download/", exports.download, name="export"),
    path("programmes/<slug:slug>/report.pdf", report.report, name="report"),
    path("programmes/<slug:slug>/dashboard/", results.dashboard, name="dashboard"),
    path("programmes/<slug:slug>/results/", results.sponsor, name="sponsor"),
]
