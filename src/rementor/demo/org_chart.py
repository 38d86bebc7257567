"""The demo company's organisation chart as plain data: about 300 people in a French company.

Deterministic (seeded), and built before anything touches the database: the demo loads it
through the HRIS import (``rementor.demo.sample`` writes it as the sample CSV) and
``rementor.demo.scale`` grows it with the same names and titles.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from rementor.demo.names import (
    DEPARTMENTS,
    FEMALE_FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
    SITES,
)

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


def feminine_title(title: str) -> str:
    for masculine, feminine in _FEMININE:
        title = title.replace(masculine, feminine)
    return title


def ascii_name(text: str) -> str:
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
            job_title=feminine_title(title) if female else title,
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
        base = f"{ascii_name(first)}.{ascii_name(last)}"
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


def company_people() -> list[PersonSpec]:
    """Everyone in the demo company, top of the chart first (the same list on every call)."""
    return _Company().build()
