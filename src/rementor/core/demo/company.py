"""A realistic, deterministic demo company: about 300 people in a French company.

Everything is keyed by natural keys (employee ID, e-mail, slug) and created only when
missing, so loading the demo twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from rementor.core.demo.names import (
    DEPARTMENTS,
    FEMALE_FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
    SITES,
)
from rementor.people.models import Department, Person, User
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
    ("manager@example.com", "programme manager (RH)"),
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


def _upsert_people(specs: list[PersonSpec]) -> dict[str, Person]:
    departments = {d.name: d for d in Department.objects.all()}
    by_id: dict[str, Person] = {p.employee_id: p for p in Person.objects.all()}
    for spec in specs:
        if spec.department and spec.department not in departments:
            departments[spec.department], _ = Department.objects.get_or_create(name=spec.department)
        if spec.employee_id in by_id:
            continue
        by_id[spec.employee_id] = Person.objects.create(
            employee_id=spec.employee_id,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=spec.email,
            job_title=spec.job_title,
            department=departments.get(spec.department) if spec.department else None,
            site=spec.site,
            manager=by_id.get(spec.manager_id) if spec.manager_id else None,
            languages=spec.languages,
            time_zone="Europe/Paris",
        )
    return by_id


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


def _upsert_programme(people: dict[str, Person], specs: list[PersonSpec], manager: User) -> None:
    programme, created = Programme.objects.get_or_create(
        slug=DEMO_PROGRAMME_SLUG,
        defaults={
            "name": "Programme de reverse mentoring 2026",
            "description": (
                "Nos jeunes talents accompagnent les membres du comité de direction et "
                "les managers sur les réseaux sociaux, les outils collaboratifs, l'analyse "
                "de données et la culture numérique."
            ),
            "start_date": dt.date(2026, 9, 1),
            "end_date": dt.date(2027, 3, 31),
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
    if created:
        programme.skills.set(Skill.objects.filter(is_active=True))
    if programme.enrollments.exists():
        return
    rng = random.Random(SEED + 1)
    seniors = [s for s in specs if s.level in (1, 2) and s.email != "manager@example.com"]
    juniors = [s for s in specs if s.level == 4]
    mentees = [s for s in seniors if s.email == "mentee@example.com"]
    mentees += rng.sample([s for s in seniors if s not in mentees], 23)
    mentors = [s for s in juniors if s.email == "mentor@example.com"]
    mentors += rng.sample([s for s in juniors if s not in mentors], 29)
    mentee_status = [EnrollmentStatus.ACCEPTED] * 20 + [EnrollmentStatus.INVITED] * 4
    mentor_status = (
        [EnrollmentStatus.ACCEPTED] * 20
        + [EnrollmentStatus.APPLIED] * 6
        + [EnrollmentStatus.DECLINED] * 2
        + [EnrollmentStatus.WITHDRAWN] * 2
    )
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                programme=programme, person=people[s.employee_id], role=Role.MENTEE, status=status
            )
            for s, status in zip(mentees, mentee_status, strict=True)
        ]
        + [
            Enrollment(
                programme=programme, person=people[s.employee_id], role=Role.MENTOR, status=status
            )
            for s, status in zip(mentors, mentor_status, strict=True)
        ]
    )


@transaction.atomic
def load_demo(*, log: Callable[[str], None] = lambda _line: None) -> None:
    """Load (or complete) the demo company; a second call changes nothing."""
    specs = _Company().build()
    people = _upsert_people(specs)
    log(f"{len(people)} people in {Department.objects.count()} departments")
    _upsert_users(people, specs)
    _upsert_programme(people, specs, User.objects.get(email="manager@example.com"))
    log(f"programme “{DEMO_PROGRAMME_SLUG}” ready")
