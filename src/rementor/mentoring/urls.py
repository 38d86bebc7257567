from django.urls import include, path

from rementor.mentoring import pairs_views, reminder_views, views

app_name = "mentoring"
urlpatterns = [
    path("pairs/<int:pk>/", views.pair_page, name="pair"),
    path("reminders/stop/<str:token>/", reminder_views.unsubscribe, name="unsubscribe"),
    path("programmes/<slug:slug>/pairs/", pairs_views.pairs_overview, name="pairs"),
    path("", include("rementor.mentoring.urls_training")),
    path("", include("rementor.mentoring.urls_sessions")),
    path("", include("rementor.mentoring.urls_objectives")),
]
