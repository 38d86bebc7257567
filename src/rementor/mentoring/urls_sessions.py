"""URL patterns of the sessions part of the mentoring app (included by mentoring/urls.py)."""

from django.urls import path

from rementor.mentoring import session_views as views

urlpatterns = [
    path("pairs/<int:pk>/sessions/new/", views.plan_session, name="plan_session"),
    path("pairs/<int:pk>/sessions/record/", views.record_session, name="record_session"),
    path("pairs/<int:pk>/status/", views.pair_status, name="pair_status"),
    path("pairs/<int:pk>/check-ins/<str:kind>/", views.check_in, name="check_in"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/change/", views.reschedule_session, name="reschedule_session"),
    path("sessions/<int:pk>/cancel/", views.cancel_session, name="cancel_session"),
    path("sessions/<int:pk>/session.ics", views.session_calendar, name="session_ics"),
    path("sessions/<int:pk>/log/", views.log_session, name="log_session"),
    path("sessions/<int:pk>/pulse/", views.pulse, name="pulse"),
    path("private-notes/<int:pk>/", views.private_note, name="private_note"),
]
