"""A pair lives its whole life; nothing its members or managers wrote reaches the trail."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from rementor.audit.events import Event
from rementor.matching.models import Pair
from rementor.mentoring import charter, concerns, feedback, lifecycle, objectives, sessions
from rementor.mentoring.models import Concern, MentoringSession, PairCharter, SessionStatus
from tests.factories import client_for
from tests.rementor.audit.helpers import changes_of, events
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db

# Each text is distinctive, so that finding any part of it anywhere is a leak.
TEXTS = {
    "agenda": "Ordre du jour: rédiger le premier carrousel Xylophage",
    "planned_agenda": "Préparer le tableau de bord Quokkafrite",
    "location": "https://visio.example.org/salle-Ornithorynque",
    "shared_notes": "Notes partagées: le directeur a peur de TikTok Zanzibar",
    "private_note": "Note privée: je trouve mon mentoré condescendant Wombatique",
    "concern": "Inquiétude: mon mentor me parle de sa rupture Capybarissime",
    "resolution": "Résolution: appel fait au manager Tamanoir",
    "pulse_mentee": "Séance utile Pangolinesque",
    "pulse_mentor": "Un peu long Axolotlique",
    "idea_title": "Idée Lémurienne",
    "idea_description": "Créer une newsletter interne Gnouesque",
    "objective_title": "Publier sur LinkedIn Okapiesque",
    "objective_criterion": "Trois posts Suricatement",
    "adjust_reason": "Raison: trop ambitieux Narvalien",
    "task_title": "Tâche Fennecoise",
    "task_description": "Description de tâche Dugongique",
    "evidence_note": "Preuve Tatouesque",
    "charter_confidentiality": "Confidentialité Blobfishienne",
    "charter_commitments": "Engagement Zébrulesque",
    "pause_reason": "Pause: hospitalisation Chinchillesque",
    "end_reason": "Fin: démission Kinkajouesque",
}
STORED = ("object_repr", "changes", "changes_text", "additional_data", "serialized_data", "cid")


def _live_a_whole_pair_life(manager) -> Pair:
    pair, mentee_user, mentor_user = make_pair()
    now = timezone.now()
    pair_charter = PairCharter.objects.create(
        pair=pair,
        confidentiality=TEXTS["charter_confidentiality"],
        mentee_commitments=TEXTS["charter_commitments"],
    )
    charter.accept_charter(charter=pair_charter, by=mentee_user)
    charter.accept_charter(charter=pair_charter, by=mentor_user)

    # A past session, logged as held with shared and private notes, then both pulses.
    past = MentoringSession.objects.create(
        pair=pair,
        starts_at=now - dt.timedelta(days=2),
        created_by=mentor_user,
        agenda=TEXTS["agenda"],
        location=TEXTS["location"],
    )
    sessions.log_session(
        session=past,
        by=mentor_user,
        status=SessionStatus.HELD,
        shared_notes=TEXTS["shared_notes"],
        private_note=TEXTS["private_note"],
    )
    past.refresh_from_db()
    feedback.submit_pulse(
        session=past, by=mentee_user, usefulness=5, comfort=4, comment=TEXTS["pulse_mentee"]
    )
    feedback.submit_pulse(
        session=past, by=mentor_user, usefulness=3, comfort=5, comment=TEXTS["pulse_mentor"]
    )
    # A future session through the page, cancelled later when the pair ends.
    member = client_for(mentor_user)
    starts = timezone.localtime(now + dt.timedelta(days=10))
    response = member.post(
        reverse("mentoring:plan_session", args=[pair.pk]),
        {
            "date": starts.strftime("%Y-%m-%d"),
            "time": starts.strftime("%H:%M"),
            "time_zone": "Europe/Paris",
            "duration_minutes": 60,
            "mode": "remote",
            "location": TEXTS["location"],
            "agenda": TEXTS["planned_agenda"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    objective = objectives.add_objective(
        pair=pair,
        by=mentee_user,
        owner="mentee",
        title=TEXTS["objective_title"],
        skill=pair.programme.skills.order_by("pk").first(),
        success_criterion=TEXTS["objective_criterion"],
    )
    objectives.adjust_objective(
        objective=objective,
        by=mentor_user,
        reason=TEXTS["adjust_reason"],
        title=TEXTS["objective_title"] + " (2)",
        success_criterion=TEXTS["objective_criterion"],
        target_date=None,
        status=objective.status,
        progress=50,
    )
    task = objectives.add_task(
        pair=pair, by=mentee_user, title=TEXTS["task_title"], description=TEXTS["task_description"]
    )
    objectives.add_evidence(task=task, by=mentee_user, note=TEXTS["evidence_note"])
    concerns.log_idea(
        pair=pair, by=mentor_user, title=TEXTS["idea_title"], description=TEXTS["idea_description"]
    )

    # A concern, read and resolved by the manager through the pages.
    concern = concerns.raise_concern(pair=pair, by=mentee_user, text=TEXTS["concern"])
    desk = client_for(manager)
    assert desk.get(reverse("mentoring:concern_detail", args=[concern.pk])).status_code == 200
    desk.post(
        reverse("mentoring:concern_resolve", args=[concern.pk]), {"note": TEXTS["resolution"]}
    )
    # Pause and resume through the page (reason typed), then end with a reason.
    desk.post(
        reverse("mentoring:pair_status", args=[pair.pk]),
        {"move": "pause", "reason": TEXTS["pause_reason"]},
    )
    lifecycle.resume_pair(pair=pair, by=mentee_user)
    lifecycle.end_pair(pair=pair, by=manager, reason=TEXTS["end_reason"])
    return pair


def test_a_whole_pair_life_leaves_no_typed_text_in_the_trail(manager):
    pair = _live_a_whole_pair_life(manager)

    # The life did happen, and the trail saw it...
    pair.refresh_from_db()
    assert pair.status == "ended"
    assert pair.concerns.get().status == "resolved"
    assert events(Event.SENSITIVE_READ)
    statuses = [e.changes.get("status") for e in changes_of(Pair, pair) if e.changes]
    assert ["active", "paused"] in statuses and ["active", "ended"] in statuses
    assert pair.sessions.filter(status=SessionStatus.CANCELLED).count() == 1
    assert len(changes_of(MentoringSession)) >= 3  # created twice, logged, cancelled
    assert changes_of(Concern)

    # ... and holds none of what anyone wrote, not even a word of it.
    stored = " ".join(str(value) for row in LogEntry.objects.values_list(*STORED) for value in row)
    for name, text in TEXTS.items():
        assert text not in stored, name
        assert text.split()[-1] not in stored, name


def test_the_trail_page_after_a_pair_life_shows_no_typed_text(manager):
    _live_a_whole_pair_life(manager)
    page = client_for(manager).get(reverse("audit:trail"), {"page": 1}).content.decode()
    for name, text in TEXTS.items():
        assert text.split()[-1] not in page, name
