"""A realistic, deterministic demo company: about 300 people in a French company.

Everything is keyed by natural keys (employee ID, e-mail, slug) and created only when
missing, so loading the demo twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from rementor.core.demo.life import load_pair_life
from rementor.core.demo.matching import publish_demo_pairs
from rementor.core.demo.mentors import load_mentor_applications
from rementor.core.demo.names import (
    DEPARTMENTS,
    FEMALE_FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
    SITES,
)
from rementor.core.demo.needs import load_mentee_needs
from rementor.core.demo.results import load_results
from rementor.people.importing import apply_import, preview_import
from rementor.people.importing.demo_sample import DEMO_COMPANY_CSV
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
TOTAL_PEOPLE = 300
SEED = 2026

DIRECTOR_TITLES = {
    "FIN": "Directeur administratif et financier",
    "RH": "Directeur des ressources humaines",
    "MKT": "Directeur marketing",
    "VEN": "Directeur commercial",
    "JUR": "Directeur juridique",
    "PROD": "Directeur de production",
    "INFO": "Directeur des systèmes d'information",
    "COM": "Directeur de la communication",
}
_FEMININE = [
    ("Directeur", "Directrice"),
    ("Chargé", "Chargée"),
    ("Alternant", "Alternante"),
    ("Assistant", "Assistante"),
    ("Technicien", "Technicienne"),
    ("Ingénieur", "Ingénieure"),
    ("Commercial ", "Commerciale "),
    ("Développeur", "Développeuse"),
    ("Rédacteur", "Rédactrice"),
    ("financier", "financière"),
    ("général", "générale"),
]


@dataclass
class PersonSpec:
    employee_id: str
    first_name: str
    last_name: str
    female: bool
    job_title: str
    department: str | None
    site: str
    manager_id: str | None
    level: int
    languages: list[str] = field(default_factory=lambda: ["fr"])
    email: str = ""


def _feminine(title: str) -> str:
    for masculine, feminine in _FEMININE:
        title = title.replace(masculine, feminine)
    return title


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in "-")).lower()


class _Company:
    """Builds the organisation chart as plain data before anything touches the database."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.specs: list[PersonSpec] = []
        self.emails: set[str] = set()

    def person(
        self,
        *,
        level: int,
        title: str,
        department: str | None,
        site: str,
        manager: PersonSpec | None,
        name: tuple[str, str, bool] | None = None,
        email: str | None = None,
    ) -> PersonSpec:
        if name is None:
            female = self.rng.random() < 0.5
            first = self.rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
            name = (first, self.rng.choice(LAST_NAMES), female)
        first, last, female = name
        roll = self.rng.random()
        if level <= 2:
            languages = ["fr", "en"] if roll < 0.3 else ["fr"]
        else:
            languages = ["fr"] if roll < 0.8 else (["fr", "en"] if roll < 0.95 else ["en"])
        spec = PersonSpec(
            employee_id=f"{len(self.specs) + 1:06d}",
            first_name=first,
            last_name=last,
            female=female,
            job_title=_feminine(title) if female else title,
            department=department,
            site=site,
            manager_id=manager.employee_id if manager else None,
            level=level,
            languages=languages,
        )
        spec.email = email or self._email(first, last)
        self.emails.add(spec.email)
        self.specs.append(spec)
        return spec

    def _email(self, first: str, last: str) -> str:
        base = f"{_ascii(first)}.{_ascii(last)}"
        candidate, n = f"{base}@example.com", 2
        while candidate in self.emails:
            candidate, n = f"{base}{n}@example.com", n + 1
        return candidate

    def build(self) -> list[PersonSpec]:
        ceo = self.person(
            level=0,
            title="Directeur général",
            department="Direction générale",
            site="Paris",
            manager=None,
            name=("Hélène", "Rousseau", True),
            email="sponsor@example.com",
        )
        leads: list[tuple[PersonSpec, list[str], str]] = []
        for code, dept, team, junior_titles in DEPARTMENTS:
            director = self.person(
                level=1,
                title=DIRECTOR_TITLES[code],
                department=dept,
                site="Paris",
                manager=ceo,
                name=("Philippe", "Garnier", False) if code == "FIN" else None,
                email="mentee@example.com" if code == "FIN" else None,
            )
            for m in range(3):
                is_demo_manager = code == "RH" and m == 0
                manager = self.person(
                    level=2,
                    title="Responsable développement RH"
                    if is_demo_manager
                    else f"Responsable {team.lower()} {m + 1}",
                    department=dept,
                    site="Paris" if m == 0 else self.rng.choice(SITES),
                    manager=director,
                    name=("Claire", "Martin", True) if is_demo_manager else None,
                    email="manager@example.com" if is_demo_manager else None,
                )
                for _ in range(2):
                    lead = self.person(
                        level=3,
                        title=f"Chef d'équipe {team.lower()}",
                        department=dept,
                        site=manager.site,
                        manager=manager,
                    )
                    leads.append((lead, junior_titles, dept))
        # Spread the remaining juniors over the team leads, round robin then at random.
        remaining = TOTAL_PEOPLE - len(self.specs)
        demo_mentor_placed = False
        for i in range(remaining):
            lead, titles, dept = leads[i] if i < len(leads) else self.rng.choice(leads)
            is_demo_mentor = dept == "Marketing" and not demo_mentor_placed
            demo_mentor_placed = demo_mentor_placed or is_demo_mentor
            self.person(
                level=4,
                title="Community manager" if is_demo_mentor else self.rng.choice(titles),
                department=dept,
                site=lead.site if self.rng.random() < 0.85 else self.rng.choice(SITES),
                manager=lead,
                name=("Léa", "Nguyen", True) if is_demo_mentor else None,
                email="mentor@example.com" if is_demo_mentor else None,
            )
        return self.specs


def _import_people(log: Callable[[str], None]) -> dict[str, Person]:
    """The demo company arrives the way a real one does: through the HRIS import, from the
    sample file the import page offers (``people/importing/samples/demo-company.csv``)."""
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
            # Six months in, a month before the end, whenever the demo is loaded: every step,
            # final check-ins included, has something to show.
            "start_date": timezone.localdate() - dt.timedelta(weeks=26),
            "end_date": timezone.localdate() + dt.timedelta(weeks=4),
            "status": ProgrammeStatus.RECRUITING,
            "cadence_weeks": 3,
            "session_minutes": 60,
            "default_mentor_capacity": 1,
            "max_mentor_capacity": 2,
            "reporting_line_depth": 2,
            "languages": ["fr", "en"],
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
    specs = _Company().build()
    people = _import_people(log)
    log(f"{len(people)} people in {Department.objects.count()} departments")
    _upsert_users(people, specs)
    manager = User.objects.get(email="manager@example.com")
    programme, plan = _upsert_programme(people, specs, manager)
    if not plan:
        log(f"programme “{DEMO_PROGRAMME_SLUG}” already loaded")
        return
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
    finals = load_results(programme=programme, rng=random.Random(SEED + 6))
    log(f"{finals} final self-assessments")
    log(f"programme “{DEMO_PROGRAMME_SLUG}” ready ({needs} new baseline assessments)")
