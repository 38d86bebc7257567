"""axe-core finds no serious or critical WCAG 2.1 AA violation on the main pages of every role,
in French and in English, on the demo company.

The demo is loaded once for the whole module and served by a server of the module's own:
pytest-django's ``live_server`` would empty the database after every test. Each role signs
in once per language and keeps its browser context for all its pages.

Pages that other parts of the product add later (the account, privacy and audit pages) are
checked as soon as their address resolves.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pytest_django.live_server_helper import LiveServer

from rementor.circles.models import Circle, CircleMeeting
from rementor.demo.company import DEMO_PASSWORD, DEMO_PROGRAMME_SLUG, load_demo
from rementor.matching.domain import create_pair, create_run_now
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.groups import form_group
from rementor.mentoring.models import (
    Concern,
    Idea,
    MentoringGroup,
    MentoringSession,
    Objective,
)
from rementor.people.models import ImportBatch, User
from rementor.programmes.invitations import account_for, join_url
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.selection.models import MentorApplication
from rementor.skills.models import Skill
from rementor.training.models import TrainingModule
from tests.e2e.axe import axe_violations, blocking, describe
from tests.factories import EnrollmentFactory
from tests.rementor.cockpit.factories import (
    applications,
    closed_days_ago,
    mentees_invited,
    mentees_with_needs,
    pairs,
    programme_at,
    published_run,
)

default_taxonomy = importlib.import_module("rementor.skills.migrations.0002_default_taxonomy")

LANGUAGES = ["fr", "en"]
LOGINS = {
    "mentee": "mentee@example.com",
    "mentor": "mentor@example.com",
    "sponsor": "sponsor@example.com",
    "manager": "manager@example.com",
}
SLUG = {"slug": DEMO_PROGRAMME_SLUG}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 720}

Ids = dict[str, Any]

# Programmes beside the (running) demo, one at each other step of the life cycle, for the
# pages of their moves and their step tracker.
STEP_SLUGS = {
    "draft": "a11y-draft",
    "recruiting": "a11y-recruiting",
    "matching": "a11y-matching",
    "closed": "a11y-closed",
}
STEP_MOVES = [
    ("draft", "recruiting"),
    ("recruiting", "matching"),
    ("recruiting", "draft"),
    ("matching", "running"),
    ("matching", "recruiting"),
    ("closed", "running"),
]


@dataclass(frozen=True)
class Screen:
    """A page to check: a URL name and its arguments, taken from the demo's objects."""

    name: str
    url_name: str
    kwargs: Callable[[Ids], dict] = lambda ids: {}
    query: str = ""
    # Set for a link that moves on by design (a reset link hides its token, for instance).
    redirects: bool = False

    def url(self, ids: Ids) -> str:
        if self.url_name.startswith("/"):
            return self.url_name
        if self.url_name.startswith("@"):  # an address only the demo knows (a token link)
            return ids[self.url_name[1:]]
        return reverse(self.url_name, kwargs=self.kwargs(ids)) + self.query


def _once_landed(*paths: str) -> list[Screen]:
    """Pages that other parts of the product add: checked from the day their address
    resolves, without anyone having to come back to this file."""
    screens = []
    for path in paths:
        try:
            resolve(path)
        except Resolver404:
            continue
        screens.append(Screen(path.strip("/").replace("/", "-"), path))
    return screens


# Pages every signed-in role has.
_ACCOUNT = [
    Screen("help-levels", "help_levels"),
    Screen("password-change", "password_change"),
    *_once_landed("/account/", "/privacy/"),
]

SCREENS: dict[str, list[Screen]] = {
    "anonymous": [
        Screen("login", "login"),
        Screen("password-reset", "password_reset"),
        Screen("password-reset-sent", "password_reset_done"),
        Screen("password-reset-confirm", "@reset_url", redirects=True),
        Screen("join", "@join_url"),
        *_once_landed("/privacy/"),
    ],
    "mentee": [
        Screen("home", "home"),
        Screen("programme", "programmes:detail", lambda ids: SLUG),
        Screen("my-needs", "programmes:my_needs", lambda ids: SLUG),
        Screen("pair", "mentoring:pair", lambda ids: {"pk": ids["pair"]}),
        Screen("charter", "mentoring:charter", lambda ids: {"pk": ids["pair"]}),
        Screen("session-held", "mentoring:session", lambda ids: {"pk": ids["held_session"]}),
        Screen("session-log", "mentoring:log_session", lambda ids: {"pk": ids["held_session"]}),
        Screen("session-plan", "mentoring:plan_session", lambda ids: {"pk": ids["pair"]}),
        Screen("session-record", "mentoring:record_session", lambda ids: {"pk": ids["pair"]}),
        Screen("session-planned", "mentoring:session", lambda ids: {"pk": ids["planned_session"]}),
        Screen(
            "session-change",
            "mentoring:reschedule_session",
            lambda ids: {"pk": ids["planned_session"]},
        ),
        Screen("objective", "mentoring:objective_detail", lambda ids: {"pk": ids["objective"]}),
        Screen("objective-new", "mentoring:objective_create", lambda ids: {"pk": ids["pair"]}),
        Screen(
            "objective-adjust",
            "mentoring:objective_adjust",
            lambda ids: {"pk": ids["objective"]},
        ),
        Screen("check-in", "mentoring:check_in", lambda ids: {"pk": ids["pair"], "kind": "final"}),
        Screen("concern-new", "mentoring:concern_create", lambda ids: {"pk": ids["pair"]}),
        Screen("training", "training:my_training", lambda ids: SLUG),
        Screen(
            "training-module",
            "training:module",
            lambda ids: {"pk": ids["mentee_module"]},
        ),
        Screen("circle", "circles:circle", lambda ids: {"pk": ids["circle"]}),
        Screen("circle-meeting", "circles:meeting", lambda ids: {"pk": ids["circle_meeting"]}),
        Screen("my-progress", "mentoring:my_progress", lambda ids: SLUG),
        Screen("group", "mentoring:group", lambda ids: {"pk": ids["group"]}),
        *_ACCOUNT,
    ],
    "mentor": [
        Screen("home", "home"),
        Screen("programme", "programmes:detail", lambda ids: SLUG),
        Screen("application", "selection:apply", lambda ids: SLUG),
        Screen("pair", "mentoring:pair", lambda ids: {"pk": ids["pair"]}),
        Screen("session-held", "mentoring:session", lambda ids: {"pk": ids["held_session"]}),
        Screen("task-new", "mentoring:task_create", lambda ids: {"pk": ids["pair"]}),
        Screen("idea-new", "mentoring:idea_create", lambda ids: {"pk": ids["pair"]}),
        Screen("messages", "mentoring:messages", lambda ids: {"pk": ids["pair"]}),
        Screen("pair-plan", "mentoring:pair_plan", lambda ids: {"pk": ids["pair"]}),
        Screen("training", "training:my_training", lambda ids: SLUG),
        Screen(
            "training-module",
            "training:module",
            lambda ids: {"pk": ids["mentor_module"]},
        ),
        Screen("my-progress", "mentoring:my_progress", lambda ids: SLUG),
        Screen("group", "mentoring:group", lambda ids: {"pk": ids["group"]}),
        Screen(
            "group-session-new", "mentoring:group_session_new", lambda ids: {"pk": ids["group"]}
        ),
        *_ACCOUNT,
    ],
    "sponsor": [
        Screen("home", "home"),
        Screen("needs-heat-map", "analytics:needs", lambda ids: SLUG),
        Screen("results", "analytics:sponsor", lambda ids: SLUG),
        *_ACCOUNT,
    ],
    "manager": [
        Screen("home", "home"),
        Screen("programmes", "programmes:list"),
        Screen("programme-new", "programmes:create"),
        Screen("programme", "programmes:detail", lambda ids: SLUG),
        Screen("programme-edit", "programmes:edit", lambda ids: SLUG),
        Screen("programme-close", "cockpit:transition", lambda ids: {**SLUG, "to": "closed"}),
        # A move the running demo cannot make: the page says why, without a form.
        Screen("programme-move-refused", "cockpit:transition", lambda ids: {**SLUG, "to": "draft"}),
        # The confirmation page of every other move, on a programme at each step.
        *[
            Screen(
                f"programme-{status}-to-{to}",
                "cockpit:transition",
                lambda ids, status=status, to=to: {"slug": STEP_SLUGS[status], "to": to},
            )
            for status, to in STEP_MOVES
        ],
        *[
            Screen(
                f"programme-{status}",
                "programmes:detail",
                lambda ids, status=status: {"slug": STEP_SLUGS[status]},
            )
            for status in STEP_SLUGS
        ],
        Screen(
            "responses-recruiting",
            "cockpit:responses",
            lambda ids: {"slug": STEP_SLUGS["recruiting"]},
        ),
        Screen("invite", "programmes:invite", lambda ids: SLUG),
        Screen("needs-heat-map", "analytics:needs", lambda ids: SLUG),
        Screen("candidates", "selection:candidates", lambda ids: SLUG),
        Screen("responses", "cockpit:responses", lambda ids: SLUG),
        Screen(
            "candidate",
            "selection:candidate",
            lambda ids: {"slug": DEMO_PROGRAMME_SLUG, "pk": ids["application"]},
        ),
        Screen("matching", "matching:page", lambda ids: SLUG),
        Screen("pairs", "mentoring:pairs", lambda ids: SLUG),
        Screen("pairs-filtered", "mentoring:pairs", lambda ids: SLUG, query="?risk=any&page=2"),
        Screen("sessions", "mentoring:programme_sessions", lambda ids: SLUG),
        Screen("session-plan", "mentoring:plan", lambda ids: SLUG),
        Screen("agenda-library", "mentoring:agenda_library", lambda ids: SLUG),
        Screen(
            "sessions-filtered",
            "mentoring:programme_sessions",
            lambda ids: SLUG,
            query="?status=held&date_from=31/02/2026&page=2",
        ),
        Screen("candidates-filtered", "selection:candidates", lambda ids: SLUG, "?q=a&page=abc"),
        Screen("latecomers", "cockpit:latecomers", lambda ids: SLUG),
        Screen("training-not-finished", "training:manage", lambda ids: SLUG, "?show=not_finished"),
        Screen("pair", "mentoring:pair", lambda ids: {"pk": ids["pair"]}),
        Screen("objective", "mentoring:objective_detail", lambda ids: {"pk": ids["objective"]}),
        Screen("concerns", "mentoring:concern_list", lambda ids: SLUG),
        Screen("concern", "mentoring:concern_detail", lambda ids: {"pk": ids["concern"]}),
        Screen("ideas", "mentoring:idea_list", lambda ids: SLUG),
        Screen("idea-adopt", "mentoring:idea_adopt", lambda ids: {"pk": ids["idea"]}),
        Screen("ideas-filtered", "mentoring:idea_list", lambda ids: SLUG, "?q=a&page=99999"),
        Screen("groups", "mentoring:group_list", lambda ids: SLUG),
        Screen("group", "mentoring:group", lambda ids: {"pk": ids["group"]}),
        Screen("group-dissolve", "mentoring:group_dissolve", lambda ids: {"pk": ids["group"]}),
        Screen("circles", "circles:list", lambda ids: SLUG),
        Screen("circle", "circles:circle", lambda ids: {"pk": ids["circle"]}),
        Screen("circle-rename", "circles:rename", lambda ids: {"pk": ids["circle"]}),
        Screen("circle-delete", "circles:delete", lambda ids: {"pk": ids["circle"]}),
        Screen("circle-meeting-new", "circles:meeting_new", lambda ids: {"pk": ids["circle"]}),
        Screen("circle-meeting", "circles:meeting", lambda ids: {"pk": ids["circle_meeting"]}),
        Screen("training", "training:manage", lambda ids: SLUG),
        Screen(
            "training-module-edit",
            "training:module_edit",
            lambda ids: {"pk": ids["mentee_module"]},
        ),
        Screen("dashboard", "analytics:dashboard", lambda ids: SLUG),
        Screen("results", "analytics:sponsor", lambda ids: SLUG),
        Screen("exports", "analytics:exports", lambda ids: SLUG),
        Screen("directory", "people:directory"),
        Screen("directory-filtered", "people:directory", query="?status=all&q=a&page=2"),
        Screen("person", "people:detail", lambda ids: {"pk": ids["person"]}),
        Screen("import", "people:import_start"),
        Screen("import-history", "people:import_history"),
        Screen("import-history-filtered", "people:import_history", query="?status=x&page=-1"),
        Screen("import-detail", "people:import_detail", lambda ids: {"pk": ids["import"]}),
        Screen("provisioning", "provisioning:settings"),
        Screen("skills", "skills:taxonomy"),
        Screen("skill-new", "skills:skill_create"),
        Screen("matching-compare", "matching:compare", lambda ids: SLUG, query="?a=1&b=2"),
        *_once_landed("/audit/", "/account/erasure-requests/"),
        *_ACCOUNT,
    ],
}
CASES = [
    pytest.param(role, language, screen, id=f"{role}-{language}-{screen.name}")
    for role, screens in SCREENS.items()
    for language in LANGUAGES
    for screen in screens
]


def _demo_ids() -> Ids:
    """The demo objects the pages are about: the demo mentee and mentor's pair mostly."""
    pair = Pair.objects.get(mentee__person__user__email=LOGINS["mentee"])
    held = pair.sessions.filter(status="held").order_by("-starts_at").first()
    planned = pair.sessions.filter(status="planned").order_by("starts_at").first()
    mentee = User.objects.get(email=LOGINS["mentee"])
    invited = (
        Enrollment.objects.filter(
            programme__slug=DEMO_PROGRAMME_SLUG,
            status=EnrollmentStatus.INVITED,
            role=Role.MENTEE,
        )
        .order_by("pk")
        .first()
    )
    modules = TrainingModule.objects.filter(programme=pair.programme, is_published=True)
    uid = urlsafe_base64_encode(force_bytes(mentee.pk))
    return {
        "pair": pair.pk,
        "held_session": held.pk if held else MentoringSession.objects.filter(pair=pair)[0].pk,
        "planned_session": planned.pk if planned else None,
        "objective": Objective.objects.filter(pair=pair).order_by("pk")[0].pk,
        "concern": Concern.objects.order_by("pk")[0].pk,
        "idea": Idea.objects.filter(pair__programme=pair.programme).order_by("pk")[0].pk,
        "mentee_module": modules.exclude(audience="mentor").order_by("position")[0].pk,
        "mentor_module": modules.exclude(audience="mentee").order_by("position")[0].pk,
        "application": MentorApplication.objects.get(
            enrollment__person__user__email=LOGINS["mentor"]
        ).pk,
        "person": mentee.person_id,
        "circle": Circle.objects.order_by("pk")[0].pk,
        "circle_meeting": CircleMeeting.objects.order_by("pk")[0].pk,
        "group": MentoringGroup.objects.get(members__pair=pair).pk,
        "import": ImportBatch.objects.order_by("pk")[0].pk,
        "join_url": join_url(account_for(invited.person)),
        "reset_url": reverse(
            "password_reset_confirm",
            kwargs={"uidb64": uid, "token": default_token_generator.make_token(mentee)},
        ),
    }


def _programmes_at_each_step(*, manager) -> None:
    """The programmes of ``STEP_SLUGS``, with what their tracker and moves talk about: people
    invited, needs given, an application waiting, a published run with its pair, a closing."""
    start_later = timezone.localdate() + dt.timedelta(days=14)
    draft = programme_at("draft", name="Pilote 2028", slug=STEP_SLUGS["draft"])
    mentees_invited(draft, 2)
    recruiting = programme_at("recruiting", name="Pilote 2029", slug=STEP_SLUGS["recruiting"])
    mentees_with_needs(recruiting, 1)
    mentees_invited(recruiting, 1)
    applications(recruiting, 1)
    matching = programme_at(
        "matching", name="Pilote 2030", slug=STEP_SLUGS["matching"], start_date=start_later
    )
    pairs(matching, 1)
    mentees_with_needs(matching, 1)
    published_run(matching)
    closed = programme_at("running", name="Pilote 2025", slug=STEP_SLUGS["closed"])
    pairs(closed, 1)
    Pair.objects.filter(programme=closed).update(status=PairStatus.COMPLETED)
    closed_days_ago(closed, 3, by=manager)


def _demo_mentors_group(*, manager) -> None:
    """A group of the demo mentor's pairs (the demo has none): the demo programme allows
    groups, and the demo mentor takes a second mentee beside the demo mentee."""
    programme = Programme.objects.get(slug=DEMO_PROGRAMME_SLUG)
    programme.group_mentoring = True
    programme.save(update_fields=["group_mentoring"])
    pair = Pair.objects.get(mentee__person__user__email=LOGINS["mentee"])
    mentor = pair.mentor
    mentor.capacity = programme.max_mentor_capacity
    mentor.save(update_fields=["capacity"])
    newcomer = EnrollmentFactory(programme=programme, role=Role.MENTEE)
    second = create_pair(
        programme=programme, mentee=newcomer, mentor=mentor, by=manager, notify=False
    )
    form_group(programme=programme, by=manager, pairs=[pair, second], name="Conseil numérique")


class _OneRequestAtATime(StaticFilesHandler):
    """The live server's threads share the test database's one in-memory SQLite connection.
    A page and the htmx fragments it loads arrive together, and each saves the session: run
    concurrently, one request's transaction can roll back another's writes (a sign-in lost)."""

    _lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            return super().__call__(environ, start_response)


@pytest.fixture(scope="module")
def demo_site(module_test_database, django_db_blocker) -> Iterator[tuple[LiveServer, Ids]]:
    """The demo company behind a server of its own, for the whole module; emptied at the end
    as a transactional test would leave it."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            # The same settings as the tests' own autouse fixtures, for the whole module.
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            LANGUAGE_CODE="fr",
        ),
    ):
        if not Skill.objects.exists():
            default_taxonomy.load(apps, None)
        load_demo()
        # The demo's two latecomers wait for a mentor: a second run proposes them one, so the
        # matching page shows a run to publish and two runs to compare.
        create_run_now(
            programme=Programme.objects.get(slug=DEMO_PROGRAMME_SLUG),
            by=User.objects.get(email=LOGINS["manager"]),
        )
        _programmes_at_each_step(manager=User.objects.get(email=LOGINS["manager"]))
        _demo_mentors_group(manager=User.objects.get(email=LOGINS["manager"]))
        ids = _demo_ids()
        server = LiveServer("localhost", start=False)
        server.thread.static_handler = _OneRequestAtATime
        server.start()
        server._live_server_modified_settings.enable()
        try:
            yield server, ids
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def signed_in_pages(browser, demo_site) -> Iterator[Callable[[str, str], Any]]:
    """One browser page per role and language, signed in once and reused."""
    server, _ids = demo_site
    pages: dict[tuple[str, str], Any] = {}

    def page_for(role: str, language: str):
        if (role, language) not in pages:
            context = browser.new_context(locale="fr-FR" if language == "fr" else "en-GB")
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": server.url}]
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            if role != "anonymous":
                page.goto(f"{server.url}{reverse('login')}")
                page.fill("input[name=username]", LOGINS[role])
                page.fill("input[name=password]", DEMO_PASSWORD)
                with page.expect_navigation():
                    page.press("input[name=password]", "Enter")
                if reverse("login") in page.url:
                    pytest.fail(f"{role} could not sign in: {page.locator('main').inner_text()}")
            pages[role, language] = page
        return pages[role, language]

    yield page_for
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize(("role", "language", "screen"), CASES)
def test_page_has_no_serious_accessibility_violation(
    demo_site, signed_in_pages, role, language, screen
):
    server, ids = demo_site
    page = signed_in_pages(role, language)
    response = page.goto(f"{server.url}{screen.url(ids)}")
    where = f"{role} {language} {screen.name} ({page.url})"
    assert response is not None and response.status < 400, f"{where}: HTTP {response.status}"
    if not screen.redirects:
        assert page.url == f"{server.url}{screen.url(ids)}", f"{where}: redirected"
    if role != "anonymous":
        assert reverse("login") not in page.url, f"{where}: sent to the login page"
    assert page.locator("html").get_attribute("lang") == language, f"{where}: wrong language"

    violations = blocking(axe_violations(page, static_url=f"{server.url}{settings.STATIC_URL}"))

    assert not violations, "\n" + describe(violations, where=where)

    # On a phone (390 px) the page itself never scrolls sideways: wide tables scroll in
    # their own box.
    # Loaded again at that width, so that charts draw for it rather than shrink late.
    page.set_viewport_size(PHONE)
    try:
        page.reload()
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.set_viewport_size(DESKTOP)
    assert width <= PHONE["width"], f"{where}: {width} px wide at {PHONE['width']} px"
