"""``Server-Timing`` on every response, when ``RM_SERVER_TIMING`` is true: what a request cost
the server, for the load scenario's report and for a browser's developer tools.

    Server-Timing: app;dur=41.2, cpu;dur=37.9, db;dur=3.1;desc="7 queries"

``app`` is the wall time inside Django, ``cpu`` the CPU time of the thread that served the
request (``time.thread_time``: gunicorn's threads each serve one request at a time, so
other requests' work is not counted), ``db`` the time spent waiting on the database and the
number of queries. Wall time grows when the machine is busy; CPU time is what a page costs,
and what more nodes or faster cores buy back.

Off by default: the figures say nothing of anyone, but they are noise for other clients.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connections
from django.http import HttpRequest, HttpResponse

HEADER = "Server-Timing"


class _QueryClock:
    """Counts and times the queries of one request, on every database connection."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        clock = _QueryClock()
        wall, cpu = time.perf_counter(), time.thread_time()
        wrappers = [connections[alias].execute_wrapper(clock) for alias in connections]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        cpu_ms = (time.thread_time() - cpu) * 1000
        wall_ms = (time.perf_counter() - wall) * 1000
        response[HEADER] = (
            f"app;dur={wall_ms:.1f}, cpu;dur={cpu_ms:.1f}, "
            f'db;dur={clock.seconds * 1000:.1f};desc="{clock.count} queries"'
        )
        return response


def parse(header: str) -> dict[str, float]:
    """``{"app": ms, "cpu": ms, "db": ms, "queries": n}`` from a ``Server-Timing`` header
    written by this middleware (missing parts are left out)."""
    figures: dict[str, float] = {}
    for part in header.split(","):
        name, *params = (p.strip() for p in part.split(";"))
        for param in params:
            key, _sep, value = param.partition("=")
            if key == "dur":
                figures[name] = float(value)
            elif key == "desc" and name == "db":
                figures["queries"] = float(value.strip('"').split()[0])
    return figures
