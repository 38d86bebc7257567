import datetime as dt
import io

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from rementor.demo.company import DEMO_LOGINS, DEMO_PASSWORD
from rementor.mentoring.models import Pulse
from rementor.people.models import Person, User
from rementor.people.queries import reporting_chain
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.selection.models import MentorApplication
from tests.factories import client_for, log_in_through_form

_VOLATILE = {"created_at", "updated_at", "last_login", "date_joined", "changed_at"}


def _snapshot() -> list[str]:
    rows = []
    for model in apps.get_models():
        if model._meta.app_label not in {"people", "skills", "programmes"}:
            continue
        for obj in serializers.serialize("python", model.objects.order_by("pk")):
            fields = {k: v for k, v in obj["fields"].items() if k not in _VOLATILE}
            rows.append(f"{obj['model']}:{obj['pk']}:{sorted(fields.items())!r}")
    return rows


@pytest.mark.django_db
def test_demo_is_idempotent():
    call_command("demo", stdout=io.StringIO())
    first = _snapshot()
    call_command("demo", stdout=io.StringIO())
    assert _snapshot() == first


@pytest.mark.django_db
def test_demo_company_is_realistic():
    call_command("demo", stdout=io.StringIO())
    assert 280 <= Person.objects.count() <= 320
    departments = set(Person.objects.values_list("department__name", flat=True))
    assert {
        "Finance",
        "RH",
        "Marketing",
        "Ventes",
        "Juridique",
        "Production",
        "Informatique",
        "Communication",
    } <= departments
    assert len(set(Person.objects.values_list("site", flat=True))) >= 4
    deepest = max(len(reporting_chain(p, depth=10)) for p in Person.objects.all())
    assert deepest in (3, 4)  # 4 to 5 levels from the CEO down
    programme = Programme.objects.get(name="Programme de reverse mentoring 2026")
    assert programme.enrollments.filter(role=Role.MENTEE).count() >= 20
    assert programme.enrollments.filter(role=Role.MENTOR).count() >= 20
    # Some pulse comments shared with the programme team (the managers' views are not
    # empty), some kept private.
    comments = Pulse.objects.exclude(comment="")
    assert comments.filter(comment_shared=True).exists()
    assert comments.filter(comment_shared=False).exists()


@pytest.mark.django_db
def test_demo_logins_work_and_fit_their_roles():
    call_command("demo", stdout=io.StringIO())
    users = {u.email: u for u in User.objects.all()}
    assert {email for email, _role in DEMO_LOGINS} <= set(users)
    assert users["manager@example.com"].is_programme_manager
    assert users["sponsor@example.com"].is_sponsor
    roles = dict(
        Enrollment.objects.filter(
            person__user__email__in=["mentor@example.com", "mentee@example.com"]
        ).values_list("person__user__email", "role")
    )
    assert roles == {"mentor@example.com": "mentor", "mentee@example.com": "mentee"}
    for email, _role in DEMO_LOGINS:
        client = client_for(None)
        response = log_in_through_form(client, email=email, password=DEMO_PASSWORD)
        assert response.status_code == 302
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_second_programme_has_recruited_with_answers_missing():
    call_command("demo", stdout=io.StringIO())
    first = Programme.objects.get(slug="reverse-mentoring-2026")
    second = Programme.objects.get(slug="reverse-mentoring-2027")
    # Recruitment closed, its run proposed (with consent: see the proposals test).
    assert second.status == "matching"
    assert second.history.filter(to_status="matching").exists()
    assert second.start_date > first.end_date - dt.timedelta(weeks=4)
    # Nobody from the first wave, and none of the demo logins, is in the second.
    assert not set(first.enrollments.values_list("person_id", flat=True)) & set(
        second.enrollments.values_list("person_id", flat=True)
    )
    assert not second.enrollments.filter(person__user__email__in=[e for e, _ in DEMO_LOGINS])
    mentees = second.enrollments.filter(role=Role.MENTEE)
    assert mentees.count() == 18
    assert mentees.filter(status=EnrollmentStatus.ACCEPTED).count() == 11
    applications = MentorApplication.objects.filter(enrollment__programme=second)
    assert applications.count() == 8
    assert (
        second.enrollments.filter(role=Role.MENTOR, status=EnrollmentStatus.ACCEPTED).count() == 6
    )
    assert applications.filter(decided_at__isnull=True).count() == 2
    assert second.history.filter(to_status="recruiting").exists()
    # Made from the shipped template: six sessions every three weeks, consent to the pair,
    # and the template's session plan.
    assert (second.cadence_weeks, second.session_minutes, second.pair_consent) == (3, 60, True)
    assert second.plan_steps.count() == 6


@pytest.mark.django_db
def test_demo_has_a_circle_with_a_meeting():
    from rementor.circles.models import Circle

    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())  # once, however often the demo is loaded
    circle = Circle.objects.get()
    emails = set(circle.members.values_list("enrollment__person__user__email", flat=True))
    assert {"mentee@example.com", "mentor@example.com"} <= emails
    assert len(emails) >= 4
    assert circle.meetings.filter(status="planned").count() == 1


@pytest.mark.django_db
def test_one_demo_pair_has_swapped_roles():
    from rementor.mentoring.models import ReciprocalPhase

    call_command("demo", stdout=io.StringIO())
    programme = Programme.objects.get(slug="reverse-mentoring-2026")
    assert programme.reciprocal_phase
    phase = ReciprocalPhase.objects.get(pair__programme=programme)
    assert phase.started_by == phase.pair.mentor.person.user
    call_command("demo", stdout=io.StringIO())  # a second load changes nothing
    assert ReciprocalPhase.objects.filter(pair__programme=programme).count() == 1


@pytest.mark.django_db
def test_second_programme_shows_proposals_accepted_declined_and_waiting():
    from auditlog.models import LogEntry

    from rementor.matching.models import Pair, PairProposal

    call_command("demo", stdout=io.StringIO())
    second = Programme.objects.get(slug="reverse-mentoring-2027")
    proposals = PairProposal.objects.filter(programme=second)
    statuses = list(proposals.values_list("status", flat=True))
    assert statuses.count("accepted") == 3
    assert statuses.count("declined") == 1
    assert statuses.count("open") >= 2
    # Accepted by both: live pairs; declined: a reason for the team, both back in the pool.
    assert Pair.objects.filter(programme=second, status="active").count() == 3
    declined = proposals.get(status="declined")
    assert declined.decline_reason
    assert not Pair.objects.filter(mentee=declined.mentee).exists()
    # Answered through the same path as the members' page: every answer is in the trail.
    answers = LogEntry.objects.filter(additional_data__event="proposal_answered")
    assert answers.count() >= 3 * 2 + 2 + 1
    page = client_for(User.objects.get(email="manager@example.com")).get(
        "/programmes/reverse-mentoring-2027/proposals/"
    )
    assert page.status_code == 200
    html = page.content.decode()
    for state in ("accepted", "declined", "accepted_by_one", "waiting"):
        assert f'data-state="{state}"' in html
    call_command("demo", stdout=io.StringIO())  # a second load proposes nothing more
    assert PairProposal.objects.filter(programme=second).count() == len(statuses)


@pytest.mark.django_db
def test_results_show_retention_and_moves_against_the_rest_of_the_departments():
    from rementor.people.models import PersonChange

    call_command("demo", stdout=io.StringIO())
    assert PersonChange.objects.filter(kind="left").exists()
    assert PersonChange.objects.filter(kind="job_title").exists()
    page = client_for(User.objects.get(email="manager@example.com")).get(
        "/analytics/programmes/reverse-mentoring-2026/dashboard/"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="retention-table"' in html
    assert 'data-testid="retention-hidden"' not in html
    for key in ("mentor", "mentee", "comparison"):
        assert f'data-testid="retention-{key}"' in html
    retention = page.context["results"].retention
    assert retention.shown
    for line in retention.lines:
        assert [stat.state for _months, _day, stat in line.retained] == ["shown", "shown"]
        assert line.moved.value > 0
    # Someone left the rest of the departments within the year; every participant stayed.
    comparison = {line.key: line for line in retention.lines}["comparison"]
    assert comparison.retained[1][2].value < 1
