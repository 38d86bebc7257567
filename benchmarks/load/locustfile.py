"""Rementor under load: managers on dashboards, participants on their pages, API reads.

Run by ``benchmarks/load/run.sh`` against the demo scaled to 5,000 people
(``python -m rementor demo --people 5000``); see README.md beside this file. Every
simulated user signs in once, through the login form, with an account of its own:
``manager-NNN@example.com`` for managers, ``mentee-NNNN`` / ``mentor-NNNN`` for participants
(so neither the per-username lock-out nor the per-username rate limit is ever shared).

Request names are "<group>: <page>"; ``report.py`` prints each group and the total.
Environment:

    RM_LOAD_MANAGERS, RM_LOAD_PAIRS   accounts the scaled demo created (run.sh reads them)
    RM_LOAD_WAIT_MIN, RM_LOAD_WAIT_MAX think time between two clicks, seconds (5, 15)
    RM_LOAD_RAW                       a CSV file receiving every request's time (report.py)
                                      and what it cost the server (its Server-Timing header)
    RM_LOAD_HOSTS                     several nodes, comma-separated: users are spread over
                                      them in turn, as a round-robin balancer would
                                      (default: Locust's --host)
"""

from __future__ import annotations

import csv
import itertools
import os
import random
import re
import time

from locust import FastHttpUser, between, events, task

from rementor.core.server_timing import HEADER as SERVER_TIMING
from rementor.core.server_timing import parse as parse_server_timing

PROGRAMME = os.environ.get("RM_LOAD_PROGRAMME", "reverse-mentoring-2026")
PASSWORD = os.environ.get("RM_LOAD_PASSWORD", "rementor-demo")
MANAGERS = int(os.environ.get("RM_LOAD_MANAGERS", "60"))
PAIRS = int(os.environ.get("RM_LOAD_PAIRS", "300"))
WAIT = between(
    float(os.environ.get("RM_LOAD_WAIT_MIN", "5")), float(os.environ.get("RM_LOAD_WAIT_MAX", "15"))
)
# Names to search the directory for (the demo's most common last names).
SEARCHES = ["Martin", "Dubois", "Bernard", "Petit", "Moreau", "Laurent", "Garnier", "Roux"]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PAIR_LINK = re.compile(r'href="(/mentoring/pairs/\d+/)"')
SESSION_LINK = re.compile(r'href="(/mentoring/sessions/\d+/)"')
PERSON_LINK = re.compile(r'href="(/people/\d+/)"')
STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')

# Accounts are handed out in order, each to one simulated user: managers and participants
# from the first up, API readers from the last down (half manager, half participant accounts).
_managers = itertools.count(1)
_participants = itertools.count(0)
_api_managers = itertools.count(MANAGERS, -1)
_api_participants = itertools.count(2 * PAIRS - 1, -1)
_api_kind = itertools.cycle(["manager", "participant"])
_hosts = itertools.cycle([h.strip() for h in os.environ.get("RM_LOAD_HOSTS", "").split(",") if h])


def manager_email(n: int) -> str:
    return f"manager-{(n - 1) % MANAGERS + 1:03d}@example.com"


def participant_email(n: int) -> str:
    """Participant n: the mentee then the mentor of pair 1, of pair 2, ..."""
    n %= 2 * PAIRS
    return f"{'mentee' if n % 2 == 0 else 'mentor'}-{n // 2 + 1:04d}@example.com"


class _SignedIn(FastHttpUser):
    abstract = True
    wait_time = WAIT
    group = ""

    def __init__(self, environment) -> None:
        # Each user keeps one node for its whole visit (its session cookie works on every node:
        # sessions are shared; sticking to one is what a round-robin per connection gives).
        host = next(_hosts, None)
        if host:
            self.host = host
        super().__init__(environment)

    def account(self) -> str:
        raise NotImplementedError

    def on_start(self) -> None:
        self.email = self.account()
        page = self.client.get("/accounts/login/", name="login: form")
        token = CSRF.search(page.text or "")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            allow_redirects=False,
            name="login: sign in",
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/accounts/login/" in response.headers.get(
                "Location", ""
            ):
                response.failure(f"{self.email} could not sign in ({response.status_code})")
                return
        self.home_html = self.page("/", "home", group="login")
        # A browser fetches the style sheets and scripts once, then keeps them (hashed names).
        for path in sorted(set(STATIC_LINK.findall(self.home_html))):
            self.client.get(path, name="static: css and js")

    def page(self, path: str, name: str, group: str = "") -> str:
        """GET a page: anything but 200 is a failure, a redirect to the login page (the
        session was lost) included."""
        with self.client.get(
            path,
            name=f"{group or self.group}: {name}",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                where = response.headers.get("Location", "") if response.headers else ""
                response.failure(f"HTTP {response.status_code} {where}".strip())
                return ""
            return response.text or ""


class Manager(_SignedIn):
    """A programme manager watching the programme: dashboard, pairs at risk, directory."""

    weight = 2
    group = "manager"

    def account(self) -> str:
        return manager_email(next(_managers))

    @task(3)
    def dashboard(self) -> None:
        self.page(f"/analytics/programmes/{PROGRAMME}/dashboard/", "programme dashboard")

    @task(3)
    def at_risk(self) -> None:
        self.page(f"/mentoring/programmes/{PROGRAMME}/pairs/", "pairs at risk")

    @task(2)
    def directory(self) -> None:
        html = self.page(f"/people/?page={random.randint(1, 100)}", "directory")
        people = PERSON_LINK.findall(html)
        if people:
            self.page(random.choice(people), "person")

    @task(1)
    def search(self) -> None:
        self.page(f"/people/?q={random.choice(SEARCHES)}", "directory search")


class Participant(_SignedIn):
    """A mentee or a mentor: home, their pair's page, its sessions."""

    weight = 6
    group = "participant"

    def account(self) -> str:
        return participant_email(next(_participants))

    def on_start(self) -> None:
        self.pair_page = ""
        self.sessions: list[str] = []
        super().on_start()
        self.find_pair(self.home_html)

    def find_pair(self, html: str) -> None:
        pairs = PAIR_LINK.findall(html)
        if pairs:
            self.pair_page = pairs[0]

    @task(2)
    def home(self) -> None:
        self.find_pair(self.page("/", "home"))

    @task(3)
    def pair(self) -> None:
        if self.pair_page:
            self.sessions = SESSION_LINK.findall(self.page(self.pair_page, "pair page"))

    @task(3)
    def session(self) -> None:
        if self.sessions:
            self.page(random.choice(self.sessions), "session page")


class ApiReader(_SignedIn):
    """A script or integration reading the API with its session (as the docs page does)."""

    weight = 2
    group = "api"

    def account(self) -> str:
        # A participant sees one pair and its sessions: one page; a manager sees them all.
        self.manager = next(_api_kind) == "manager"
        if self.manager:
            return manager_email(next(_api_managers))
        return participant_email(next(_api_participants))

    def read(self, resource: str, query: str = "") -> None:
        path = f"/api/v1/{resource}/{query}"
        with self.client.get(
            path,
            name=f"api: {resource}",
            headers={"Accept": "application/json"},
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            try:
                body = response.json()
            except ValueError:
                response.failure("not JSON")
                return
            if not isinstance(body, dict) or "results" not in body:
                response.failure("not a paginated list")

    @task(1)
    def programmes(self) -> None:
        self.read("programmes")

    @task(2)
    def pairs(self) -> None:
        self.read("pairs", f"?page={random.randint(1, 5)}" if self.manager else "")

    @task(2)
    def sessions(self) -> None:
        self.read("sessions", f"?page={random.randint(1, 40)}" if self.manager else "")


# --- every request's time, for exact percentiles per group (report.py) ---------------------
_raw = {"file": None, "writer": None}


@events.test_start.add_listener
def _open_raw(environment, **_kwargs) -> None:
    path = os.environ.get("RM_LOAD_RAW")
    if path:
        _raw["file"] = open(path, "w", newline="")  # noqa: SIM115 (closed on quitting)
        _raw["writer"] = csv.writer(_raw["file"])
        _raw["writer"].writerow(["time", "name", "ms", "ok", "cpu_ms", "queries", "host"])


@events.request.add_listener
def _record(name, response_time, exception, response=None, url="", **_kwargs) -> None:
    if _raw["writer"] is not None:
        headers = getattr(response, "headers", None) or {}
        figures = parse_server_timing(headers.get(SERVER_TIMING, "") or "")
        _raw["writer"].writerow(
            [
                f"{time.time():.3f}",
                name,
                f"{response_time:.1f}",
                int(not exception),
                f"{figures['cpu']:.1f}" if "cpu" in figures else "",
                f"{figures['queries']:.0f}" if "queries" in figures else "",
                re.sub(r"^(https?://[^/]+).*", r"\1", url or ""),
            ]
        )


@events.quitting.add_listener
def _close_raw(environment, **_kwargs) -> None:
    if _raw["file"] is not None:
        _raw["file"].close()
        _raw["file"] = _raw["writer"] = None
