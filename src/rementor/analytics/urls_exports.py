"""Exports and the PDF impact report (included by ``rementor.analytics.urls``)."""

from django.urls import path

from rementor.analytics import export_views, report_views

urlpatterns = [
    path("programmes/<slug:slug>/exports/", export_views.exports_page, name="exports"),
    path("programmes/<slug:slug>/exports/download/", export_views.download, name="export"),
    path("programmes/<slug:slug>/report.pdf", report_views.report, name="report"),
]
