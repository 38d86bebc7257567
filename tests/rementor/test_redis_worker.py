"""Background jobs through Redis (django-tasks-rq) run by a real worker process.

The several-machines mode of docs/production.md: a web node queues a matching run and the
day's reminders in Redis; ``python -m rementor rqworker``, another process (on another
machine in production), takes them, writes to the same database and sends the e-mails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

import django_rq
import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import rementor
from rementor.analytics import results_refresh
from rementor.analytics.impact.results import programme_results
from rementor.matching import domain
from rementor.matching.models import MatchRun, Pair, RunStatus
from rementor.mentoring.models import MentoringSession, Pulse, SessionStatus
from rementor.mentoring.tasks import send_due_reminders
from tests.factories import client_for
from tests.rementor.matching.factories import matching_programme, mentee, mentor
from tests.rementor.mentoring.factories import make_pair

SRC = Path(rementor.__file__).resolve().parent.parent


@contextmanager
def database_for_another_process(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL another process can open to see (and change) the test database.

    PostgreSQL: the test database itself. SQLite keeps the test database in this process's
    memory: it is copied to a file for the other process, and the file copied back after."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(settings["USER"] or "", safe="")
        if settings["PASSWORD"]:
            credentials += ":" + quote(settings["PASSWORD"], safe="")
        host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        yield f"postgres://{credentials}@{host}/{settings['NAME']}"
        return
    assert connection.vendor == "sqlite", connection.vendor
    if not connection.is_in_memory_db():
        yield f"sqlite:///{settings['NAME']}"
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as shared:
        connection.connection.backup(shared)
    yield f"sqlite:///{path}"
    with closing(sqlite3.connect(path)) as shared:
        shared.backup(connection.connection)


def _worker(*, database_url: str, redis_url: str, mail_dir: Path, production: bool = False) -> None:
    """Run the RQ worker in burst mode (it stops once the queue is empty); ``production``:
    with the production settings, the cache in the same Redis (RM_CACHE_URL)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("RM_", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "rementor.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
        "DATABASE_URL": database_url,
        "RM_TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "RM_REDIS_URL": redis_url,
        "RM_SITE_URL": "https://rementor.example.com",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    if production:
        env |= {
            "DJANGO_SETTINGS_MODULE": "rementor.settings.production",
            "SECRET_KEY": "worker-" + "k" * 60,
            "ALLOWED_HOSTS": "rementor.example.com",
            "RM_CACHE_URL": redis_url,
        }
    command = ["rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"]
    done = subprocess.run(
        [sys.executable, "-m", "rementor", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def _recipients(mail_dir: Path) -> list[str]:
    lines = (line for f in mail_dir.glob("*.log") for line in f.read_text().splitlines())
    return sorted(line.removeprefix("To: ") for line in lines if line.startswith("To: "))


@pytest.mark.django_db(transaction=True)
def test_redis_worker_solves_a_matching_run_and_sends_the_reminders(
    redis_url, tmp_path, settings, manager
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": redis_url}}
    programme = matching_programme()
    for n in range(3):
        mentee(programme, needs={"linkedin": (1, 3, 3)}, email=f"mentee{n}@example.org")
        mentor(programme, levels={"linkedin": 4}, capacity=1, email=f"mentor{n}@example.org")
    run = domain.start_match_run(programme=programme, by=manager)
    pair, _mentee_user, mentor_user = make_pair()
    Pair.objects.filter(pk=pair.pk).update(created_at=timezone.now() - dt.timedelta(days=20))
    reminders = send_due_reminders.enqueue()

    # Both jobs wait in Redis: nothing ran in this process.
    assert django_rq.get_queue("default").count == 2
    assert MatchRun.objects.get(pk=run.pk).status == RunStatus.QUEUED
    mail_dir = tmp_path / "mail"
    with database_for_another_process(tmp_path) as database_url:
        _worker(database_url=database_url, redis_url=redis_url, mail_dir=mail_dir)

    assert django_rq.get_queue("default").count == 0
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.matched == 3 and run.unmatched == 0
    assert len(run.result["pairs"]) == 3
    # The reminders job: the member who leads the idle pair (its mentor, by default) nudged,
    # its result read back from Redis.
    assert _recipients(mail_dir) == [mentor_user.email]
    assert reminders.backend == "default"
    assert send_due_reminders.get_backend().get_result(reminders.id).return_value == {
        "plan_next": 1,
        "at_risk": 0,
        "training": 0,
        "pulse": 0,
    }


def _base_settings(**env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import json, rementor.settings as s;"
        "print(json.dumps([s.TASKS, s.RQ_QUEUES, 'django_rq' in s.INSTALLED_APPS]))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("RM_", "DJANGO_"))},
        "PYTHONPATH": str(SRC),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )


def test_redis_queue_settings_come_from_the_environment():
    done = _base_settings(
        RM_TASKS_BACKEND="django_tasks_rq.RQBackend", RM_REDIS_URL="redis://queue.internal:6379/1"
    )
    assert done.returncode == 0, done.stderr
    tasks, queues, worker_installed = json.loads(done.stdout)
    assert tasks["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert queues["default"]["URL"] == "redis://queue.internal:6379/1"
    assert queues["default"]["DEFAULT_TIMEOUT"] >= 30 * 60  # a large run is not killed
    assert worker_installed


def test_redis_queue_without_its_url_stops_the_start_up():
    done = _base_settings(RM_TASKS_BACKEND="django_tasks_rq.RQBackend")
    assert done.returncode != 0
    assert "RM_REDIS_URL" in done.stderr


@pytest.mark.django_db(transaction=True)
def test_the_worker_computes_the_results_again_and_the_web_node_finds_them_ready(
    redis_url, tmp_path, settings, manager
):
    """Production: a pulse committed on a web node queues the results' refresh in Redis; the
    worker computes the dashboard's figures again into the shared cache; the next page reads
    them without reading a pulse."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": redis_url}}
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    settings.RM_RESULTS_REFRESH = True
    pair, _mentee_user, _mentor_user = make_pair()
    programme = pair.programme
    url = reverse("analytics:dashboard", args=[programme.slug])
    assert client_for(manager).get(url).status_code == 200
    # (the job the set-up's commits queued, never run)
    django_rq.get_queue("default").empty()
    cache.delete(results_refresh.QUEUED)
    with transaction.atomic():
        session = MentoringSession.objects.create(
            pair=pair,
            starts_at=timezone.now() - dt.timedelta(days=1),
            duration_minutes=60,
            status=SessionStatus.HELD,
        )
        Pulse.objects.create(session=session, author=pair.mentee, usefulness=2, comfort=3)
    assert django_rq.get_queue("default").count == 1
    with database_for_another_process(tmp_path) as database_url:
        _worker(
            database_url=database_url,
            redis_url=redis_url,
            mail_dir=tmp_path / "mail",
            production=True,
        )
    with translation.override("fr"), CaptureQueriesContext(connection) as read:
        ready = programme_results(programme=programme, for_sponsor=False)
    assert not [q for q in read.captured_queries if "mentoring_pulse" in q["sql"]]
    assert ready.sessions.held.value == 1
