"""Server-Timing: what each request cost the server, for the load report (RM_SERVER_TIMING)."""

from __future__ import annotations

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from rementor.core.server_timing import HEADER, ServerTimingMiddleware, _QueryClock, parse
from rementor.people.models import Person

pytestmark = pytest.mark.django_db


def _view_with_queries(count: int, busy_seconds: float = 0.0):
    def view(request):
        for _ in range(count):
            Person.objects.exists()
        stop = time.thread_time() + busy_seconds
        while time.thread_time() < stop:
            pass
        return HttpResponse("ok")

    return view


def test_the_header_counts_the_queries_and_the_cpu_of_the_request():
    middleware = ServerTimingMiddleware(_view_with_queries(3, busy_seconds=0.05))
    response = middleware(RequestFactory().get("/"))
    figures = parse(response[HEADER])
    assert figures["queries"] == 3
    assert figures["cpu"] >= 50
    assert figures["app"] >= figures["db"] >= 0


def test_time_spent_waiting_is_not_cpu():
    def sleepy(request):
        time.sleep(0.2)
        return HttpResponse("ok")

    figures = parse(ServerTimingMiddleware(sleepy)(RequestFactory().get("/"))[HEADER])
    assert figures["app"] >= 200
    assert figures["cpu"] < 100
    assert figures["queries"] == 0


def test_the_query_clock_stops_with_the_request():
    middleware = ServerTimingMiddleware(_view_with_queries(1))
    middleware(RequestFactory().get("/"))
    # A query after the response is nobody's: the wrapper is gone.
    from django.db import connection

    assert not [w for w in connection.execute_wrappers if isinstance(w, _QueryClock)]


def test_it_is_off_unless_asked_for(client, settings):
    assert not settings.RM_SERVER_TIMING
    assert "rementor.core.server_timing.ServerTimingMiddleware" not in settings.MIDDLEWARE
    assert HEADER not in client.get("/accounts/login/")
