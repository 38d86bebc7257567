"""The "my progress" page: a mentee's start against finish, a mentor's own objectives and
stated proficiency, in both languages — and only ever for the person themself."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rementor.matching.domain import create_pair
from rementor.mentoring import feedback
from rementor.mentoring.models import CheckInKind, Objective, ObjectiveStatus
from rementor.skills.domain import ItemInput
from rementor.skills.models import AssessmentKind, Skill
from tests.factories import EnrollmentFactory, UserFactory, client_for
from tests.rementor.matching.factories import mentee
from tests.rementor.mentoring.factories import (
    check_in_answers,
    held,
    in_last_month,
    make_objective,
    make_pair,
    planned,
)

pytestmark = pytest.mark.django_db


def _page(user, programme, language="en"):
    response = client_for(user).get(
        reverse("mentoring:my_progress", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _row(html: str, testid: str) -> str:
    """The cells of a table row as read, without the column names shown on phones."""
    start = html.index(">", html.index(f'data-testid="{testid}"')) + 1
    row = html[start : html.index("</tr>", start)]
    return _text(re.sub(r'<span class="stack-col"[^>]*>[^<]*</span>', "", row))


def _finished_pair():
    """A pair in its last month: the mentee's final check-in answered (LinkedIn from 1 to 3),
    two sessions held and one planned, one objective achieved and one in progress."""
    pair, mentee_user, mentor_user = make_pair()
    in_last_month(pair)
    linkedin = Skill.objects.get(code="linkedin")
    feedback.submit_check_in(
        pair=pair,
        by=mentee_user,
        kind=CheckInKind.FINAL,
        **check_in_answers(),
        assessment_items=[ItemInput(skill_id=linkedin.pk, level=3, target=3, priority=3)],
    )
    held(pair, mentor_user, days=-20)
    held(pair, mentor_user, days=-6)
    planned(pair, mentor_user, days=5)
    done = make_objective(pair, mentee_user, title="Post every week")
    make_objective(pair, mentee_user, title="Read our analytics")
    Objective.objects.filter(pk=done.pk).update(status=ObjectiveStatus.ACHIEVED, progress=100)
    return pair, mentee_user, mentor_user


def test_mentee_sees_start_against_finish_in_english():
    pair, mentee_user, _mentor_user = _finished_pair()

    html = _page(mentee_user, pair.programme)

    assert _row(html, "skill-linkedin") == (
        "LinkedIn 1 — Aware 3 — Proficient 3 — Proficient target reached +2"
    )
    text = _text(html)
    assert "1 objective achieved · 1 still to reach" in text
    assert "Post every week" in text and "Read our analytics" in text
    assert "· 2 sessions held, 1 planned" in text


def test_mentee_sees_start_against_finish_in_french():
    pair, mentee_user, _mentor_user = _finished_pair()

    html = _page(mentee_user, pair.programme, "fr")

    assert _row(html, "skill-linkedin") == (
        "LinkedIn 1 — Notions 3 — Autonome 3 — Autonome objectif atteint +2"
    )
    text = _text(html)
    assert "1 objectif atteint · 1 encore à atteindre" in text
    assert "· 2 séances tenues, 1 prévue" in text
    assert "Aware" not in text and "sessions held" not in text


def test_mentee_without_final_objectives_or_sessions_reads_sentences():
    pair, mentee_user, _mentor_user = make_pair()

    html = _page(mentee_user, pair.programme)

    assert _row(html, "skill-linkedin") == "LinkedIn 1 — Aware 3 — Proficient — —"
    opens = feedback.check_in_opens(pair, CheckInKind.FINAL)
    assert 'data-testid="no-final"' in html
    assert f"{opens.day} {opens:%B %Y}" in _text(html)  # the day the final check-in opens
    assert 'data-testid="no-objectives"' in html
    assert "no session held yet" in _text(html)
    assert "<canvas" not in html and "<svg" not in html


def test_mentee_not_paired_yet_reads_sentences(programme, pair_member):
    html = _page(pair_member, programme)

    assert 'data-testid="no-baseline"' in html
    assert 'data-testid="no-pair"' in html
    assert "<table" not in html


def test_mentor_sees_own_objectives_sessions_and_stated_proficiency():
    pair, _mentee_user, mentor_user = make_pair()
    held(pair, mentor_user)
    make_objective(
        pair,
        mentor_user,
        owner="mentor",
        skill=None,
        title="Explain without jargon",
        area="communication",
    )
    make_objective(pair, mentor_user, title="The mentee's own goal")

    html = _page(mentor_user, pair.programme)

    text = _text(html)
    assert "Explain without jargon" in text
    assert "The mentee's own goal" not in text  # the mentee's objectives are not the mentor's
    assert 'data-testid="no-objective-pedagogy"' in html
    assert 'data-testid="no-objective-leadership"' in html
    assert "· 1 session held" in text
    assert _row(html, "stated-linkedin").startswith("LinkedIn 4 — Expert")
    assert 'data-testid="progress-skills"' not in html


def test_mentor_page_in_french():
    pair, _mentee_user, mentor_user = make_pair()

    html = _page(mentor_user, pair.programme, "fr")

    assert _row(html, "stated-linkedin").startswith("LinkedIn 4 — Expert")
    assert "aucune séance tenue pour l’instant" in _text(html)
    assert "Communication" in html and "Pédagogie" in html


def test_my_progress_refused_to_manager_and_sponsor(manager, sponsor):
    pair, _mentee_user, _mentor_user = make_pair()
    url = reverse("mentoring:my_progress", args=[pair.programme.slug])

    assert client_for(manager).get(url).status_code == 403
    assert client_for(sponsor).get(url).status_code == 403


def test_my_progress_refused_to_an_outsider(stranger):
    pair, _mentee_user, _mentor_user = make_pair()
    url = reverse("mentoring:my_progress", args=[pair.programme.slug])

    assert client_for(stranger).get(url).status_code == 404


def test_another_participant_only_ever_sees_their_own_progress():
    pair, mentee_user, _mentor_user = make_pair()
    make_objective(pair, mentee_user, title="Secret plan of the mentee")
    other = UserFactory()
    EnrollmentFactory(programme=pair.programme, person=other.person, role="mentee")

    html = _page(other, pair.programme)

    assert "Secret plan of the mentee" not in html
    assert 'data-testid="skill-linkedin"' not in html
    assert 'data-testid="no-pair"' in html


def test_progress_linked_from_pair_page_and_home():
    pair, mentee_user, _mentor_user = make_pair()
    url = reverse("mentoring:my_progress", args=[pair.programme.slug])
    client = client_for(mentee_user)

    assert url in client.get(reverse("mentoring:pair", args=[pair.pk])).content.decode()
    assert url in client.get(reverse("home")).content.decode()


def test_pair_page_has_no_progress_link_for_a_manager(manager):
    pair, _mentee_user, _mentor_user = make_pair()

    html = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert reverse("mentoring:my_progress", args=[pair.programme.slug]) not in html


def test_programme_dates_english_day_month_and_french_first_of_month():
    pair, mentee_user, _mentor_user = make_pair()
    programme = pair.programme
    programme.start_date = programme.start_date.replace(day=1)
    programme.save()

    english = _text(_page(mentee_user, programme))
    french = _text(_page(mentee_user, programme, "fr"))

    assert f"from 1 {programme.start_date:%B %Y} to" in english
    assert re.search(r"du 1er [a-zéû]+ \d{4} au", french)


def _more_mentees(pair, count: int) -> None:
    """``count`` more mentees for the pair's mentor, each with a held session and an
    objective of the mentor's."""
    pair.programme.max_mentor_capacity = count + 1
    pair.programme.save()
    pair.mentor.capacity = count + 1
    pair.mentor.save()
    for index in range(count):
        other = mentee(pair.programme, needs={"linkedin": (0, 2, 2)})
        extra = create_pair(
            programme=pair.programme, mentee=other, mentor=pair.mentor, by=None, notify=False
        )
        held(extra, None)
        Objective.objects.create(
            pair=extra, owner="mentor", area="leadership", title=f"Lead a meeting {index}"
        )


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_my_progress_queries_do_not_grow_with_pairs(role, django_assert_max_num_queries):
    """The page reads a participant's pairs, objectives and assessments in a fixed number of
    queries: a mentor with three mentees costs what a mentor with one does."""
    pair, mentee_user, mentor_user = make_pair()
    user = mentee_user if role == "mentee" else mentor_user
    client = client_for(user)
    url = reverse("mentoring:my_progress", args=[pair.programme.slug])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _more_mentees(pair, 2)
    with django_assert_max_num_queries(len(one)):
        html = client.get(url).content.decode()
    if role == "mentor":
        assert html.count('data-testid="pair-sessions-') == 3
        assert "Lead a meeting 1" in html


def test_a_skill_without_a_target_above_the_start_claims_no_target_reached():
    """Kept at its level on purpose (target = start, no priority): listed apart under "other
    skills", never "target reached" — that would be progress nobody made."""
    pair, mentee_user, _mentor_user = make_pair()
    in_last_month(pair)
    linkedin, slack = Skill.objects.get(code="linkedin"), Skill.objects.get(code="slack")
    feedback.submit_check_in(
        pair=pair,
        by=mentee_user,
        kind=CheckInKind.FINAL,
        **check_in_answers(),
        assessment_items=[
            ItemInput(skill_id=linkedin.pk, level=3, target=3, priority=3),
            ItemInput(skill_id=slack.pk, level=2, target=2, priority=0),
        ],
    )
    # Slack kept where it is: started at 2, target 2, no priority.
    pair.mentee.assessments.get(kind=AssessmentKind.BASELINE).items.create(
        skill=slack, level=2, target=2, priority=0
    )

    html = _page(mentee_user, pair.programme)

    wanted = html[: html.index("other skill")]
    assert 'data-testid="skill-linkedin"' in wanted
    assert 'data-testid="skill-slack"' not in wanted
    assert "target reached" not in _row(html, "skill-slack")
