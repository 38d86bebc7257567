from django.urls import path

from rementor.matching import proposal_views, views

app_name = "matching"
urlpatterns = [
    # A member's proposed pair (consent to the pair), before the programme-scoped pages.
    path("proposals/<int:pk>/", proposal_views.proposal_page, name="proposal"),
    path("proposals/<int:pk>/accept/", proposal_views.proposal_accept, name="proposal_accept"),
    path("proposals/<int:pk>/decline/", proposal_views.proposal_decline, name="proposal_decline"),
    path("<slug:slug>/", views.matching_page, name="page"),
    path("<slug:slug>/run/", views.start_run, name="run"),
    path("<slug:slug>/runs/<int:number>/status/", views.run_status, name="run_status"),
    path("<slug:slug>/runs/<int:number>/publish/", views.publish, name="publish"),
    path("<slug:slug>/compare/", views.compare, name="compare"),
    path("<slug:slug>/overrides/", views.override, name="override"),
    path("<slug:slug>/overrides/<int:pk>/delete/", views.override_delete, name="override_delete"),
    path("<slug:slug>/pairs/new/", views.manual_pair, name="manual_pair"),
]
