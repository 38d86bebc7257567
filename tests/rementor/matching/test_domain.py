"""The adapter between Rementor and the engine (``rementor.matching.domain``): runs, their
queueing, overrides, manual pairs and publication."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django_tasks import default_task_backend

import matchengine
from rementor.audit.events import Departure
from rementor.matching import domain, queries
from rementor.matching.instance import build_instance, person_key
from rementor.matching.models import MatchRun, OverrideKind, Pair, PairStatus, RunStatus
from rementor.matching.reasons import LEFT_COMPANY
from rementor.people.domain import deactivate_people
from rementor.programmes.models import Programme
from tests.factories import PersonFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor

LINKEDIN = {"linkedin": (1, 3, 3)}


def _pairs(run: MatchRun) -> set[tuple[str, str]]:
    return {(p["mentee"], p["mentor"]) for p in run.result["pairs"]}


@pytest.mark.django_db
def test_adapter_round_trip_on_the_demo():
    call_command("demo", stdout=io.StringIO())
    programme = Programme.objects.get(slug="reverse-mentoring-2026")
    run = programme.match_runs.get()
    assert run.status == RunStatus.DONE and run.optimal and run.published_at is not None
    assert len(run.instance["mentees"]) == 20 and run.matched == 20
    assert programme.pairs.count() == 20  # one has since ended early (the demo's story)
    demo = Pair.objects.get(mentee__person__user__email="mentee@example.com")
    assert demo.mentor.person.user.email == "mentor@example.com"
    assert {"linkedin", "web_analytics"} <= set(demo.covered_skills)
    # The stored snapshot replays to the same answer (the engine is deterministic).
    again = matchengine.result_to_dict(matchengine.solve(matchengine.load_instance(run.instance)))
    assert {k: v for k, v in again.items() if k != "elapsed_s"} == {
        k: v for k, v in run.result.items() if k != "elapsed_s"
    }
    assert programme.status == "running"


@pytest.mark.django_db
@pytest.mark.parametrize(("depth", "paired"), [(1, True), (2, False)])
def test_reporting_line_exclusion_depth(depth, paired):
    programme = matching_programme(reporting_line_depth=depth)
    director = PersonFactory()
    manager = PersonFactory(manager=director)
    junior = mentor(programme, levels={"linkedin": 4}, manager=manager)
    senior = mentee(programme, needs=LINKEDIN, manager=director)
    # The mentor reports to a manager who reports to the mentee: two levels apart.
    junior.person.manager = manager
    junior.person.save()
    senior.person.manager = None
    senior.person.save()
    manager.manager = senior.person
    manager.save()
    run = domain.create_run_now(programme=programme, by=None)
    key = (person_key(senior.person_id), person_key(junior.person_id))
    assert (key in _pairs(run)) is paired
    if not paired:
        assert run.result["unmatched"][0]["code"] == "reporting_line"


@pytest.mark.django_db
def test_pin_and_forbid_change_the_next_run(manager):
    programme = matching_programme()
    anne = mentee(programme, needs=LINKEDIN)
    bruno = mentee(programme, needs={"slack": (0, 3, 3)})
    expert_linkedin = mentor(programme, levels={"linkedin": 4})
    expert_slack = mentor(programme, levels={"slack": 4})
    first = domain.create_run_now(programme=programme, by=manager)
    k = lambda e: person_key(e.person_id)  # noqa: E731
    assert _pairs(first) == {(k(anne), k(expert_linkedin)), (k(bruno), k(expert_slack))}

    domain.set_override(
        programme=programme,
        mentee=anne,
        mentor=expert_linkedin,
        kind=OverrideKind.FORBID,
        by=manager,
    )
    second = domain.create_run_now(programme=programme, by=manager)
    assert (k(anne), k(expert_linkedin)) not in _pairs(second)
    assert second.matched == 2

    domain.set_override(
        programme=programme, mentee=bruno, mentor=expert_linkedin, kind=OverrideKind.PIN, by=manager
    )
    third = domain.create_run_now(programme=programme, by=manager)
    assert (k(bruno), k(expert_linkedin)) in _pairs(third)
    assert third.instance["pinned"] == [[k(bruno), k(expert_linkedin)]]
    assert [r.number for r in programme.match_runs.all()] == [3, 2, 1]


@pytest.mark.django_db
def test_pin_that_breaks_a_hard_constraint_is_refused(manager):
    programme = matching_programme()
    english = mentee(programme, needs=LINKEDIN, languages=["en"])
    french = mentor(programme, levels={"linkedin": 4}, languages=["fr"])
    with pytest.raises(ValidationError, match="langue"):
        domain.set_override(
            programme=programme, mentee=english, mentor=french, kind=OverrideKind.PIN, by=manager
        )


@pytest.mark.django_db
def test_unmatched_mentee_has_a_reason(manager):
    programme = matching_programme()
    mentee(programme, needs=LINKEDIN, languages=["en"])
    mentor(programme, levels={"linkedin": 4}, languages=["fr"])
    run = domain.create_run_now(programme=programme, by=manager)
    assert run.matched == 0
    assert run.result["unmatched"][0]["code"] == "no_common_language"


@pytest.mark.django_db(transaction=True)
def test_publish_is_idempotent_and_emails_each_member_once(manager):
    programme = matching_programme()
    a = mentee(programme, needs=LINKEDIN, email="a@example.org")
    m = mentor(programme, levels={"linkedin": 4}, email="m@example.org")
    run = domain.create_run_now(programme=programme, by=manager)
    first = domain.publish_run(run=run, by=manager, start_programme=True)
    second = domain.publish_run(run=run, by=manager)
    assert len(first.created) == 1 and second.created == [] and second.skipped == []
    assert Pair.objects.filter(mentee=a, mentor=m, status=PairStatus.ACTIVE).count() == 1
    assert sorted(msg.to[0] for msg in mail.outbox) == ["a@example.org", "m@example.org"]
    programme.refresh_from_db()
    assert programme.status == "running"
    # Paired people are not sent to the engine again.
    instance, _people = build_instance(programme)
    assert instance["mentees"] == [] and instance["mentors"] == []


@pytest.mark.django_db
def test_database_refuses_a_second_active_pair_for_a_mentee(manager):
    programme = matching_programme()
    a = mentee(programme, needs=LINKEDIN)
    m1 = mentor(programme, levels={"linkedin": 4})
    m2 = mentor(programme, levels={"linkedin": 4})
    domain.create_pair(programme=programme, mentee=a, mentor=m1, by=manager, notify=False)
    with pytest.raises(IntegrityError):
        Pair.objects.create(programme=programme, mentee=a, mentor=m2, place=1, mentor_capacity=1)


@pytest.mark.django_db
def test_manual_pair_checks_hard_constraints_and_capacity(manager):
    programme = matching_programme()
    boss = PersonFactory()
    junior = mentor(programme, levels={"linkedin": 4}, manager=boss)
    chief = mentee(programme, needs=LINKEDIN)
    junior.person.manager = chief.person
    junior.person.save()
    with pytest.raises(ValidationError, match="ligne hiérarchique"):
        domain.create_pair(programme=programme, mentee=chief, mentor=junior, by=manager, check=True)
    other = mentor(programme, levels={"linkedin": 4})
    domain.create_pair(
        programme=programme, mentee=chief, mentor=other, by=manager, check=True, notify=False
    )
    late = mentee(programme, needs=LINKEDIN)
    with pytest.raises(ValidationError, match="plus de place"):
        domain.create_pair(programme=programme, mentee=late, mentor=other, by=manager, check=True)


def _leave(*enrollments) -> None:
    """They left the company (as a full-sync import or the directory would record it)."""
    deactivate_people(people=[e.person for e in enrollments], by=None, reason=Departure.DIRECTORY)


@pytest.mark.django_db
def test_a_new_run_leaves_out_people_who_left_the_company(manager):
    programme = matching_programme()
    stays = mentee(programme, needs=LINKEDIN, first_name="Anne", last_name="Reste")
    gone_mentee = mentee(programme, needs=LINKEDIN, first_name="Paul", last_name="Parti")
    gone_mentor = mentor(programme, levels={"linkedin": 4}, first_name="Léa", last_name="Partie")
    kept_mentor = mentor(programme, levels={"linkedin": 4})
    _leave(gone_mentee, gone_mentor)
    run = domain.create_run_now(programme=programme, by=manager)
    sent = {e["id"] for side in ("mentees", "mentors") for e in run.instance[side]}
    assert sent == {person_key(stays.person_id), person_key(kept_mentor.person_id)}
    assert _pairs(run) == {(person_key(stays.person_id), person_key(kept_mentor.person_id))}
    # The run page says who was left out, and why.
    left_out = queries.run_view(run)["left_out"]
    assert [(i["person"].pk, str(i["role"])) for i in left_out] == [
        (gone_mentee.person_id, "Mentoré"),
        (gone_mentor.person_id, "Mentor"),
    ]
    assert {i["reason"] for i in left_out} == {str(LEFT_COMPANY)}
    assert "quitté l’entreprise" in str(LEFT_COMPANY)


@pytest.mark.django_db(transaction=True)
def test_publishing_refuses_a_run_whose_member_left_since(manager):
    programme = matching_programme()
    a = mentee(programme, needs=LINKEDIN, email="a@example.org")
    m = mentor(programme, levels={"linkedin": 4}, email="m@example.org")
    b = mentee(programme, needs=LINKEDIN, email="b@example.org")
    n = mentor(programme, levels={"linkedin": 4}, email="n@example.org", last_name="Départ")
    run = domain.create_run_now(programme=programme, by=manager)
    assert len(run.result["pairs"]) == 2
    _leave(n)
    with pytest.raises(ValidationError, match=r"Départ de l’entreprise.*Départ.*Relancez"):
        domain.publish_run(run=run, by=manager, start_programme=True)
    assert not Pair.objects.exists() and mail.outbox == []
    run.refresh_from_db()
    programme.refresh_from_db()
    assert run.published_at is None and programme.status == "matching"
    # Run again: the one who stays is matched, the leaver is not.
    again = domain.create_run_now(programme=programme, by=manager)
    report = domain.publish_run(run=again, by=manager)
    assert {(p.mentee_id, p.mentor_id) for p in report.created} in (
        {(a.pk, m.pk)},
        {(b.pk, m.pk)},
    )
    assert "n@example.org" not in [msg.to[0] for msg in mail.outbox]


@pytest.mark.django_db
def test_nobody_who_left_can_be_paired_or_pinned_by_hand(manager):
    programme = matching_programme()
    a = mentee(programme, needs=LINKEDIN)
    m = mentor(programme, levels={"linkedin": 4})
    _leave(m)
    with pytest.raises(ValidationError, match="Départ de l’entreprise"):
        domain.create_pair(programme=programme, mentee=a, mentor=m, by=manager, check=True)
    with pytest.raises(ValidationError, match="Départ de l’entreprise"):
        domain.set_override(
            programme=programme, mentee=a, mentor=m, kind=OverrideKind.PIN, by=manager
        )
    assert not Pair.objects.exists()
    # Forbidding a pair with a leaver does no harm.
    domain.set_override(
        programme=programme, mentee=a, mentor=m, kind=OverrideKind.FORBID, by=manager
    )


@pytest.fixture
def queued_tasks(settings):
    """Tasks are kept, not run, so a test sees what was queued and when."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend.results


@pytest.mark.django_db
def test_a_run_started_in_a_transaction_is_queued_only_when_it_commits(
    manager, queued_tasks, django_capture_on_commit_callbacks
):
    programme = matching_programme()
    mentee(programme, needs=LINKEDIN)
    mentor(programme, levels={"linkedin": 4})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            run = domain.start_match_run(programme=programme, by=manager)
            # A worker in another process could not see the run yet: nothing is queued.
            assert queued_tasks == []
        assert queued_tasks == []
    # one for the run, besides the results cache's (it forgets the tables written)
    assert len([c for c in callbacks if not hasattr(c, "rm_table")]) == 1
    assert [(r.task.name, r.kwargs) for r in queued_tasks] == [("run_match", {"run_id": run.pk})]
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED


@pytest.mark.django_db(transaction=True)
def test_a_run_rolled_back_with_its_transaction_is_never_queued(manager, queued_tasks):
    programme = matching_programme()
    mentee(programme, needs=LINKEDIN)
    mentor(programme, levels={"linkedin": 4})
    with pytest.raises(RuntimeError), transaction.atomic():
        domain.start_match_run(programme=programme, by=manager)
        raise RuntimeError("the outer transaction fails")
    assert queued_tasks == [] and not MatchRun.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_run_started_outside_a_transaction_is_solved_at_once_by_the_immediate_backend(manager):
    # Tests (and a development set-up) run tasks inline: the run is solved before it returns.
    programme = matching_programme()
    mentee(programme, needs=LINKEDIN)
    mentor(programme, levels={"linkedin": 4})
    run = domain.start_match_run(programme=programme, by=manager)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.matched == 1
