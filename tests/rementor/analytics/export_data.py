"""A pair whose data tries every trap an export can fall into: formulas in names and
comments, accents, and notes that must never leave the pair."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rementor.mentoring.models import (
    Concern,
    MentoringSession,
    Objective,
    ObjectiveChange,
    PrivateNote,
    Pulse,
)
from rementor.skills.models import Skill
from tests.rementor.mentoring.factories import make_pair

# Each appears once in the database and must appear in no export or report.
SHARED_MARKER = "SHARED-NOTE-7f3a"
PRIVATE_MARKER = "PRIVATE-NOTE-9c1e"
AGENDA_MARKER = "AGENDA-42bd"
CONCERN_MARKER = "CONCERN-5e0d"
FORMULA = '=HYPERLINK("http://evil.example","x")'


def exported_pair(**kwargs):
    """An active pair with a held and a planned session, notes, pulses and objectives.
    Returns (pair, mentee_user, mentor_user)."""
    pair, mentee_user, mentor_user = make_pair(**kwargs)
    mentee_person = pair.mentee.person
    mentee_person.first_name = FORMULA
    mentee_person.last_name = "Zoé"
    mentee_person.save()
    mentor_person = pair.mentor.person
    mentor_person.first_name = "Éléonore"
    mentor_person.last_name = "Lefèvre"
    mentor_person.save()

    start = timezone.make_aware(dt.datetime(2026, 10, 5, 14, 30), dt.UTC)
    held = MentoringSession.objects.create(
        pair=pair,
        starts_at=start,
        duration_minutes=45,
        status="held",
        agenda=AGENDA_MARKER,
        shared_notes=SHARED_MARKER,
    )
    MentoringSession.objects.create(
        pair=pair, starts_at=start + dt.timedelta(days=21), status="planned"
    )
    PrivateNote.objects.create(session=held, author=mentee_user, text=PRIVATE_MARKER)
    Pulse.objects.create(
        session=held, author=pair.mentee, usefulness=5, comfort=4, comment="-1 point: trop court"
    )
    Pulse.objects.create(session=held, author=pair.mentor, usefulness=4, comfort=5, comment="")
    objective = Objective.objects.create(
        pair=pair,
        owner="mentee",
        title="@Publier sur LinkedIn",
        skill=Skill.objects.get(code="linkedin"),
        status="in_progress",
        progress=40,
        target_date=dt.date(2026, 12, 1),
    )
    ObjectiveChange.objects.create(objective=objective, reason="trop ambitieux")
    ObjectiveChange.objects.create(objective=objective, reason="recentré")
    Objective.objects.create(pair=pair, owner="mentor", title="Animer", area="leadership")
    Concern.objects.create(pair=pair, author=mentor_user, text=CONCERN_MARKER)
    return pair, mentee_user, mentor_user
