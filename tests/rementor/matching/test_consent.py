"""Consent to the pair: a published run proposes, both members accept, the pair goes live;
a decline sends both back to the pool, a re-run proposes new partners and keeps accepted
pairs; managers follow, remind and decide (``rementor.matching.proposals``/``consent``,
``rementor.cockpit.proposals``)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rementor.audit.events import Event
from rementor.cockpit import proposals as cockpit_proposals
from rementor.cockpit import transitions
from rementor.matching import domain
from rementor.matching.consent import ACCEPT, CANCEL, answer_proposal, override_proposal
from rementor.matching.instance import build_instance, person_key
from rementor.matching.models import Pair, PairProposal, PairStatus, ProposalStatus
from rementor.matching.proposals import deadline_from
from rementor.mentoring.next_steps import steps_for
from tests.factories import client_for
from tests.rementor.matching.conftest import LINKEDIN, SLACK, _proposal_of, _publish
from tests.rementor.matching.factories import matching_programme, mentee, mentor


@pytest.mark.django_db(transaction=True)
def test_publish_proposes_and_e_mails_both_with_a_link(consent, manager):
    programme, people, _users = consent
    report = _publish(programme, manager)
    assert len(report.proposed) == 2 and report.created == []
    assert not Pair.objects.filter(programme=programme).exists()
    assert len(mail.outbox) == 4
    anne_mail = next(m for m in mail.outbox if m.to == [people["anne"].person.email])
    proposal = _proposal_of(people["anne"])
    assert reverse("matching:proposal", args=[proposal.pk]) in anne_mail.body
    assert people["li"].person.full_name in anne_mail.body
    # The same reasons participants read on a published pair (French by default).
    assert "LinkedIn" in anne_mail.body


@pytest.mark.django_db
def test_both_accept_and_the_pair_goes_live(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    page = client_for(users["anne"]).get(reverse("matching:proposal", args=[proposal.pk]))
    assert page.status_code == 200
    assert people["li"].person.full_name in page.content.decode()
    response = client_for(users["anne"]).post(
        reverse("matching:proposal_accept", args=[proposal.pk])
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN and proposal.mentee_answer == "accepted"
    assert not Pair.objects.filter(mentee=people["anne"]).exists()
    response = client_for(users["li"]).post(reverse("matching:proposal_accept", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.pair.status == PairStatus.ACTIVE
    assert response.url == reverse("mentoring:pair", args=[proposal.pair_id])


@pytest.mark.django_db
def test_a_decline_sends_both_back_to_the_pool_with_the_reason_for_managers_only(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    instance, _ = build_instance(programme)
    assert person_key(people["anne"].person_id) not in {m["id"] for m in instance["mentees"]}
    response = client_for(users["li"]).post(
        reverse("matching:proposal_decline", args=[proposal.pk]),
        {"reason": "Pas le temps ce trimestre"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    instance, _ = build_instance(programme)
    assert person_key(people["anne"].person_id) in {m["id"] for m in instance["mentees"]}
    assert person_key(people["li"].person_id) in {m["id"] for m in instance["mentors"]}
    # ...and the declined pair is never proposed again.
    keys = [person_key(people["anne"].person_id), person_key(people["li"].person_id)]
    assert keys in instance["forbidden"]
    # The manager reads the reason; the other member never does.
    page = client_for(manager).get(reverse("cockpit:proposals", args=[programme.slug]))
    assert "Pas le temps ce trimestre" in page.content.decode()
    other = client_for(users["anne"]).get(reverse("matching:proposal", args=[proposal.pk]))
    assert other.status_code == 200
    assert "Pas le temps" not in other.content.decode()
    api = client_for(users["anne"]).get(f"/api/v1/pair-proposals/{proposal.pk}/")
    assert api.status_code == 200 and "decline_reason" not in api.json()
    assert "Pas le temps" not in api.content.decode()
    assert client_for(manager).get(f"/api/v1/pair-proposals/{proposal.pk}/").json()[
        "decline_reason"
    ] == ("Pas le temps ce trimestre")


@pytest.mark.django_db
def test_a_re_run_proposes_new_partners_and_keeps_accepted_pairs(manager):
    programme = matching_programme(pair_consent=True)
    anne = mentee(programme, needs=LINKEDIN)
    bruno = mentee(programme, needs=SLACK)
    li = mentor(programme, levels={"linkedin": 4, "slack": 2})
    sam = mentor(programme, levels={"slack": 4})
    kim = mentor(programme, levels={"linkedin": 3})
    _publish(programme, manager)
    first = {p.mentee_id: p for p in PairProposal.objects.filter(programme=programme)}
    assert first[anne.pk].mentor == li and first[bruno.pk].mentor == sam
    for member in (bruno, sam):
        answer_proposal(proposal=first[bruno.pk], member=member, accept=True, by=None)
    answer_proposal(proposal=first[anne.pk], member=li, accept=False, reason="Non", by=None)
    # Publishing the first run again proposes neither the declined pair nor the live one.
    again = domain.publish_run(run=programme.match_runs.get(), by=manager)
    assert again.proposed == [] and len(again.skipped) == 1
    run = domain.create_run_now(programme=programme, by=manager)
    # The accepted pair is live: neither of its members is sent to the engine again.
    ids = {m["id"] for m in run.instance["mentees"] + run.instance["mentors"]}
    assert person_key(bruno.person_id) not in ids and person_key(sam.person_id) not in ids
    report = domain.publish_run(run=run, by=manager)
    assert [(p.mentee, p.mentor) for p in report.proposed] == [(anne, kim)]
    assert Pair.objects.get(mentee=bruno).mentor == sam


@pytest.mark.django_db
def test_an_open_proposal_holds_its_people(consent, manager):
    programme, people, _users = consent
    _publish(programme, manager)
    instance, _ = build_instance(programme)
    assert instance["mentees"] == [] and instance["mentors"] == []
    # The mentor's place is held...
    with pytest.raises(ValidationError, match="plus de place"):
        domain.create_pair(
            programme=programme, mentee=people["bruno"], mentor=people["li"], by=manager
        )
    # ...and so is the mentee, even for a mentor with room.
    kim = mentor(programme, levels={"linkedin": 4})
    with pytest.raises(ValidationError, match="attend une réponse"):
        domain.create_pair(programme=programme, mentee=people["anne"], mentor=kim, by=manager)
    # Publishing the same run again proposes nothing twice.
    run = programme.match_runs.get()
    assert domain.publish_run(run=run, by=manager).proposed == []
    assert PairProposal.objects.filter(programme=programme).count() == 2


# ------------------------------------------------------------------------------ hostile


@pytest.mark.django_db
def test_someone_elses_proposal_is_404(consent, manager, sponsor, stranger):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    for user in (users["bruno"], users["sam"], stranger, sponsor, manager):
        client = client_for(user)
        assert client.get(reverse("matching:proposal", args=[proposal.pk])).status_code == 404
        url = reverse("matching:proposal_accept", args=[proposal.pk])
        assert client.post(url).status_code == 404
        api = client.post(f"/api/v1/pair-proposals/{proposal.pk}/accept/")
        assert api.status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.mentee_answer == proposal.mentor_answer == ""


@pytest.mark.django_db
def test_accepting_twice_is_refused(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    answer_proposal(proposal=proposal, member=people["anne"], accept=True, by=users["anne"])
    with pytest.raises(ValidationError, match="déjà répondu"):
        answer_proposal(proposal=proposal, member=people["anne"], accept=True, by=users["anne"])
    answer_proposal(proposal=proposal, member=people["li"], accept=True, by=users["li"])
    with pytest.raises(ValidationError):
        answer_proposal(proposal=proposal, member=people["li"], accept=True, by=users["li"])
    assert Pair.objects.filter(mentee=people["anne"]).count() == 1
    api = client_for(users["li"]).post(f"/api/v1/pair-proposals/{proposal.pk}/accept/")
    assert api.status_code == 400


@pytest.mark.django_db
def test_after_the_deadline_nobody_can_answer_and_the_manager_sees_it(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    PairProposal.objects.filter(pk=proposal.pk).update(
        deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="délai"):
        answer_proposal(proposal=proposal, member=people["anne"], accept=True, by=None)
    response = client_for(users["anne"]).post(
        reverse("matching:proposal_accept", args=[proposal.pk]), follow=True
    )
    assert "délai" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.mentee_answer == "" and not Pair.objects.filter(mentee=people["anne"]).exists()
    # Back in the pool, shown to the manager as unanswered, never accepted silently.
    instance, _ = build_instance(programme)
    assert person_key(people["anne"].person_id) in {m["id"] for m in instance["mentees"]}
    page = client_for(manager).get(reverse("cockpit:proposals", args=[programme.slug]))
    assert 'data-state="expired"' in page.content.decode()
    known = transitions.facts(programme=programme)
    assert known.proposals_unanswered == 1 and known.proposals_waiting == 1


@pytest.mark.django_db
def test_declining_without_a_reason_is_refused_and_changes_nothing(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    response = client_for(users["anne"]).post(
        reverse("matching:proposal_decline", args=[proposal.pk]), {"reason": "   "}
    )
    assert response.status_code == 400
    assert "seule l’équipe du programme" in response.content.decode()
    with pytest.raises(ValidationError):
        answer_proposal(proposal=proposal, member=people["anne"], accept=False, by=None)
    api = client_for(users["anne"]).post(
        f"/api/v1/pair-proposals/{proposal.pk}/decline/", {}, content_type="application/json"
    )
    assert api.status_code == 400 and "reason" in api.json()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN and proposal.mentee_answer == ""


@pytest.mark.django_db
def test_a_sponsor_sees_no_proposal(consent, manager, sponsor):
    programme, _people, _users = consent
    _publish(programme, manager)
    assert client_for(sponsor).get("/api/v1/pair-proposals/").json()["results"] == []
    page = client_for(sponsor).get(reverse("cockpit:proposals", args=[programme.slug]))
    assert page.status_code == 403


# ------------------------------------------------------------------------------ managers


@pytest.mark.django_db
def test_a_manager_accepts_on_behalf_or_cancels_with_a_reason_audited(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    anne, bruno = _proposal_of(people["anne"]), _proposal_of(people["bruno"])
    url = reverse("cockpit:proposal_decide", args=[programme.slug, anne.pk])
    refused = client_for(manager).post(url, {"action": ACCEPT, "reason": ""})
    assert refused.status_code == 400 and "raison" in refused.content.decode()
    answer_proposal(proposal=anne, member=people["li"], accept=True, by=users["li"])
    client_for(manager).post(url, {"action": ACCEPT, "reason": "Oui par téléphone"})
    anne.refresh_from_db()
    assert anne.status == ProposalStatus.ACCEPTED and anne.pair.status == PairStatus.ACTIVE
    assert anne.override_reason == "Oui par téléphone" and anne.overridden_by == manager
    override_proposal(proposal=bruno, action=CANCEL, reason="Conflit d'intérêts", by=manager)
    bruno.refresh_from_db()
    assert bruno.status == ProposalStatus.CANCELLED
    events = LogEntry.objects.filter(additional_data__event=Event.PROPOSAL_OVERRIDDEN)
    assert events.count() == 2
    assert {e.additional_data["action"] for e in events} == {ACCEPT, CANCEL}
    assert events.get(additional_data__action=ACCEPT).additional_data["on_behalf"] == ["mentee"]


@pytest.mark.django_db
def test_a_decline_is_never_overridden(consent, manager):
    programme, people, _users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    answer_proposal(proposal=proposal, member=people["anne"], accept=False, reason="Non", by=None)
    with pytest.raises(ValidationError):
        override_proposal(proposal=proposal, action=ACCEPT, reason="Forcé", by=manager)


@pytest.mark.django_db(transaction=True)
def test_reminders_go_once_a_day_to_those_who_have_not_answered(consent, manager):
    programme, people, _users = consent
    _publish(programme, manager)
    answer_proposal(
        proposal=_proposal_of(people["anne"]), member=people["anne"], accept=True, by=None
    )
    mail.outbox.clear()
    counts = cockpit_proposals.remind_proposals(programme=programme, by=manager)
    assert counts.sent == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        people[n].person.email for n in ("li", "bruno", "sam")
    )
    again = client_for(manager).post(
        reverse("cockpit:proposals_remind", args=[programme.slug]), follow=True
    )
    assert len(mail.outbox) == 3
    assert "déjà" in again.content.decode()


@pytest.mark.django_db
def test_next_steps_and_programme_page_show_the_proposal(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    steps = steps_for(users["anne"])
    proposal = _proposal_of(people["anne"])
    assert steps[0].url == reverse("matching:proposal", args=[proposal.pk]) and steps[0].urgent
    home = client_for(users["anne"]).get("/")
    assert reverse("matching:proposal", args=[proposal.pk]) in home.content.decode()


@pytest.mark.django_db
def test_moving_to_running_warns_of_waiting_proposals(consent, manager):
    programme, _people, _users = consent
    _publish(programme, manager)
    known = transitions.facts(programme=programme)
    notes = transitions.warnings(programme=programme, to="running", known=known)
    assert any(n.url == reverse("cockpit:proposals", args=[programme.slug]) for n in notes)


@pytest.mark.django_db
def test_without_consent_publishing_creates_pairs_as_before(manager):
    programme = matching_programme()
    anne = mentee(programme, needs=LINKEDIN)
    mentor(programme, levels={"linkedin": 4})
    report = _publish(programme, manager)
    assert report.proposed == [] and Pair.objects.get(mentee=anne).status == PairStatus.ACTIVE


def test_the_deadline_is_the_end_of_the_last_day():
    start = timezone.make_aware(dt.datetime(2026, 3, 1, 9, 0))
    end = timezone.localtime(deadline_from(start, 7))
    assert (end.date(), end.hour, end.minute) == (dt.date(2026, 3, 8), 23, 59)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 3])
def test_the_managers_list_does_not_grow_in_queries(manager, size, django_assert_num_queries):
    programme = matching_programme(pair_consent=True)
    for _ in range(size):
        mentee(programme, needs=LINKEDIN)
        mentor(programme, levels={"linkedin": 4})
    _publish(programme, manager)
    assert PairProposal.objects.filter(programme=programme).count() == size
    client = client_for(manager)
    url = reverse("cockpit:proposals", args=[programme.slug])
    # session, user, user's person, programme (+ its permission check), proposals
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


QUERIES = 5


@pytest.mark.django_db
def test_the_matching_page_says_it_proposes_and_does_not_start_the_programme(consent, manager):
    programme, _people, _users = consent
    run = domain.create_run_now(programme=programme, by=manager)
    client = client_for(manager)
    page = client.get(reverse("matching:page", args=[programme.slug])).content.decode()
    assert 'data-testid="publish-consent"' in page and 'name="start"' not in page
    response = client.post(
        reverse("matching:publish", args=[programme.slug, run.number]), {"start": "on"}, follow=True
    )
    assert "2 binômes proposés" in response.content.decode()
    programme.refresh_from_db()
    assert programme.status == "matching"
    page = client.get(reverse("matching:page", args=[programme.slug])).content.decode()
    assert 'data-testid="proposals-summary"' in page
    overview = client.get(reverse("mentoring:pairs", args=[programme.slug])).content.decode()
    assert reverse("cockpit:proposals", args=[programme.slug]) in overview


@pytest.mark.django_db
def test_the_settings_turn_consent_on_with_its_days():
    from rementor.programmes.forms import ProgrammeForm

    programme = matching_programme()
    assert programme.pair_consent is False and programme.consent_days == 7
    data = {
        "name": programme.name,
        "start_date": programme.start_date.isoformat(),
        "end_date": programme.end_date.isoformat(),
        "cadence_weeks": 3,
        "session_minutes": 60,
        "default_mentor_capacity": 1,
        "max_mentor_capacity": 2,
        "reporting_line_depth": 2,
        "mentor_applications": "invited",
        "languages": ["fr"],
        "pair_consent": "on",
        "consent_days": 10,
    }
    form = ProgrammeForm(data, instance=programme)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["pair_consent"] is True and form.cleaned_data["consent_days"] == 10
    bad = ProgrammeForm({**data, "consent_days": 90}, instance=programme)
    assert not bad.is_valid() and "consent_days" in bad.errors


@pytest.mark.django_db
def test_a_member_answers_through_the_api(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["bruno"])
    mine = client_for(users["bruno"]).get("/api/v1/pair-proposals/").json()["results"]
    assert [p["id"] for p in mine] == [proposal.pk] and mine[0]["reasons"]
    client_for(users["bruno"]).post(f"/api/v1/pair-proposals/{proposal.pk}/accept/")
    declined = client_for(users["sam"]).post(
        f"/api/v1/pair-proposals/{proposal.pk}/decline/",
        {"reason": "Conflit d’intérêts"},
        content_type="application/json",
    )
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    assert "decline_reason" not in declined.json()


@pytest.mark.django_db
def test_the_reason_of_a_decline_is_erased_with_its_author(consent, manager):
    from rementor.privacy.erasure import scrub_free_texts

    programme, people, _users = consent
    _publish(programme, manager)
    proposal = _proposal_of(people["anne"])
    answer_proposal(proposal=proposal, member=people["li"], accept=False, reason="Secret", by=None)
    counts = scrub_free_texts(enrollments=programme.enrollments.filter(pk=people["li"].pk))
    proposal.refresh_from_db()
    assert proposal.decline_reason == "" and counts["proposals"] == 1


@pytest.mark.django_db
def test_a_closed_programmes_proposals_wait_for_nobody(consent, manager):
    programme, people, users = consent
    _publish(programme, manager)
    programme.status = "closed"
    programme.save()
    assert steps_for(users["anne"]) == []
    with pytest.raises(ValidationError, match="clôturé"):
        answer_proposal(
            proposal=_proposal_of(people["anne"]), member=people["anne"], accept=True, by=None
        )
