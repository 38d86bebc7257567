"""The demo's second programme: next year's wave, made from the shipped template, so a manager
sees who has answered and what is still missing, then pairs proposed with consent (some
accepted, one declined, some waiting: ``proposals.py``); the first programme shows a running
one."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone, translation

from rementor.core.links import site_root
from rementor.demo.mentors import load_mentor_applications
from rementor.demo.needs import load_mentee_needs
from rementor.demo.org_chart import PersonSpec
from rementor.demo.proposals import propose_demo_pairs
from rementor.people.models import Person, User
from rementor.programmes.domain import create_programme
from rementor.programmes.invitations import invite_people
from rementor.programmes.models import (
    Enrollment,
    Programme,
    Role,
)
from rementor.programmes.starting_points import TEMPLATES, add_months, initial_from_template
from rementor.skills.models import Skill

RECRUITING_PROGRAMME_SLUG = "reverse-mentoring-2027"


def load_recruiting_programme(
    *,
    people: dict[str, Person],
    specs: list[PersonSpec],
    manager: User,
    keep_out: set[str],
    rng: random.Random,
) -> Programme | None:
    """Create the second wave once: 18 mentees invited (11 gave their needs), 12 mentors
    invited (8 applied: 6 accepted, 2 waiting for a decision), then recruitment closed and a
    run proposed. None when it already exists."""
    if Programme.objects.filter(slug=RECRUITING_PROGRAMME_SLUG).exists():
        return None
    today = timezone.localdate()
    # Made as a manager makes it from the shipped template (6 sessions over 5 months, both
    # members accept their pair, the template's session plan), in French.
    template = TEMPLATES["reverse-6-sessions"]
    with translation.override("fr"):
        settings = initial_from_template(template, today=today)
    settings.update(
        description=(
            "Deuxième vague : les managers de proximité, accompagnés par de nouveaux mentors, "
            "sur l'IA générative, les données et les réseaux sociaux."
        ),
        start_date=today + dt.timedelta(weeks=8),
        reporting_line_depth=2,
        languages=["fr", "en"],
    )
    settings["end_date"] = add_months(settings["start_date"], template.months)
    programme = create_programme(
        by=manager,
        name="Reverse mentoring 2027 — vague 2",
        slug=RECRUITING_PROGRAMME_SLUG,
        template=template.key,
        skills=Skill.objects.filter(is_active=True),
        **settings,
    )
    # People already in the first wave, and the demo logins (``keep_out``), stay out of it.
    taken = set(Enrollment.objects.values_list("person_id", flat=True))
    free = [s for s in specs if people[s.employee_id].pk not in taken and s.email not in keep_out]
    mentees = rng.sample([s for s in free if s.level in (2, 3)], 18)
    mentors = rng.sample([s for s in free if s.level == 4], 12)
    # Invited the way a manager does it (accounts and links; the demo's e-mails go nowhere),
    # which opens recruiting, confirmed.
    for group, role in ((mentees, Role.MENTEE), (mentors, Role.MENTOR)):
        invite_people(
            programme=programme,
            people=[people[s.employee_id] for s in group],
            role=role,
            by=manager,
            base_url=site_root(),
            open_recruiting=True,
        )
    plan = {s.employee_id: "needs" for s in mentees[:11]}
    plan.update({s.employee_id: "accepted" for s in mentors[:6]})
    plan.update({s.employee_id: "applied" for s in mentors[6:8]})
    load_mentee_needs(programme=programme, plan=plan, rng=rng)
    load_mentor_applications(programme=programme, plan=plan, manager=manager, rng=rng)
    propose_demo_pairs(programme=programme, manager=manager)
    return programme
