"""Loading the demo company (its people: ``org_chart.py``) and its programme, step by step.

Everything is keyed by natural keys (employee ID, e-mail, slug) and created only when
missing, so loading the demo twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable

from auditlog.context import disable_auditlog
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from rementor.demo.debriefs import load_circle
from rementor.demo.history import load_history
from rementor.demo.life import load_pair_life
from rementor.demo.matching import publish_demo_pairs
from rementor.demo.mentors import load_mentor_applications
from rementor.demo.needs import load_mentee_needs
from rementor.demo.org_chart import SEED, PersonSpec, company_people
from rementor.demo.reciprocal import load_reciprocal_phase
from rementor.demo.recruiting import load_recruiting_programme
from rementor.demo.results import load_results
from rementor.demo.sample import DEMO_COMPANY_CSV
from rementor.people.importing import apply_import, preview_import
from rementor.people.models import Department, ImportBatch, ImportStatus, Person, User
from rementor.programmes.models import (
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    Role,
)
from rementor.skills.models import Skill

DEMO_PASSWORD = "rementor-demo"
DEMO_PROGRAMME_SLUG = "reverse-mentoring-2026"
DEMO_LOGINS = [
    ("manager@example.com", "programme manager (HR)"),
    ("sponsor@example.com", "sponsor (executive committee)"),
    ("mentor@example.com", "mentor, a junior employee"),
    ("mentee@example.com", "mentee, a senior leader"),
]


def _import_people(log: Callable[[str], None]) -> dict[str, Person]:
    """The demo company arrives the way a real one does: through the HRIS import, from the
    sample file beside this module (``demo/samples/demo-company.csv``)."""
    data = DEMO_COMPANY_CSV.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if not ImportBatch.objects.filter(sha256=digest, status=ImportStatus.APPLIED).exists():
        batch = preview_import(data=data, filename=DEMO_COMPANY_CSV.name, by=None)
        if batch.status != ImportStatus.PREVIEWED:
            raise RuntimeError(f"the demo HRIS file does not import cleanly: {batch.errors}")
        apply_import(batch=batch, by=None)
        log(f"imported {batch.created_count} people from {DEMO_COMPANY_CSV.name}")
    return {p.employee_id: p for p in Person.objects.all()}


def _upsert_users(people: dict[str, Person], specs: list[PersonSpec]) -> None:
    by_email = {spec.email: people[spec.employee_id] for spec in specs}
    roles = {
        "manager@example.com": {"is_programme_manager": True},
        "sponsor@example.com": {"is_sponsor": True},
        "mentor@example.com": {},
        "mentee@example.com": {},
    }
    for email, flags in roles.items():
        user, created = User.objects.get_or_create(
            email=email, defaults={"person": by_email[email], "language": "fr", **flags}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])


def _upsert_programme(
    people: dict[str, Person], specs: list[PersonSpec], manager: User
) -> tuple[Programme, dict[str, str]]:
    """The demo programme with its invited people, and what each invitee will do next
    (empty when the programme already existed: the demo never redoes what is done)."""
    programme, created = Programme.objects.get_or_create(
        slug=DEMO_PROGRAMME_SLUG,
        defaults={
            "name": "Programme de reverse mentoring 2026",
            "description": (
                "Nos jeunes talents accompagnent les membres du comité de direction et "
                "les managers sur les réseaux sociaux, les outils collaboratifs, l'analyse "
                "de données et la culture numérique."
            ),
            # A month before the end, whenever the demo is loaded: every step, final check-ins
            # included, has something to show. It started over a year ago (recruiting took
            # half of it; the pairs have met for six months), so its retention after 6 and
            # 12 months can be read.
            "start_date": timezone.localdate() - dt.timedelta(weeks=56),
            "end_date": timezone.localdate() + dt.timedelta(weeks=4),
            "status": ProgrammeStatus.RECRUITING,
            "cadence_weeks": 3,
            "session_minutes": 60,
            "default_mentor_capacity": 1,
            "max_mentor_capacity": 2,
            "reporting_line_depth": 2,
            "languages": ["fr", "en"],
            # Each planned session gets its own video room (a link: no server to run).
            "video_tool": "jitsi",
            "created_by": manager,
        },
    )
    if not created:
        return programme, {}
    programme.skills.set(Skill.objects.filter(is_active=True))
    rng = random.Random(SEED + 1)
    seniors = [s for s in specs if s.level in (1, 2) and s.email != "manager@example.com"]
    juniors = [s for s in specs if s.level == 4]
    mentees = [s for s in seniors if s.email == "mentee@example.com"]
    mentees += rng.sample([s for s in seniors if s not in mentees], 23)
    mentors = [s for s in juniors if s.email == "mentor@example.com"]
    mentors += rng.sample([s for s in juniors if s not in mentors], 29)
    plan = dict(
        zip(
            [s.employee_id for s in mentees],
            ["needs"] * 20 + ["invited"] * 4,
            strict=True,
        )
    )
    plan.update(
        zip(
            [s.employee_id for s in mentors],
            ["accepted"] * 20 + ["applied"] * 6 + ["declined"] * 2 + ["withdrawn"] * 2,
            strict=True,
        )
    )
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                programme=programme,
                person=people[s.employee_id],
                role=role,
                status=EnrollmentStatus.INVITED,
                invited_by=manager,
                invited_at=dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC),
            )
            for group, role in ((mentees, Role.MENTEE), (mentors, Role.MENTOR))
            for s in group
        ]
    )
    return programme, plan


def load_demo(*, log: Callable[[str], None] = lambda _line: None) -> None:
    """Load (or complete) the demo company; a second call changes nothing.

    The demo replays the programme's life through the same domain functions as the pages;
    the e-mails they send would only flood the console, so they go nowhere.
    """
    # Row-by-row change tracking is off: the audit trail keeps the import, decisions and runs.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        disable_auditlog(),
    ):
        _load_demo(log)


@transaction.atomic
def _load_demo(log: Callable[[str], None]) -> None:
    specs = company_people()
    people = _import_people(log)
    log(f"{len(people)} people in {Department.objects.count()} departments")
    _upsert_users(people, specs)
    manager = User.objects.get(email="manager@example.com")
    programme, plan = _upsert_programme(people, specs, manager)
    if plan:
        _replay_programme(programme=programme, plan=plan, manager=manager, log=log)
    else:
        log(f"programme “{DEMO_PROGRAMME_SLUG}” already loaded")
    second = load_recruiting_programme(
        people=people,
        specs=specs,
        manager=manager,
        keep_out={email for email, _role in DEMO_LOGINS},
        rng=random.Random(SEED + 7),
    )
    changes = load_history(
        programme=programme,
        keep_out={email for email, _role in DEMO_LOGINS},
        rng=random.Random(SEED + 8),
    )
    if changes:
        log(f"HRIS history since the programme started: {changes} leavers and job changes")
    if second is not None:
        log(
            f"programme “{second.slug}”: who has answered, pairs proposed with consent "
            "(some accepted, one declined, some waiting)"
        )


def _replay_programme(*, programme: Programme, plan: dict[str, str], manager: User, log) -> None:
    """The first programme's life, from needs to results."""
    needs = load_mentee_needs(programme=programme, plan=plan, rng=random.Random(SEED + 2))
    load_mentor_applications(
        programme=programme, plan=plan, manager=manager, rng=random.Random(SEED + 3)
    )
    pairs = publish_demo_pairs(programme=programme, manager=manager)
    # Two latecomers answer after publication, so a new run has something to propose.
    late = [eid for eid, step in sorted(plan.items()) if step == "invited"][:2]
    load_mentee_needs(
        programme=programme, plan=dict.fromkeys(late, "needs"), rng=random.Random(SEED + 4)
    )
    log(f"{pairs} pairs published, {len(late)} mentees waiting for a mentor")
    life = load_pair_life(programme=programme, manager=manager, rng=random.Random(SEED + 5))
    log("pairs: " + ", ".join(f"{count} {state}" for state, count in life.items()))
    circle = load_circle(
        programme=programme,
        manager=manager,
        logins=tuple(email for email, _role in DEMO_LOGINS),
    )
    if circle is not None:
        log(f"circle “{circle.name}”: {circle.members.count()} members, a meeting planned")
    finals = load_results(programme=programme, rng=random.Random(SEED + 6))
    swapped = load_reciprocal_phase(programme=programme, manager=manager)
    if swapped is not None:
        log("a pair in its reciprocal phase: the senior now mentors the junior")
    log(f"{finals} final self-assessments")
    log(f"programme “{DEMO_PROGRAMME_SLUG}” ready ({needs} new baseline assessments)")
