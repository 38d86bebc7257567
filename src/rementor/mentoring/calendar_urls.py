"""Addresses of the personal calendar feed: the feed at /calendar/<secret>.ics (short, for
calendar apps), and its buttons on the account page (/account/calendar/...)."""

from django.urls import path

from rementor.mentoring.views import calendar_feeds, calendar_push

app_name = "calendar"
urlpatterns = [
    path("calendar/<str:token>.ics", calendar_feeds.feed, name="feed"),
    path("account/calendar/new/", calendar_feeds.feed_replace, name="replace"),
    path("account/calendar/stop/", calendar_feeds.feed_stop, name="stop"),
    path("account/calendar/caldav/", calendar_push.calendar_push, name="caldav"),
    path("account/calendar/caldav/stop/", calendar_push.calendar_push_stop, name="caldav_stop"),
]
