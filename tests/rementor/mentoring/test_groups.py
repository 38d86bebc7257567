"""Mentoring groups: a manager gathers a mentor's active pairs into a group (only where the
programme allows it); the mentor plans one group session, written as one session per pair,
everyone invited once; the group page shows members, group sessions and the shared note to
its members, and never a pair's private content."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from rementor.matching.models import PairStatus
from rementor.mentoring import group_sessions, groups
from rementor.mentoring.models import (
    GroupMembership,
    MentoringGroup,
    MentoringSession,
    PairMessage,
    PrivateNote,
    SessionStatus,
)
from tests.factories import UserFactory, client_for
from tests.rementor.mentoring.factories import local, sign_charter
from tests.rementor.mentoring.group_factories import group_programme, make_group, mentor_with_pairs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def _plan(group, by, days=10):
    return group_sessions.plan_group_session(
        group=group,
        by=by,
        starts_at=local(days, 10),
        time_zone="Europe/Paris",
        duration_minutes=60,
    )


# --- forming -------------------------------------------------------------------------------


def test_a_manager_forms_a_group_of_one_mentors_active_pairs(manager):
    programme = group_programme()
    _mentor, pairs = mentor_with_pairs(programme, mentees=3)
    group = groups.form_group(
        programme=programme, by=manager, pairs=[p for p, _u in pairs], name="Board"
    )
    assert group.mentor_id == pairs[0][0].mentor_id
    assert set(group.members.values_list("pair_id", flat=True)) == {p.pk for p, _u in pairs}


def test_no_group_on_a_programme_that_does_not_allow_it(manager):
    programme = group_programme()
    _mentor, pairs = mentor_with_pairs(programme, mentees=2)
    programme.group_mentoring = False
    programme.save(update_fields=["group_mentoring"])
    with pytest.raises(ValidationError, match="does not allow group mentoring"):
        groups.form_group(programme=programme, by=manager, pairs=[p for p, _u in pairs])
    assert not MentoringGroup.objects.exists()


def test_pairs_of_two_mentors_make_no_group(manager):
    programme = group_programme()
    _a, pairs_a = mentor_with_pairs(programme, mentees=1)
    _b, pairs_b = mentor_with_pairs(programme, mentees=1)
    with pytest.raises(ValidationError, match="same mentor"):
        groups.form_group(programme=programme, by=manager, pairs=[pairs_a[0][0], pairs_b[0][0]])
    assert not MentoringGroup.objects.exists()


def test_a_pair_of_another_mentor_is_not_added(manager):
    group, _mentor, _pairs = make_group(manager=manager)
    _other, other_pairs = mentor_with_pairs(group.programme, mentees=1)
    with pytest.raises(ValidationError, match="same mentor"):
        groups.add_pair(group=group, by=manager, pair=other_pairs[0][0])
    assert group.members.count() == 3


def test_a_pair_of_another_programme_is_not_added(manager):
    group, _mentor, _pairs = make_group(manager=manager)
    _other, other_pairs = mentor_with_pairs(group_programme(), mentees=1)
    with pytest.raises(ValidationError, match="this programme"):
        groups.add_pair(group=group, by=manager, pair=other_pairs[0][0])


def test_a_finished_pair_does_not_join(manager):
    programme = group_programme()
    _mentor, pairs = mentor_with_pairs(programme, mentees=3)
    finished = pairs[2][0]
    finished.status = PairStatus.COMPLETED
    finished.save(update_fields=["status"])
    group = groups.form_group(programme=programme, by=manager, pairs=[p for p, _u in pairs[:2]])
    with pytest.raises(ValidationError, match="Only active pairs"):
        groups.add_pair(group=group, by=manager, pair=finished)


def test_a_pair_is_in_one_group_at_most(manager):
    group, _mentor, pairs = make_group(manager=manager)
    with pytest.raises(ValidationError, match="already in a group"):
        groups.form_group(programme=group.programme, by=manager, pairs=[pairs[0][0], pairs[1][0]])


def test_forming_is_audited(manager):
    from auditlog.models import LogEntry

    group, _mentor, _pairs = make_group(manager=manager)
    entry = LogEntry.objects.get_for_object(group).get()
    assert entry.actor == manager


def test_dissolving_keeps_every_pair_and_its_sessions(manager):
    group, mentor_user, pairs = make_group(manager=manager)
    _plan(group, mentor_user)
    groups.dissolve_group(group=group, by=manager)
    assert not GroupMembership.objects.exists()
    for pair, _u in pairs:
        pair.refresh_from_db()
        assert pair.status == PairStatus.ACTIVE
        assert pair.sessions.count() == 1


def test_removing_a_pair_keeps_the_pair(manager):
    group, _mentor, pairs = make_group(manager=manager)
    groups.remove_pair(group=group, by=manager, pair=pairs[0][0])
    assert group.members.count() == 2
    pairs[0][0].refresh_from_db()
    assert pairs[0][0].status == PairStatus.ACTIVE


# --- group sessions ------------------------------------------------------------------------


def test_a_group_session_is_one_session_per_pair_and_one_invitation_each(manager):
    group, mentor_user, pairs = make_group(manager=manager)
    mail.outbox.clear()
    sessions = _plan(group, mentor_user)
    assert len(sessions) == 3
    assert len({s.group_key for s in sessions}) == 1
    assert {s.pair_id for s in sessions} == {p.pk for p, _u in pairs}
    # Each mentee gets their own invitation, the mentor one for the whole group.
    recipients = sorted(address for message in mail.outbox for address in message.to)
    expected = sorted([mentor_user.email, *(u.email for _p, u in pairs)])
    assert recipients == expected


def test_only_the_groups_mentor_plans(manager):
    group, _mentor, pairs = make_group(manager=manager)
    with pytest.raises(ValidationError, match="group's mentor"):
        _plan(group, pairs[0][1])
    with pytest.raises(ValidationError, match="group's mentor"):
        _plan(group, manager)
    assert not MentoringSession.objects.exists()


def test_a_group_session_is_all_or_nothing(manager, monkeypatch):
    group, mentor_user, _pairs = make_group(manager=manager)

    class Down:
        def send_messages(self, messages):
            raise OSError("mail server down")

    monkeypatch.setattr("rementor.mentoring.sessions.get_connection", lambda **kw: Down())
    with pytest.raises(ValidationError, match="nothing was saved"):
        _plan(group, mentor_user)
    assert not MentoringSession.objects.exists()


def test_a_paused_pair_is_left_out_of_a_group_session(manager):
    group, mentor_user, pairs = make_group(manager=manager)
    paused = pairs[0][0]
    paused.status = PairStatus.PAUSED
    paused.save(update_fields=["status"])
    sessions = _plan(group, mentor_user)
    assert paused.pk not in {s.pair_id for s in sessions}
    assert len(sessions) == 2


def test_cancelling_a_group_session_cancels_it_for_every_pair(manager):
    group, mentor_user, _pairs = make_group(manager=manager)
    sessions = _plan(group, mentor_user)
    mail.outbox.clear()
    group_sessions.cancel_group_session(group=group, by=mentor_user, key=sessions[0].group_key)
    assert set(MentoringSession.objects.values_list("status", flat=True)) == {
        SessionStatus.CANCELLED
    }
    assert len(mail.outbox) == 4


def test_logging_a_group_session_held_logs_every_pair_and_keeps_private_notes(manager):
    group, mentor_user, pairs = make_group(manager=manager)
    sessions = _plan(group, mentor_user)
    for pair, _u in pairs:
        sign_charter(pair)
    MentoringSession.objects.update(starts_at=local(-1, 10))
    PrivateNote.objects.create(session=sessions[0], author=mentor_user, text="Mine only")
    group_sessions.log_group_session_held(group=group, by=mentor_user, key=sessions[0].group_key)
    assert set(MentoringSession.objects.values_list("status", flat=True)) == {SessionStatus.HELD}
    assert PrivateNote.objects.get().text == "Mine only"


# --- the group page ------------------------------------------------------------------------


def test_members_see_names_and_the_shared_note_never_pair_private_content(manager):
    group, mentor_user, pairs = make_group(manager=manager)
    (_pair_a, user_a), (pair_b, user_b) = pairs[0], pairs[1]
    sessions = _plan(group, mentor_user)
    PrivateNote.objects.create(session=sessions[1], author=user_b, text="SECRET-PRIVATE")
    PairMessage.objects.create(pair=pair_b, author=user_b, text="SECRET-MESSAGE")
    groups.save_group_note(group=group, by=user_b, text="We agreed on a Teams pilot")
    page = client_for(user_a).get(reverse("mentoring:group", args=[group.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert user_b.person.full_name in html
    assert "We agreed on a Teams pilot" in html
    assert "SECRET-PRIVATE" not in html
    assert "SECRET-MESSAGE" not in html
    # No link to another member's pair.
    assert reverse("mentoring:pair", args=[pair_b.pk]) not in html


def test_the_manager_sees_the_group_but_not_its_note(manager):
    group, _mentor, pairs = make_group(manager=manager)
    groups.save_group_note(group=group, by=pairs[0][1], text="Between us")
    page = client_for(manager).get(reverse("mentoring:group", args=[group.pk]))
    assert page.status_code == 200
    assert "Between us" not in page.content.decode()
    with pytest.raises(ValidationError):
        groups.save_group_note(group=group, by=manager, text="Overwritten")


def test_a_mentee_of_another_group_does_not_learn_the_group_exists(manager):
    group, _mentor, _pairs = make_group(manager=manager)
    _other_group, _other_mentor, other_pairs = make_group(group.programme, manager=manager)
    outsider = other_pairs[0][1]
    page = client_for(outsider).get(reverse("mentoring:group", args=[group.pk]))
    assert page.status_code == 404
    with pytest.raises(ValidationError):
        groups.save_group_note(group=group, by=outsider, text="Hello")


def test_a_mentee_whose_pair_ended_early_loses_the_group(manager):
    group, _mentor, pairs = make_group(manager=manager)
    pair, user = pairs[0]
    pair.status = PairStatus.ENDED
    pair.save(update_fields=["status"])
    page = client_for(user).get(reverse("mentoring:group", args=[group.pk]))
    assert page.status_code == 404


def test_the_pair_page_links_to_its_group(manager):
    group, _mentor, pairs = make_group(manager=manager)
    pair, user = pairs[0]
    html = client_for(user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()
    assert reverse("mentoring:group", args=[group.pk]) in html


def test_dissolve_confirmation_says_what_happens(manager):
    group, _mentor, _pairs = make_group(manager=manager)
    page = client_for(manager).get(reverse("mentoring:group_dissolve", args=[group.pk]))
    html = page.content.decode()
    start = html.index('data-testid="dissolve-consequences"')
    said = html[start : html.index("</p>", start)]
    # In the manager's language (French here): the three pairs go on, nothing of them goes.
    assert "Ses 3 binômes continuent comme avant : rien des binômes n’est supprimé" in said
    assert MentoringGroup.objects.filter(pk=group.pk).exists()


def test_a_manager_forms_a_group_from_the_list(manager):
    programme = group_programme()
    _mentor, pairs = mentor_with_pairs(programme, mentees=2)
    response = client_for(manager).post(
        reverse("mentoring:group_list", args=[programme.slug]),
        {"name": "Board", "pairs": [p.pk for p, _u in pairs]},
    )
    group = MentoringGroup.objects.get()
    assert response.url == reverse("mentoring:group", args=[group.pk])


def test_a_signed_in_stranger_gets_404():
    group, _mentor, _pairs = make_group()
    stranger = UserFactory()
    assert client_for(stranger).get(reverse("mentoring:group", args=[group.pk])).status_code == 404


def test_start_far_from_now_is_refused(manager):
    group, mentor_user, _pairs = make_group(manager=manager)
    with pytest.raises(ValidationError):
        group_sessions.plan_group_session(
            group=group,
            by=mentor_user,
            starts_at=local(0) - dt.timedelta(days=30),
            time_zone="Europe/Paris",
            duration_minutes=60,
        )


def test_a_group_session_is_one_event_in_the_mentors_feed_and_the_mentees_own(manager):
    from rementor.mentoring.calendar_feeds import feed_sessions

    group, mentor_user, pairs = make_group(manager=manager)
    sessions = _plan(group, mentor_user)
    assert [s.pk for s in feed_sessions(mentor_user)] == [sessions[0].pk]
    by_pair = {s.pair_id: s.pk for s in sessions}
    for pair, user in pairs:
        assert [s.pk for s in feed_sessions(user)] == [by_pair[pair.pk]]


# --- group objectives ----------------------------------------------------------------------


def test_members_share_group_objectives_and_managers_see_none(manager):
    group, mentor_user, pairs = make_group(manager=manager)
    objective = groups.add_group_objective(group=group, by=pairs[0][1], title="Pilot Teams")
    groups.mark_group_objective(objective=objective, by=mentor_user, achieved=True)
    objective.refresh_from_db()
    assert objective.achieved_at is not None
    html = client_for(pairs[1][1]).get(reverse("mentoring:group", args=[group.pk])).content
    assert "Pilot Teams" in html.decode()
    manager_html = client_for(manager).get(reverse("mentoring:group", args=[group.pk])).content
    assert "Pilot Teams" not in manager_html.decode()
    with pytest.raises(ValidationError):
        groups.add_group_objective(group=group, by=manager, title="Imposed")


def test_a_mentee_of_another_group_cannot_touch_its_objectives(manager):
    group, mentor_user, _pairs = make_group(manager=manager)
    objective = groups.add_group_objective(group=group, by=mentor_user, title="Pilot Teams")
    _other, _other_mentor, other_pairs = make_group(group.programme, manager=manager)
    outsider = other_pairs[0][1]
    with pytest.raises(ValidationError):
        groups.mark_group_objective(objective=objective, by=outsider, achieved=True)
    response = client_for(outsider).post(
        reverse("mentoring:group_objective_mark", args=[group.pk, objective.pk]),
        {"achieved": "1"},
    )
    assert response.status_code == 404
    objective.refresh_from_db()
    assert objective.achieved_at is None


# --- the mentor's invitation names the group -------------------------------------------------


def _mentor_subjects(mentor_user) -> list[str]:
    return [m.subject for m in mail.outbox if mentor_user.email in m.to]


def test_the_mentors_invitation_names_every_mentee_of_an_unnamed_group(manager):
    group, mentor_user, pairs = make_group(manager=manager, name="")
    mail.outbox.clear()
    _plan(group, mentor_user)
    (subject,) = _mentor_subjects(mentor_user)
    names = sorted(u.person.full_name for _p, u in pairs)
    assert f"your group: {names[0]}, {names[1]} and {names[2]}" in subject
    # Each mentee's own invitation names the mentor, as for a pair.
    mentee_subject = next(m.subject for m in mail.outbox if pairs[0][1].email in m.to)
    assert mentor_user.person.full_name in mentee_subject


def test_the_mentors_invitation_and_cancellation_name_the_group_in_their_language(manager):
    programme = group_programme()
    mentor_user, pairs = mentor_with_pairs(programme, mentees=2, language="fr")
    group = groups.form_group(
        programme=programme, by=manager, pairs=[p for p, _u in pairs], name="Conseil"
    )
    mail.outbox.clear()
    sessions = _plan(group, mentor_user)
    (subject,) = _mentor_subjects(mentor_user)
    assert subject.startswith("Invitation")
    assert "le groupe « Conseil »" in subject
    assert pairs[0][1].person.full_name not in subject
    mail.outbox.clear()
    group_sessions.cancel_group_session(group=group, by=mentor_user, key=sessions[0].group_key)
    (subject,) = _mentor_subjects(mentor_user)
    assert "le groupe « Conseil »" in subject
    # Unnamed, in French: the mentees' names joined the French way.
    group.name = ""
    group.save(update_fields=["name"])
    mail.outbox.clear()
    _plan(group, mentor_user, days=12)
    (subject,) = _mentor_subjects(mentor_user)
    names = sorted(u.person.full_name for _p, u in pairs)
    assert f"votre groupe : {names[0]} et {names[1]}" in subject


# --- a member whose pair no longer runs reads the group's content only -----------------------


def _completed(pair):
    pair.status = PairStatus.COMPLETED
    pair.save(update_fields=["status"])


def test_a_mentee_whose_pair_completed_reads_the_note_and_objectives_but_cannot_write(manager):
    group, mentor_user, pairs = make_group(manager=manager)
    (pair_a, user_a), (_pair_b, user_b) = pairs[0], pairs[1]
    groups.save_group_note(group=group, by=user_b, text="Pilot in March")
    objective = groups.add_group_objective(group=group, by=user_b, title="Pilot Teams")
    _completed(pair_a)
    page = client_for(user_a).get(reverse("mentoring:group", args=[group.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Pilot in March" in html and "Pilot Teams" in html
    assert 'data-testid="group-read-only"' in html
    assert reverse("mentoring:group_note", args=[group.pk]) not in html
    assert reverse("mentoring:group_objective_add", args=[group.pk]) not in html
    # Posting anyway is refused, and the domain refuses too.
    client = client_for(user_a)
    assert (
        client.post(reverse("mentoring:group_note", args=[group.pk]), {"text": "Gone"})
    ).status_code == 403
    assert (
        client.post(reverse("mentoring:group_objective_add", args=[group.pk]), {"title": "X"})
    ).status_code == 403
    mark = reverse("mentoring:group_objective_mark", args=[group.pk, objective.pk])
    assert client.post(mark, {"achieved": "1"}).status_code == 403
    with pytest.raises(ValidationError):
        groups.save_group_note(group=group, by=user_a, text="Gone")
    with pytest.raises(ValidationError):
        groups.add_group_objective(group=group, by=user_a, title="X")
    group.refresh_from_db()
    objective.refresh_from_db()
    assert group.shared_note == "Pilot in March"
    assert objective.achieved_at is None
    assert group.objectives.count() == 1
    # The members whose pair runs still write.
    response = client_for(user_b).post(
        reverse("mentoring:group_note", args=[group.pk]), {"text": "Pilot in April"}
    )
    assert response.status_code == 302
    assert client_for(mentor_user).post(mark, {"achieved": "1"}).status_code == 302
    group.refresh_from_db()
    assert group.shared_note == "Pilot in April"


def test_the_mentor_reads_only_once_no_pair_of_the_group_runs(manager):
    group, mentor_user, pairs = make_group(manager=manager, mentees=2)
    _completed(pairs[0][0])
    groups.save_group_note(group=group, by=mentor_user, text="Still one pair running")
    _completed(pairs[1][0])
    html = client_for(mentor_user).get(reverse("mentoring:group", args=[group.pk])).content
    assert 'data-testid="group-read-only"' in html.decode()
    with pytest.raises(ValidationError):
        groups.save_group_note(group=group, by=mentor_user, text="Too late")
