"""Demo data for step 1: mentees' baseline self-assessments and learning preferences."""

from __future__ import annotations

import random

from rementor.programmes.models import EnrollmentStatus, Mode, Pace, Role, Style
from rementor.skills.domain import ItemInput, submit_baseline

# What seniors of each department most want to learn (skill codes), to give the heat map
# a realistic shape: marketing wants data, finance wants social media and AI, and so on.
DEPARTMENT_FOCUS = {
    "Finance": ["linkedin", "generative_ai", "dashboards", "video_meetings"],
    "RH": ["linkedin", "employer_branding", "young_audiences", "tiktok"],
    "Marketing": ["web_analytics", "data_visualisation", "tiktok", "automation"],
    "Ventes": ["linkedin", "web_analytics", "slack", "generative_ai"],
    "Juridique": ["generative_ai", "online_reputation", "trello", "slack"],
    "Production": ["dashboards", "automation", "video_meetings", "spreadsheets"],
    "Informatique": ["employer_branding", "linkedin", "young_audiences", "content_creation"],
    "Communication": ["tiktok", "instagram", "web_analytics", "information_consumption"],
}
WISHES = [
    "Publier sur LinkedIn sans y passer des heures.",
    "Comprendre ce que regardent nos jeunes clients et comment leur parler.",
    "Lire nos tableaux de bord sans attendre l'équipe data.",
    "Utiliser l'IA générative avec discernement dans mon équipe.",
    "Animer des réunions à distance plus vivantes.",
]
DEMO_MENTEE_NEEDS = {  # mentee@example.com: matched later on LinkedIn and web analytics
    "linkedin": (1, 3, 3),
    "web_analytics": (0, 2, 3),
    "generative_ai": (1, 2, 2),
    "dashboards": (2, 3, 1),
}


def load_mentee_needs(*, programme, plan: dict[str, str], rng: random.Random) -> int:
    """Invited mentees planned to answer submit their baseline and preferences (which makes
    them accepted), as they would on the "My needs" page."""
    skills = list(programme.skills.filter(is_active=True).order_by("pk"))
    created = 0
    enrollments = (
        programme.enrollments.filter(role=Role.MENTEE, status=EnrollmentStatus.INVITED)
        .select_related("person__department", "person__user")
        .order_by("person__employee_id")
    )
    for enrollment in enrollments:
        if plan.get(enrollment.person.employee_id) != "needs":
            continue
        is_demo = getattr(getattr(enrollment.person, "user", None), "email", "") == (
            "mentee@example.com"
        )
        department = enrollment.person.department.name if enrollment.person.department else ""
        focus = DEPARTMENT_FOCUS.get(department, [])
        items = []
        for skill in skills:
            if is_demo:
                level, target, priority = DEMO_MENTEE_NEEDS.get(skill.code, (2, 2, 0))
            else:
                level = rng.choice([0, 1, 1, 2, 2, 3])
                wanted = skill.code in focus or rng.random() < 0.15
                target = min(4, level + rng.choice([1, 2])) if wanted else level
                priority = (3 if skill.code in focus[:2] else rng.choice([1, 2])) if wanted else 0
            items.append(
                ItemInput(skill_id=skill.pk, level=level, target=target, priority=priority)
            )
        submit_baseline(
            enrollment=enrollment,
            items=items,
            wishes=WISHES[0] if is_demo else rng.choice(WISHES),
            pace=Pace.STEADY if is_demo else rng.choice([*Pace.values, ""]),
            style=Style.HANDS_ON if is_demo else rng.choice(Style.values),
            mode=Mode.HYBRID if is_demo else rng.choice(Mode.values),
            slots=[1, 5, 9, 13] if is_demo else sorted(rng.sample(range(20), rng.randint(3, 7))),
            languages=enrollment.person.languages,
        )
        created += 1
    return created
