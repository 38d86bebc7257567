from django.urls import path

from rementor.circles import views

app_name = "circles"
urlpatterns = [
    path("programmes/<slug:slug>/circles/", views.programme_circle_list, name="list"),
    path("circles/<int:pk>/", views.circle_page, name="circle"),
    path("circles/<int:pk>/rename/", views.circle_rename, name="rename"),
    path("circles/<int:pk>/delete/", views.circle_delete, name="delete"),
    path("circles/<int:pk>/members/", views.member_add, name="member_add"),
    path(
        "circles/<int:pk>/members/<int:member_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("circles/<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("circles/meetings/<int:pk>/", views.meeting_page, name="meeting"),
    path("circles/meetings/<int:pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("circles/meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("circles/meetings/<int:pk>/meeting.ics", views.meeting_calendar, name="meeting_ics"),
]
