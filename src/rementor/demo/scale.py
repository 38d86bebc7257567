"""The demo company grown to N people, for load tests: ``python -m rementor demo --people N``.

On top of the regular demo (loaded first, unchanged), generated employees fill the
departments and sites of a large French company, and the demo programme gets a few hundred
more pairs with their life so far: trained, charter signed, sessions every three weeks with
shared notes and pulses, objectives, mid-term and final check-ins, some ideas, some pairs at
risk and a few ended early. Everything is written with ``bulk_create`` (a few seconds for
5,000 people), deterministically (seeded), and only once: when generated people already
exist, nothing is added.

Sign-in accounts for load tests (password ``rementor-demo``, as for the demo logins; the
command prints how many): ``manager-001@example.com`` ... (programme managers) and, for the
generated pairs, ``mentee-0001@example.com`` / ``mentor-0001@example.com`` ... (pair 1, 2,
...). One password hash is computed once and shared: hashing it per account would take
minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from rementor.demo.company import DEMO_PASSWORD, DEMO_PROGRAMME_SLUG
from rementor.demo.life import IDEAS, PRIVATE_NOTES, SHARED_NOTES
from rementor.demo.names import (
    DEPARTMENTS,
    FEMALE_FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
    SITES,
)
from rementor.demo.needs import DEPARTMENT_FOCUS, WISHES
from rementor.demo.org_chart import ascii_name, feminine_title
from rementor.matching.models import Pair
from rementor.mentoring.charter import EDITABLE_FIELDS
from rementor.mentoring.models import (
    CheckIn,
    Concern,
    Idea,
    MentoringSession,
    Objective,
    PairCharter,
    PrivateNote,
    Pulse,
)
from rementor.people.models import Department, Person, User, name_sort_key
from rementor.programmes.models import Enrollment, Mode, Pace, Programme, Role, Style
from rementor.skills.models import Assessment, AssessmentItem
from rementor.training.models import TrainingCompletion, TrainingModule

SEED = 5000
BATCH = 2000
MANAGER_EMAIL = "manager-{:03d}@example.com"
MENTEE_EMAIL = "mentee-{:04d}@example.com"
MENTOR_EMAIL = "mentor-{:04d}@example.com"
# Departments a company of thousands has on top of the demo's eight (code, name, team,
# junior titles), and the relative size of every department.
MORE_DEPARTMENTS = [
    ("ACH", "Achats", "Achats", ["Acheteur junior", "Assistant achats", "Alternant achats"]),
    (
        "LOG",
        "Logistique",
        "Supply chain",
        ["Technicien logistique", "Planificateur", "Alternant logistique"],
    ),
    ("QUA", "Qualité", "Qualité", ["Technicien qualité", "Auditeur junior", "Alternant qualité"]),
    (
        "SC",
        "Service client",
        "Relation client",
        ["Conseiller client", "Chargé de relation client", "Alternant relation client"],
    ),
    (
        "RD",
        "Recherche et développement",
        "Innovation",
        ["Ingénieur R&D junior", "Data scientist", "Alternant R&D"],
    ),
]
SIZE = {"Production": 5, "Ventes": 4, "Service client": 4, "Logistique": 3, "Informatique": 2}
MORE_SITES = ["Marseille", "Strasbourg", "Rennes"]
# Of the generated pairs: status shares, and how many went quiet (at risk).
PAIR_STATUSES = ["active"] * 90 + ["paused"] * 4 + ["ended"] * 4 + ["completed"] * 2
CHARTER_FALLBACK = "Ce qui se dit dans notre binôme reste dans notre binôme."


@dataclass(frozen=True)
class ScaleReport:
    people: int
    pairs: int
    managers: int
    sessions: int
    pulses: int


def _sizes(people: int) -> tuple[int, int]:
    """Programme-manager accounts and the most pairs to generate for ``people`` employees
    (fewer pairs when there are not enough senior people to mentor)."""
    extra = max(0, people - 300)
    return min(80, max(2, extra // 60)), extra // 12


class _Names:
    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self.rng = rng
        self.taken = taken

    def pick(self) -> tuple[str, str, bool]:
        female = self.rng.random() < 0.5
        first = self.rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
        return first, self.rng.choice(LAST_NAMES), female

    def email(self, first: str, last: str) -> str:
        base = f"{ascii_name(first)}.{ascii_name(last)}"
        candidate, n = f"{base}@example.com", 2
        while candidate in self.taken:
            candidate, n = f"{base}{n}@example.com", n + 1
        self.taken.add(candidate)
        return candidate


class _People:
    """Generated employees, one level of the organisation chart at a time (managers need
    their manager's primary key, so each level is one ``bulk_create``)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = _Names(
            rng, {e.lower() for e in Person.objects.values_list("email", flat=True) if e}
        )
        ids = Person.objects.values_list("employee_id", flat=True)
        self.next_id = 1 + max((int(e) for e in ids if e.isdigit()), default=0)
        self.sites = SITES + MORE_SITES

    def build(self, specs: list[dict]) -> list[Person]:
        people = []
        for spec in specs:
            first, last, female = spec.pop("name", None) or self.names.pick()
            title = spec.pop("title")
            roll = self.rng.random()
            if spec.pop("senior"):
                languages = ["fr", "en"] if roll < 0.3 else ["fr"]
            else:
                languages = ["fr"] if roll < 0.8 else (["fr", "en"] if roll < 0.95 else ["en"])
            email = spec.pop("email", None) or self.names.email(first, last)
            self.names.taken.add(email)
            people.append(
                Person(
                    employee_id=f"{self.next_id:06d}",
                    first_name=first,
                    last_name=last,
                    # bulk_create skips Person.save, which keeps the key lists sort by.
                    sort_name=name_sort_key(last, first),
                    email=email,
                    job_title=feminine_title(title) if female else title,
                    languages=languages,
                    **spec,
                )
            )
            self.next_id += 1
        return Person.objects.bulk_create(people, batch_size=BATCH)


def _org_chart(rng: random.Random, extra: int, managers: int) -> dict[str, list[Person]]:
    """``extra`` employees in the demo's departments and five more, four levels below the CEO,
    of whom ``managers`` are the HR programme team (the load tests' manager accounts)."""
    ceo = Person.objects.get(employee_id="000001")
    departments = {d.name: d for d in Department.objects.all()}
    for code, name, _team, _titles in MORE_DEPARTMENTS:
        if name not in departments:
            departments[name] = Department.objects.create(name=name, code=code)
    layout = DEPARTMENTS + MORE_DEPARTMENTS
    weights = [SIZE.get(name, 1) for _code, name, _team, _titles in layout]
    # The programme team is counted apart: every department gets its share of the others.
    share = [(extra - managers) * w // sum(weights) for w in weights]
    share[0] += extra - managers - sum(share)
    people = _People(rng)
    # Level 1: the existing directors, and one for each new department.
    directors = {
        p.department.name: p
        for p in Person.objects.filter(manager=ceo).select_related("department")
    }
    missing = [
        (name, n)
        for (_c, name, _t, _j), n in zip(layout, share, strict=True)
        if name not in directors
    ]
    created = people.build(
        [
            {
                "title": f"Directeur {name.lower()}",
                "department": departments[name],
                "site": "Paris",
                "manager": ceo,
                "senior": True,
            }
            for name, _n in missing
        ]
    )
    directors.update({p.department.name: p for p in created})
    left = dict(zip([name for _c, name, _t, _j in layout], share, strict=True))
    for name, _n in missing:
        left[name] -= 1
    # Level 2 and 3: a manager for about a hundred people, a team lead for about eleven.
    level2, level3, juniors = [], [], []
    for code, name, team, titles in layout:
        n = left[name]
        n_managers = max(1, n // 100)
        n_leads = max(1, n // 11)
        level2 += [
            {
                "title": f"Responsable {team.lower()} {m + 4}",
                "department": departments[name],
                "site": "Paris" if m == 0 else rng.choice(people.sites),
                "manager": directors[name],
                "senior": True,
            }
            for m in range(n_managers)
        ]
        juniors.append((code, name, team, titles, n_leads, n - n_managers - n_leads))
    level2_people = people.build(level2)
    by_department: dict[str, list[Person]] = {}
    for person in level2_people:
        by_department.setdefault(person.department.name, []).append(person)
    for _code, name, team, _titles, n_leads, _n in juniors:
        for _ in range(n_leads):
            boss = rng.choice(by_department[name])
            level3.append(
                {
                    "title": f"Chef d'équipe {team.lower()}",
                    "department": departments[name],
                    "site": boss.site,
                    "manager": boss,
                    "senior": True,
                }
            )
    level3_people = people.build(level3)
    leads: dict[str, list[Person]] = {}
    for person in level3_people:
        leads.setdefault(person.department.name, []).append(person)
    # The programme team: HR people reporting to an HR manager.
    hr_boss = by_department["RH"][0]
    team = [
        {
            "title": "Chargé de programme de mentorat",
            "department": departments["RH"],
            "site": hr_boss.site,
            "manager": hr_boss,
            "senior": False,
            "email": MANAGER_EMAIL.format(m + 1),
        }
        for m in range(managers)
    ]
    level4 = []
    for _code, name, _team, titles, _n_leads, n in juniors:
        for _ in range(n):
            lead = rng.choice(leads[name])
            level4.append(
                {
                    "title": rng.choice(titles),
                    "department": departments[name],
                    "site": lead.site if rng.random() < 0.85 else rng.choice(people.sites),
                    "manager": lead,
                    "senior": False,
                }
            )
    return {
        "seniors": level2_people + level3_people,
        "team": people.build(team),
        "juniors": people.build(level4),
    }


def _at(days: float, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=int(days))
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def _accounts(rng, team, mentees, mentors, password) -> dict[int, User]:
    users = [
        User(email=p.email, person=p, is_programme_manager=True, password=password) for p in team
    ]
    for n, (mentee, mentor) in enumerate(zip(mentees, mentors, strict=True), start=1):
        for person, email in ((mentee, MENTEE_EMAIL), (mentor, MENTOR_EMAIL)):
            person.email = email.format(n)
            users.append(
                User(
                    email=person.email,
                    person=person,
                    password=password,
                    language="en" if person.languages == ["en"] else "fr",
                )
            )
    Person.objects.bulk_update(mentees + mentors, ["email"], batch_size=BATCH)
    return {u.person_id: u for u in User.objects.bulk_create(users, batch_size=BATCH)}


def _enrol(programme, manager, rng, mentees, mentors, waiting) -> dict[int, Enrollment]:
    def prefs():
        return {
            "pace": rng.choice(Pace.values),
            "style": rng.choice(Style.values),
            "mode": rng.choice(Mode.values),
            "slots": sorted(rng.sample(range(20), rng.randint(3, 7))),
        }

    invited = _at(-190, 9)
    rows = [
        Enrollment(
            programme=programme,
            person=p,
            role=role,
            status=status,
            invited_by=manager,
            invited_at=invited,
            **prefs(),
        )
        for group, role, status in (
            (mentees, Role.MENTEE, "accepted"),
            (mentors, Role.MENTOR, "accepted"),
            (waiting, Role.MENTEE, "invited"),
        )
        for p in group
    ]
    return {e.person_id: e for e in Enrollment.objects.bulk_create(rows, batch_size=BATCH)}


def _assess(rng, programme, mentees, mentors, skills) -> None:
    """Mentees' baselines (their department's focus first), mentors' proficiency."""
    submitted = _at(-180)
    baselines = Assessment.objects.bulk_create(
        [
            Assessment(
                enrollment=e, kind="baseline", wishes=rng.choice(WISHES), submitted_at=submitted
            )
            for e in mentees
        ]
        + [Assessment(enrollment=e, kind="mentor", submitted_at=submitted) for e in mentors],
        batch_size=BATCH,
    )
    items = []
    for assessment in baselines:
        enrollment = assessment.enrollment
        if assessment.kind == "baseline":
            focus = DEPARTMENT_FOCUS.get(enrollment.person.department.name, [])
            for skill in skills:
                level = rng.choice([0, 1, 1, 2, 2, 3])
                wanted = skill.code in focus or rng.random() < 0.15
                items.append(
                    AssessmentItem(
                        assessment=assessment,
                        skill=skill,
                        level=level,
                        target=min(4, level + rng.choice([1, 2])) if wanted else level,
                        priority=(3 if skill.code in focus[:2] else rng.choice([1, 2]))
                        if wanted
                        else 0,
                    )
                )
        else:
            strong = set(rng.sample([s.code for s in skills], 5))
            for skill in skills:
                level = rng.choice([3, 4]) if skill.code in strong else rng.choice([0, 1, 1, 2])
                evidence = "Je l'utilise chaque jour dans mon travail." if level >= 2 else ""
                items.append(
                    AssessmentItem(
                        assessment=assessment, skill=skill, level=level, evidence=evidence
                    )
                )
    AssessmentItem.objects.bulk_create(items, batch_size=BATCH)


def _pair_life(rng, programme, manager, pairs, users, skills) -> tuple[int, int]:
    """Training, charters, sessions with notes and pulses, objectives, check-ins, ideas."""
    modules = list(TrainingModule.objects.filter(programme=programme))
    template = PairCharter.objects.filter(pair__programme=programme).first()
    charter_text = (
        {f: getattr(template, f) for f in EDITABLE_FIELDS}
        if template
        else {"confidentiality": CHARTER_FALLBACK}
    )
    by_code = {s.code: s for s in skills}
    completions, charters, sessions, objectives, check_ins, ideas, concerns = ([] for _ in range(7))
    plan: list[tuple[MentoringSession, Pair]] = []
    for n, pair in enumerate(pairs):
        mentee_user, mentor_user = users[pair.mentee.person_id], users[pair.mentor.person_id]
        for enrollment in (pair.mentee, pair.mentor):
            completions += [
                TrainingCompletion(
                    module=m, enrollment=enrollment, quiz_score=rng.choice([80, 100])
                )
                for m in modules
                if m.audience in ("both", enrollment.role) and rng.random() < 0.9
            ]
        charters.append(
            PairCharter(
                pair=pair,
                mentee_accepted_at=pair.created_at + dt.timedelta(days=3),
                mentor_accepted_at=pair.created_at + dt.timedelta(days=2),
                **charter_text,
            )
        )
        started = (pair.created_at - timezone.now()).days
        quiet = pair.status == "active" and n % 12 == 5  # at risk: nothing for 40+ days
        last = -rng.randint(40, 70) if quiet else -rng.randint(3, 20)
        if pair.status == "ended":
            last = started + 30
        for days in range(started + 7, last + 1, 21):
            session = MentoringSession(
                pair=pair,
                starts_at=_at(days, rng.choice([9, 10, 14, 16])),
                duration_minutes=programme.session_minutes,
                location="Teams",
                status="held" if rng.random() < 0.93 else "cancelled",
                shared_notes=rng.choice(SHARED_NOTES),
                created_by=mentor_user,
                logged_by=mentor_user,
            )
            session.logged_at = session.starts_at + dt.timedelta(hours=2)
            sessions.append(session)
            plan.append((session, pair))
        if pair.status == "active":
            sessions.append(
                MentoringSession(
                    pair=pair,
                    starts_at=_at(rng.randint(2, 20), 10),
                    duration_minutes=programme.session_minutes,
                    location="Salle Bastille",
                    mode="in_person",
                    created_by=mentee_user,
                )
            )
        skill = by_code.get((pair.covered_skills or [""])[0]) or skills[0]
        objectives += [
            Objective(
                pair=pair,
                owner="mentee",
                title=f"Devenir autonome : {skill.name_fr}",
                skill=skill,
                success_criterion="Le faire seul, sans aide, deux semaines de suite.",
                progress=rng.choice([20, 40, 60, 80, 100]),
                status=rng.choice(["in_progress", "in_progress", "achieved"]),
                created_by=mentee_user,
            ),
            Objective(
                pair=pair,
                owner="mentor",
                title="Expliquer sans jargon",
                area=rng.choice(["communication", "pedagogy", "leadership"]),
                progress=rng.choice([20, 50, 80]),
                status="in_progress",
                created_by=mentor_user,
            ),
        ]
        if pair.status != "ended" and not quiet and started < -60:
            kinds = ["midterm"] + (["final"] if n % 5 < 2 else [])
            check_ins += [
                CheckIn(
                    pair=pair,
                    author=enrollment,
                    kind=kind,
                    progress=rng.choice([3, 4, 4, 5]),
                    relationship=rng.choice([4, 5]),
                    pace=rng.choice([3, 4, 5]),
                    recommend=rng.choice([6, 8, 9, 9, 10, 10]),
                )
                for kind in kinds
                for enrollment in (pair.mentee, pair.mentor)
            ]
        if n % 10 == 3:
            _department, title, description = IDEAS[n % len(IDEAS)]
            ideas.append(
                Idea(
                    pair=pair,
                    author=mentor_user,
                    title=title,
                    description=description,
                    department=pair.mentee.person.department,
                )
            )
        if quiet and n % 24 == 5:
            concerns.append(
                Concern(pair=pair, author=mentor_user, text="Nos séances sont souvent reportées.")
            )
    TrainingCompletion.objects.bulk_create(completions, batch_size=BATCH)
    PairCharter.objects.bulk_create(charters, batch_size=BATCH)
    MentoringSession.objects.bulk_create(sessions, batch_size=BATCH)
    Objective.objects.bulk_create(objectives, batch_size=BATCH)
    CheckIn.objects.bulk_create(check_ins, batch_size=BATCH)
    Idea.objects.bulk_create(ideas, batch_size=BATCH)
    Concern.objects.bulk_create(concerns, batch_size=BATCH)
    worked, pulses, notes = [], [], []
    through = MentoringSession.skills.through
    for session, pair in plan:
        if session.status != "held":
            continue
        for code in (pair.covered_skills or [])[:1]:
            worked.append(through(mentoringsession_id=session.pk, skill_id=by_code[code].pk))
        low = pair.pk % 17 == 0  # a few pairs' pulses are low: at risk too
        for enrollment in (pair.mentee, pair.mentor):
            if rng.random() < 0.85:
                pulse = Pulse(
                    session=session,
                    author=enrollment,
                    usefulness=2 if low else rng.choice([3, 4, 4, 5, 5]),
                    comfort=2 if low else rng.choice([4, 4, 5, 5]),
                    comment="Très concret." if rng.random() < 0.2 else "",
                )
                # Half the comments shared with the programme team, half private (no draw:
                # the random sequence, hence the rest of the demo, stays the same).
                pulse.comment_shared = bool(pulse.comment) and session.pk % 2 == 0
                pulses.append(pulse)
        if rng.random() < 0.3:
            notes.append(
                PrivateNote(
                    session=session,
                    author=users[pair.mentee.person_id],
                    text=rng.choice(PRIVATE_NOTES),
                )
            )
    through.objects.bulk_create(worked, batch_size=BATCH)
    Pulse.objects.bulk_create(pulses, batch_size=BATCH)
    PrivateNote.objects.bulk_create(notes, batch_size=BATCH)
    return len(sessions), len(pulses)


def _finals(rng, pairs, skills) -> None:
    """Final self-assessments of the mentees whose pair answered the final check-in."""
    done = set(CheckIn.objects.filter(pair__in=pairs, kind="final").values_list("pair", flat=True))
    mentees = [p.mentee for p in pairs if p.pk in done]
    finals = Assessment.objects.bulk_create(
        [Assessment(enrollment=e, kind="final", submitted_at=_at(-5)) for e in mentees],
        batch_size=BATCH,
    )
    baseline = {
        (item.assessment.enrollment_id, item.skill_id): item
        for item in AssessmentItem.objects.filter(
            assessment__enrollment__in=mentees, assessment__kind="baseline"
        ).select_related("assessment")
    }
    items = []
    for final in finals:
        for skill in skills:
            before = baseline[(final.enrollment_id, skill.pk)]
            target = before.target if before.target is not None else before.level
            level = min(4, max(before.level, min(target, before.level + rng.choice([0, 1, 1, 2]))))
            items.append(
                AssessmentItem(
                    assessment=final,
                    skill=skill,
                    level=level,
                    target=target,
                    priority=before.priority,
                )
            )
    AssessmentItem.objects.bulk_create(items, batch_size=BATCH)


def scale_demo(
    *, people: int, log: Callable[[str], None] = lambda _line: None
) -> ScaleReport | None:
    """Grow the loaded demo to ``people`` employees with more pairs in the demo programme.

    Runs once: returns None (and changes nothing) when the company already has generated
    people or at least ``people`` employees.
    """
    with disable_auditlog():  # as for the demo: no row-by-row change tracking of generated data
        report = _scale(people, log)
    if report is not None and connection.vendor == "postgresql":
        # Fresh statistics: planned on the empty tables' estimates, the dashboard's
        # aggregates take seconds instead of milliseconds until autovacuum catches up.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return report


@transaction.atomic
def _scale(people: int, log: Callable[[str], None]) -> ScaleReport | None:
    existing = Person.objects.count()
    if User.objects.filter(email=MANAGER_EMAIL.format(1)).exists() or existing >= people:
        log(f"{existing} people already: nothing to add")
        return None
    rng = random.Random(SEED)
    managers, n_pairs = _sizes(people)
    chart = _org_chart(rng, people - existing, managers)
    seniors, juniors = chart["seniors"], chart["juniors"]
    n_pairs = min(n_pairs, len(seniors) * 3 // 4, len(juniors))
    mentee_people = rng.sample(seniors, n_pairs)
    mentor_people = rng.sample(juniors, n_pairs)
    paired = set(mentee_people)
    unpaired = [p for p in seniors if p not in paired]
    waiting = rng.sample(unpaired, min(len(unpaired), n_pairs // 5))
    password = make_password(DEMO_PASSWORD)
    users = _accounts(rng, chart["team"], mentee_people, mentor_people, password)

    programme = Programme.objects.get(slug=DEMO_PROGRAMME_SLUG)
    manager = User.objects.get(email="manager@example.com")
    skills = list(programme.skills.filter(is_active=True).order_by("pk"))
    enrollments = _enrol(programme, manager, rng, mentee_people, mentor_people, waiting)
    mentees = [enrollments[p.pk] for p in mentee_people]
    mentors = [enrollments[p.pk] for p in mentor_people]
    _assess(rng, programme, mentees, mentors, skills)

    focus_codes = [s.code for s in skills]
    pairs = Pair.objects.bulk_create(
        [
            Pair(
                programme=programme,
                mentee=mentee,
                mentor=mentor,
                place=1,
                mentor_capacity=1,
                covered_skills=rng.sample(focus_codes, 2),
                status=rng.choice(PAIR_STATUSES),
                created_by=manager,
            )
            for mentee, mentor in zip(mentees, mentors, strict=True)
        ],
        batch_size=BATCH,
    )
    # Most pairs started with the demo's (168 days ago), the last tenth ten days ago.
    recent = {p.pk for p in pairs[-(len(pairs) // 10) :]} if len(pairs) >= 10 else set()
    for pair in pairs:
        pair.created_at = _at(-10 if pair.pk in recent else -168)
        if pair.status in ("ended", "completed"):
            pair.ended_at = _at(-100 if pair.status == "ended" else -3)
            pair.status_reason = "Changement de poste." if pair.status == "ended" else ""
    Pair.objects.bulk_update(pairs, ["created_at", "ended_at", "status_reason"], batch_size=BATCH)
    sessions, pulses = _pair_life(rng, programme, manager, pairs, users, skills)
    _finals(rng, pairs, skills)
    report = ScaleReport(
        people=Person.objects.count(),
        pairs=len(pairs),
        managers=managers,
        sessions=sessions,
        pulses=pulses,
    )
    log(
        f"scaled to {report.people} people in {Department.objects.count()} departments: "
        f"{report.pairs} more pairs, {sessions} sessions, {pulses} pulses"
    )
    return report
