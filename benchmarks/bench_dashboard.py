"""Server time and query count of every manager and sponsor page on a large programme:
50,000 people, 5,000 pairs, 60,000 sessions with their pulses, on SQLite and PostgreSQL.

    python benchmarks/bench_dashboard.py                     # both databases, built afresh
    python benchmarks/bench_dashboard.py --database sqlite   # one (sqlite or postgres)
    python benchmarks/bench_dashboard.py --reuse             # keep databases already built
    python benchmarks/bench_dashboard.py --pairs 500         # a quick check

The data is written with bulk_create into throwaway databases (never the project's):
``/tmp/rementor-bench-dashboard.sqlite3`` and the PostgreSQL database ``rementor_bench`` on
``BENCH_PG`` (default postgres://postgres@127.0.0.1:5432), dropped and created. Each page is
fetched through Django's test Client (no network, no static files): one warm-up, then
``--repeat`` times; the table gives, per page and database, the queries, the median and the
p95 (nearest rank) server time. The target (issue 15) is 200 ms per page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DB = Path("/tmp/rementor-bench-dashboard.sqlite3")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "rementor_bench"
TARGET_MS = 200


def _pg_exists() -> bool:
    import psycopg

    try:
        psycopg.connect(f"{PG}/{PG_NAME}").close()
    except psycopg.OperationalError:
        return False
    return True


def _pg_recreate() -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        name = sql.Identifier(PG_NAME)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def existing(database: str) -> bool:
    return DB.exists() if database == "sqlite" else _pg_exists()


def setup_django(database: str, reuse: bool) -> None:
    if database == "sqlite":
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{DB}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    else:
        if not reuse:
            _pg_recreate()
        os.environ["DATABASE_URL"] = f"{PG}/{PG_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rementor.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build(*, people: int, pairs: int, sessions_per_pair: int, seed: int = 7) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from rementor.matching.models import Pair
    from rementor.mentoring.models import (
        CheckIn,
        Concern,
        Idea,
        MentoringSession,
        Objective,
        Pulse,
    )
    from rementor.people.models import Department, Person, User
    from rementor.programmes.models import Enrollment, Programme
    from rementor.skills.models import Assessment, AssessmentItem, Skill
    from rementor.training.models import TrainingCompletion, TrainingModule

    rng = random.Random(seed)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    now = timezone.now()
    today = now.date()
    batch = 5000

    departments = Department.objects.bulk_create(
        Department(name=f"Department {i:02d}") for i in range(20)
    )
    sites = [f"Site {i}" for i in range(10)]
    Person.objects.bulk_create(
        (
            Person(
                employee_id=f"E{i:06d}",
                first_name=f"First{i}",
                last_name=f"Last{i}",
                department=rng.choice(departments),
                site=rng.choice(sites),
                languages=["fr"],
            )
            for i in range(people)
        ),
        batch_size=batch,
    )
    person_ids = list(Person.objects.values_list("pk", flat=True))
    rng.shuffle(person_ids)

    programme = Programme.objects.create(
        name="Benchmark programme",
        slug="bench",
        start_date=today - dt.timedelta(days=180),
        end_date=today + dt.timedelta(days=20),
        status="running",
        languages=["fr"],
    )
    skills = list(Skill.objects.filter(is_active=True).order_by("pk")[:10])
    programme.skills.set(skills)

    def enrol(ids, role, status):
        Enrollment.objects.bulk_create(
            (Enrollment(programme=programme, person_id=i, role=role, status=status) for i in ids),
            batch_size=batch,
        )

    mentee_people = person_ids[:pairs]
    mentor_people = person_ids[pairs : 2 * pairs]
    extra = person_ids[2 * pairs : 2 * pairs + pairs // 3]
    enrol(mentee_people, "mentee", "accepted")
    enrol(mentor_people, "mentor", "accepted")
    enrol(extra, "mentee", "invited")
    by_person = dict(Enrollment.objects.filter(programme=programme).values_list("person_id", "pk"))
    mentees = [by_person[i] for i in mentee_people]
    mentors = [by_person[i] for i in mentor_people]

    modules = [
        TrainingModule.objects.create(
            programme=programme,
            audience=audience,
            title_fr=audience,
            title_en=audience,
            body_fr="x",
            body_en="x",
        )
        for audience in ("both", "mentor", "mentee")
    ]
    completions = []
    for enrollment, role in [(e, "mentee") for e in mentees] + [(e, "mentor") for e in mentors]:
        if rng.random() < 0.85:
            for module in modules:
                if module.audience in ("both", role):
                    completions.append(TrainingCompletion(module=module, enrollment_id=enrollment))
    TrainingCompletion.objects.bulk_create(completions, batch_size=batch)

    statuses = ["active"] * 85 + ["paused"] * 5 + ["completed"] * 5 + ["ended"] * 5
    Pair.objects.bulk_create(
        (
            Pair(
                programme=programme,
                mentee_id=mentee,
                mentor_id=mentor,
                place=1,
                mentor_capacity=1,
                status=rng.choice(statuses),
            )
            for mentee, mentor in zip(mentees, mentors, strict=True)
        ),
        batch_size=batch,
    )
    Pair.objects.update(created_at=now - dt.timedelta(days=170))
    pair_rows = list(Pair.objects.values_list("pk", "mentee_id", "mentor_id", "status"))

    session_rows = []
    for pair_id, _mentee, _mentor, _status in pair_rows:
        # Some pairs went quiet a while ago: the at-risk list is not empty.
        latest = rng.choice([1, 3, 7, 14, 21]) if rng.random() < 0.9 else rng.randint(35, 90)
        for k in range(sessions_per_pair):
            session_rows.append(
                MentoringSession(
                    pair_id=pair_id,
                    starts_at=now - dt.timedelta(days=latest + 14 * k, hours=rng.randint(0, 8)),
                    duration_minutes=rng.choice([45, 60, 60, 90]),
                    status="held" if rng.random() < 0.92 else "cancelled",
                )
            )
    MentoringSession.objects.bulk_create(session_rows, batch_size=batch)
    members = {pk: (mentee, mentor) for pk, mentee, mentor, _s in pair_rows}
    Pulse.objects.bulk_create(
        (
            Pulse(
                session_id=session_id,
                author_id=author,
                usefulness=rng.choice([3, 4, 4, 5, 5]),
                comfort=rng.choice([2, 4, 4, 5, 5]),
            )
            for session_id, pair_id in MentoringSession.objects.filter(status="held")
            .values_list("pk", "pair_id")
            .iterator(chunk_size=batch)
            for author in members[pair_id]
            if rng.random() < 0.8
        ),
        batch_size=batch,
    )

    Assessment.objects.bulk_create(
        (Assessment(enrollment_id=e, kind="baseline", submitted_at=now) for e in mentees),
        batch_size=batch,
    )
    finals = mentees[: int(len(mentees) * 0.4)]
    Assessment.objects.bulk_create(
        (Assessment(enrollment_id=e, kind="final", submitted_at=now) for e in finals),
        batch_size=batch,
    )
    items = []
    levels: dict[tuple[int, int], int] = {}
    for assessment_id, enrollment, kind in Assessment.objects.values_list(
        "pk", "enrollment_id", "kind"
    ).order_by("kind"):
        for skill in skills[:6]:
            if kind == "baseline":
                level = rng.randint(0, 2)
                levels[(enrollment, skill.pk)] = level
                items.append(
                    AssessmentItem(
                        assessment_id=assessment_id,
                        skill=skill,
                        level=level,
                        target=rng.randint(level, 4),
                        priority=rng.randint(0, 3),
                    )
                )
            else:
                level = min(4, levels[(enrollment, skill.pk)] + rng.choice([0, 1, 1, 2]))
                items.append(AssessmentItem(assessment_id=assessment_id, skill=skill, level=level))
    AssessmentItem.objects.bulk_create(items, batch_size=batch)

    check_ins = []
    for index, (pair_id, mentee, mentor, _s) in enumerate(pair_rows):
        kinds = ["midterm"] + (["final"] if index < len(finals) else [])
        for kind in kinds:
            for author in (mentee, mentor):
                check_ins.append(
                    CheckIn(
                        pair_id=pair_id,
                        author_id=author,
                        kind=kind,
                        progress=4,
                        relationship=4,
                        pace=3,
                        recommend=rng.choice([6, 7, 8, 9, 9, 10, 10]),
                    )
                )
    CheckIn.objects.bulk_create(check_ins, batch_size=batch)
    Objective.objects.bulk_create(
        (
            Objective(
                pair_id=pair_id,
                owner="mentor",
                title="Goal",
                area=rng.choice(["communication", "pedagogy", "leadership"]),
                progress=rng.randint(0, 100),
                status=rng.choice(["in_progress", "achieved"]),
            )
            for pair_id, *_rest in pair_rows
            for _ in range(rng.randint(1, 2))
        ),
        batch_size=batch,
    )
    Idea.objects.bulk_create(
        (
            Idea(pair_id=pair_id, title="Idea", description="x", department=rng.choice(departments))
            for pair_id, *_rest in rng.sample(pair_rows, len(pair_rows) // 4)
        ),
        batch_size=batch,
    )
    manager = User.objects.create_user(email="manager@bench.example", password="x" * 12)
    User.objects.filter(pk=manager.pk).update(is_programme_manager=True)
    sponsor = User.objects.create_user(email="sponsor@bench.example", password="x" * 12)
    User.objects.filter(pk=sponsor.pk).update(is_sponsor=True)
    Concern.objects.bulk_create(
        Concern(pair_id=pair_id, author=manager, text="x")
        for pair_id, *_rest in rng.sample(pair_rows, min(100, len(pair_rows)))
    )
    from django.db import connection
    from django.db.models import F

    # The directory sorts on sort_name, which Person.save fills and bulk_create does not.
    Person.objects.update(sort_name=F("last_name"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built in {time.perf_counter() - started:.0f} s: {Person.objects.count()} people, "
        f"{len(pair_rows)} pairs, {MentoringSession.objects.count()} sessions, "
        f"{Pulse.objects.count()} pulses, {AssessmentItem.objects.count()} assessment items, "
        f"{CheckIn.objects.count()} check-ins"
    )


# (label, who, url name, argument): "slug" is the programme's slug, "import" the last import.
PAGES = [
    ("home", "manager", "home", None),
    ("programmes", "manager", "programmes:list", None),
    ("programme page", "manager", "programmes:detail", "slug"),
    ("who has answered", "manager", "cockpit:responses", "slug"),
    ("directory", "manager", "people:directory", None),
    ("import history", "manager", "people:import_history", None),
    ("mentor candidates", "manager", "selection:candidates", "slug"),
    ("matching", "manager", "matching:page", "slug"),
    ("pairs", "manager", "mentoring:pairs", "slug"),
    ("concerns", "manager", "mentoring:concern_list", "slug"),
    ("ideas", "manager", "mentoring:idea_list", "slug"),
    ("training", "manager", "training:manage", "slug"),
    ("needs heat map", "manager", "analytics:needs", "slug"),
    ("dashboard", "manager", "analytics:dashboard", "slug"),
    ("exports", "manager", "analytics:exports", "slug"),
    ("audit trail", "manager", "audit:trail", None),
    ("erasure requests", "manager", "privacy:erasure_requests", None),
    ("results (sponsor)", "sponsor", "analytics:sponsor", "slug"),
    ("home (sponsor)", "sponsor", "home", None),
    # The results pages serve cached figures until their data changes: the same pages right
    # after a participant's new pulse (only the figures that read pulses are computed again),
    # with every figure computed afresh after a change of the programme itself, and on an
    # empty cache (the first view: nothing kept, not even where sponsors' last step ended).
    ("dashboard, new pulse", "manager", "analytics:dashboard", "slug", "pulse"),
    ("sponsor, new pulse", "sponsor", "analytics:sponsor", "slug", "pulse"),
    # ... and once the task worker's refresh has run (production: a second or so after the
    # commit), timed apart as the worker's time.
    ("dashboard, pulse, refreshed", "manager", "analytics:dashboard", "slug", "refreshed"),
    ("sponsor, pulse, refreshed", "sponsor", "analytics:sponsor", "slug", "refreshed"),
    ("dashboard, programme edited", "manager", "analytics:dashboard", "slug", "programme"),
    ("sponsor, programme edited", "sponsor", "analytics:sponsor", "slug", "programme"),
    ("dashboard, empty cache", "manager", "analytics:dashboard", "slug", "afresh"),
    ("sponsor, empty cache", "sponsor", "analytics:sponsor", "slug", "afresh"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def measure(repeat: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from rementor.people.models import User
    from rementor.programmes.models import Programme

    programme = Programme.objects.get(slug="bench")
    clients = {}
    for who, email in (("manager", "manager@bench.example"), ("sponsor", "sponsor@bench.example")):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(email=email))
    rows = []
    from django.db.models import F

    from rementor.analytics.results_cache import forget, forget_all
    from rementor.analytics.results_refresh import refresh
    from rementor.mentoring.models import MentoringSession, Pulse

    # New pulses: the mentors' of held sessions that have none yet, latest first.
    unanswered = iter(
        MentoringSession.objects.filter(pair__programme=programme, status="held")
        .exclude(pulses__author=F("pair__mentor"))
        .order_by("-starts_at")
        .values_list("pk", "pair__mentor")[: 4 * (repeat + 1)]
    )

    worker: list[float] = []

    def before(change: str | None) -> None:
        if change in ("pulse", "refreshed"):  # a mentor gives a pulse, as after a session
            session, mentor = next(unanswered)
            Pulse.objects.create(session_id=session, author_id=mentor, usefulness=4, comfort=4)
        if change == "refreshed":  # what the task worker does after the commit
            started = time.perf_counter()
            refresh()
            worker.append((time.perf_counter() - started) * 1000)
        elif change == "programme":  # as saving the programme's settings does
            forget({"programmes_programme"})
        elif change == "afresh":
            forget_all()

    for label, who, name, argument, *change in PAGES:
        change = change[0] if change else None
        url = reverse(name, args=[programme.slug] if argument == "slug" else [])
        client = clients[who]
        response = client.get(url)  # warm-up
        if response.status_code != 200:
            rows.append({"page": label, "status": response.status_code})
            continue
        times = []
        for _ in range(repeat):
            before(change)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "page": label,
                "status": 200,
                "queries": len(queries),
                "median": statistics.median(times),
                "p95": percentile(times, 0.95),
            }
        )
    rows.append({"page": "worker", "median": statistics.median(worker), "count": len(worker)})
    return rows


def print_table(results: dict[str, list[dict]]) -> bool:
    """One line per page, the databases side by side; True when every page meets the target."""
    databases = list(results)
    head = f"{'page':27}" + "".join(
        f" | {db:>10} {'queries':>7} {'median':>7} {'p95':>7}" for db in databases
    )
    print(head)
    print("-" * len(head))
    met = True
    missed = 0
    by_page = {db: {row["page"]: row for row in rows} for db, rows in results.items()}
    for label, *_rest in PAGES:
        cells = []
        for db in databases:
            row = by_page[db].get(label, {})
            if row.get("status") != 200:
                cells.append(
                    f" | {'HTTP ' + str(row.get('status', '?')):>10} {'':>7} {'':>7} {'':>7}"
                )
                met = False
                missed += 1
                continue
            ok = row["p95"] < TARGET_MS
            met &= ok
            missed += not ok
            cells.append(
                f" | {'met' if ok else 'MISSED':>10} {row['queries']:7d} "
                f"{row['median']:6.0f}  {row['p95']:6.0f} "
            )
        print(f"{label:27}" + "".join(cells))
    work = " / ".join(
        f"{by_page[db]['worker']['median']:.0f} ms ({db})"
        for db in databases
        if "worker" in by_page[db]
    )
    print(f"the worker's refresh after each new pulse (every remembered result): median {work}")
    print(
        f"times in ms, server side (test client); target p95 < {TARGET_MS} ms: "
        + ("met on every page" if met else f"missed on {missed} of {len(PAGES) * len(databases)}")
    )
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--pairs", type=int, default=5_000)
    parser.add_argument("--sessions-per-pair", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reuse", action="store_true", help="keep the databases already built")
    parser.add_argument("--json", help=argparse.SUPPRESS)  # one database's rows, for "both"
    args = parser.parse_args()
    if args.database == "both":
        # Django is set up once per process: one child process per database.
        results = {}
        for database in ("sqlite", "postgres"):
            out = Path(f"/tmp/rementor-bench-dashboard-{database}.json")
            command = [sys.executable, __file__, "--database", database, "--json", str(out)]
            command += ["--people", str(args.people), "--pairs", str(args.pairs)]
            command += ["--sessions-per-pair", str(args.sessions_per_pair)]
            command += ["--repeat", str(args.repeat)] + (["--reuse"] if args.reuse else [])
            subprocess.run(command, check=True)
            results[database] = json.loads(out.read_text())
        print()
        sys.exit(0 if print_table(results) else 1)
    reuse = args.reuse and existing(args.database)
    setup_django(args.database, reuse)
    if not reuse:
        build(people=args.people, pairs=args.pairs, sessions_per_pair=args.sessions_per_pair)
    from django.conf import settings

    settings.DEBUG = False
    rows = measure(args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps(rows))
    else:
        sys.exit(0 if print_table({args.database: rows}) else 1)


if __name__ == "__main__":
    main()
