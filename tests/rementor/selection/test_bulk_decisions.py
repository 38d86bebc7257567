"""Deciding several mentor candidates at once, with one shared reason: all or none."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from rementor.audit.events import Event
from rementor.programmes.models import EnrollmentStatus
from rementor.selection.models import MentorDecision
from tests.factories import UserFactory, client_for
from tests.rementor.selection.factories import candidate, recruiting_with_one_skill

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def pool(programme):
    recruiting_with_one_skill(programme)
    return [candidate(programme, user=UserFactory()) for _ in range(3)]


def _post(manager, programme, applications, **extra):
    data = {
        "application": [str(a.pk) for a in applications],
        "decision": "declined",
        "reason": "Les besoins portent sur d'autres compétences.",
        "confirm": "on",
        **extra,
    }
    return client_for(manager).post(
        reverse("selection:decide_many", args=[programme.slug]), data, follow=True
    )


@pytest.mark.django_db
def test_bulk_decline_decides_each_and_emails_each(
    programme, pool, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(manager, programme, pool[:2])
    assert "2 décisions enregistrées" in response.content.decode()
    statuses = [a.enrollment.__class__.objects.get(pk=a.enrollment.pk).status for a in pool]
    assert statuses == ["declined", "declined", "applied"]
    assert MentorDecision.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        a.enrollment.person.user.email for a in pool[:2]
    )
    assert all("d'autres compétences" in m.body for m in mail.outbox)
    from auditlog.models import LogEntry

    events = LogEntry.objects.filter(additional_data__event=Event.MENTOR_DECISION)
    assert events.count() == 2


@pytest.mark.django_db
def test_an_already_decided_candidate_stops_everything_and_is_named(
    programme, pool, manager, django_capture_on_commit_callbacks
):
    decided = pool[2]
    decided.enrollment.status = EnrollmentStatus.ACCEPTED
    decided.enrollment.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(manager, programme, pool)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="bulk-errors"' in body
    assert decided.enrollment.person.full_name in body and "candidature déjà retenue" in body
    # Nothing changed, nobody was e-mailed, and what was typed and ticked is kept.
    assert not MentorDecision.objects.exists()
    assert [a.enrollment.__class__.objects.get(pk=a.enrollment.pk).status for a in pool[:2]] == [
        "applied",
        "applied",
    ]
    assert mail.outbox == []
    assert "d&#x27;autres compétences" in body
    for application in pool[:2]:
        assert f'value="{application.pk}" id="application-{application.pk}" checked' in body


@pytest.mark.django_db
def test_refusal_is_named_in_english_too(programme, pool, manager):
    decided = pool[0]
    decided.enrollment.status = EnrollmentStatus.DECLINED
    decided.enrollment.save()
    response = client_for(manager).post(
        reverse("selection:decide_many", args=[programme.slug]),
        {"application": [str(decided.pk)], "decision": "accepted", "confirm": "on"},
        **EN,
    )
    body = response.content.decode()
    assert "Nothing was decided" in body and "already declined" in body


@pytest.mark.django_db
def test_a_withdrawn_candidate_is_counted_without_naming_them(programme, pool, manager):
    gone = pool[0]
    gone.enrollment.status = EnrollmentStatus.WITHDRAWN
    gone.enrollment.save()
    body = _post(manager, programme, pool[:2]).content.decode()
    assert "ne fait plus partie des candidats" in body
    assert not MentorDecision.objects.exists()


@pytest.mark.django_db
def test_declining_without_a_reason_or_confirmation_decides_nothing(programme, pool, manager):
    body = _post(manager, programme, pool[:1], reason="").content.decode()
    assert 'data-testid="bulk-errors"' in body
    body = _post(manager, programme, pool[:1], confirm="").content.decode()
    assert 'data-testid="bulk-errors"' in body
    assert not MentorDecision.objects.exists()


@pytest.mark.django_db
def test_candidates_of_another_programme_cannot_be_slipped_in(programme, pool, manager):
    from tests.factories import ProgrammeFactory

    elsewhere = candidate(ProgrammeFactory(status="recruiting"))
    _post(manager, programme, [pool[0], elsewhere])
    assert not MentorDecision.objects.exists()


@pytest.mark.django_db
def test_only_candidates_to_decide_can_be_ticked(programme, pool, manager):
    pool[0].enrollment.status = EnrollmentStatus.ACCEPTED
    pool[0].enrollment.save()
    body = client_for(manager).get(reverse("selection:candidates", args=[programme.slug]))
    body = body.content.decode()
    ticked = 'name="application" value="{}"'
    assert ticked.format(pool[0].pk) not in body and ticked.format(pool[1].pk) in body


@pytest.mark.django_db
def test_a_participant_cannot_decide(programme, pool, pair_member):
    response = client_for(pair_member).post(
        reverse("selection:decide_many", args=[programme.slug]),
        {"application": [str(pool[0].pk)], "decision": "accepted", "confirm": "on"},
    )
    assert response.status_code == 403
    assert not MentorDecision.objects.exists()
