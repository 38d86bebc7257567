"""Demo data for step 2: mentor applications, reviews and decisions, through the same domain
functions as the pages (so scores and statuses are exactly what a manager would get)."""

from __future__ import annotations

import random

from rementor.programmes.models import Mode, Pace, Role, Style
from rementor.selection.domain import (
    decide_application,
    save_review,
    submit_application,
    withdraw_application,
)
from rementor.skills.domain import ItemInput

EVIDENCE = {
    "linkedin": "J'anime la page LinkedIn de mon équipe (2 posts par semaine).",
    "instagram": "Je gère le compte Instagram de notre association.",
    "tiktok": "Mes vidéos de vulgarisation dépassent 10 000 vues.",
    "web_analytics": "Certification Google Analytics 4, tableaux de suivi du site.",
    "dashboards": "J'ai construit le tableau de bord commercial mensuel.",
    "generative_ai": "J'utilise les assistants d'IA au quotidien et j'ai animé un atelier.",
    "automation": "J'ai automatisé nos relances clients sans code.",
}
MOTIVATIONS = [
    "J'aime expliquer et je crois que nos dirigeants gagneraient du temps avec les bons outils.",
    "Former un senior est une belle façon de mieux comprendre l'entreprise.",
    "Je veux développer ma pédagogie et ma prise de parole.",
    "Les réseaux sociaux sont mon quotidien : autant en faire profiter l'entreprise.",
]
DEMO_MENTOR_LEVELS = {"linkedin": 4, "web_analytics": 4, "generative_ai": 3, "tiktok": 3}
DECLINE_REASONS = [
    "Profil très intéressant, mais les besoins de cette promotion portent sur d'autres "
    "compétences. Nous reviendrons vers vous pour la prochaine.",
]


def load_mentor_applications(
    *, programme, plan: dict[str, str], manager, rng: random.Random
) -> None:
    skills = list(programme.skills.filter(is_active=True).order_by("pk"))
    enrollments = (
        programme.enrollments.filter(role=Role.MENTOR)
        .select_related("person__user")
        .order_by("person__employee_id")
    )
    for n, enrollment in enumerate(enrollments):
        outcome = plan.get(enrollment.person.employee_id)
        if outcome is None:
            continue
        person = enrollment.person
        is_demo = getattr(getattr(person, "user", None), "email", "") == "mentor@example.com"
        strong = set(rng.sample([s.code for s in skills], 5))
        items = []
        for skill in skills:
            if is_demo:
                level = DEMO_MENTOR_LEVELS.get(skill.code, 1)
            else:
                level = rng.choice([3, 4]) if skill.code in strong else rng.choice([0, 1, 1, 2])
            evidence = EVIDENCE.get(skill.code, "Je l'utilise chaque jour dans mon travail.")
            items.append(
                ItemInput(skill_id=skill.pk, level=level, evidence=evidence if level >= 2 else "")
            )
        application = submit_application(
            programme=programme,
            person=person,
            motivation=MOTIVATIONS[n % len(MOTIVATIONS)],
            commitment=rng.choice([1, 2, 2, 3]),
            capacity=2 if n % 7 == 3 else 1,
            items=items,
            preferences={
                "pace": Pace.STEADY if is_demo else rng.choice(Pace.values),
                "style": Style.HANDS_ON if is_demo else rng.choice(Style.values),
                "mode": Mode.HYBRID if is_demo else rng.choice(Mode.values),
                "slots": [1, 5, 9, 17] if is_demo else sorted(rng.sample(range(20), 5)),
                "languages": person.languages,
            },
        )
        if outcome == "withdrawn":
            withdraw_application(enrollment=application.enrollment)
            continue
        if outcome in ("accepted", "declined") or n % 2 == 0:
            save_review(
                application=application,
                reviewer=manager,
                clarity=rng.randint(3, 5),
                listening=rng.randint(3, 5),
                adaptability=rng.randint(2, 5),
                willingness=rng.randint(3, 5),
                comment="Entretien de 20 minutes : à l'aise, exemples concrets.",
            )
        if outcome == "accepted":
            decide_application(application=application, by=manager, decision="accepted")
        elif outcome == "declined":
            decide_application(
                application=application,
                by=manager,
                decision="declined",
                reason=DECLINE_REASONS[0],
            )
