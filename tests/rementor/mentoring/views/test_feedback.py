"""Pulse and check-in pages, and the comments the pair page shows to whom."""

import pytest
from django.urls import reverse

from rementor.matching.models import PairStatus
from rementor.mentoring import feedback
from rementor.mentoring.models import CheckIn, CheckInKind, Pulse
from rementor.skills.models import Assessment, AssessmentKind
from tests.factories import client_for
from tests.rementor.mentoring.factories import (
    check_in_answers,
    held,
    in_last_month,
    make_pair,
    pulses_one_shared_one_kept,
)

pytestmark = pytest.mark.django_db


def test_pulse_view_saves_the_viewers_pulse():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    response = client_for(mentee_user).post(
        reverse("mentoring:pulse", args=[session.pk]),
        {"usefulness": "5", "comfort": "4", "comment": "Great"},
    )

    assert response.status_code == 302
    pulse = Pulse.objects.get()
    assert (pulse.author_id, pulse.usefulness, pulse.comfort) == (pair.mentee_id, 5, 4)


def test_pulse_view_says_who_reads_the_comment_and_saves_the_choice():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    url = reverse("mentoring:pulse", args=[session.pk])
    page = client_for(mentee_user).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Share this comment with the programme team" in page
    assert "only you can read your comment" in page
    assert "Your partner never sees it." in page

    client_for(mentee_user).post(
        url, {"usefulness": "5", "comfort": "4", "comment": "Shared", "comment_shared": "on"}
    )
    client_for(mentor_user).post(url, {"usefulness": "3", "comfort": "4", "comment": "Mine"})

    assert dict(Pulse.objects.values_list("comment", "comment_shared")) == {
        "Shared": True,
        "Mine": False,
    }


def test_session_page_shows_the_author_their_comment_and_the_partner_nothing():
    _pair, mentee_user, mentor_user, session = pulses_one_shared_one_kept(
        shared="MENTEE-SENTENCE", kept="MENTOR-SENTENCE", usefulness=5
    )
    url = reverse("mentoring:session", args=[session.pk])

    mentee_page = client_for(mentee_user).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "MENTEE-SENTENCE" in mentee_page and "MENTOR-SENTENCE" not in mentee_page
    assert "shared with the programme team; your partner does not see it" in mentee_page
    mentor_page = client_for(mentor_user).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "MENTOR-SENTENCE" in mentor_page and "MENTEE-SENTENCE" not in mentor_page
    assert "only you can read it" in mentor_page


def test_pair_page_shows_managers_shared_comments_only(manager):
    pair, mentee_user, mentor_user, _session = pulses_one_shared_one_kept(
        shared="MENTEE-SENTENCE", kept="MENTOR-SENTENCE", usefulness=5
    )
    url = reverse("mentoring:pair", args=[pair.pk])

    managed = client_for(manager).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pulse comments shared with the programme team" in managed
    assert "MENTEE-SENTENCE" in managed and "MENTOR-SENTENCE" not in managed
    for member in (mentee_user, mentor_user):
        page = client_for(member).get(url).content.decode()
        assert "MENTEE-SENTENCE" not in page and "MENTOR-SENTENCE" not in page


def test_pulse_view_keeps_input_when_a_score_is_missing():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    response = client_for(mentee_user).post(
        reverse("mentoring:pulse", args=[session.pk]), {"usefulness": "5", "comment": "Great"}
    )

    assert response.status_code == 200
    assert "comfort" in response.context["form"].errors
    assert response.context["form"]["comment"].value() == "Great"


def test_pulse_view_refused_on_ended_pair():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    pair.status = PairStatus.ENDED
    pair.save()

    response = client_for(mentee_user).post(
        reverse("mentoring:pulse", args=[session.pk]), {"usefulness": "5", "comfort": "4"}
    )

    assert response.status_code == 302
    assert not Pulse.objects.exists()


def test_final_check_in_view_saves_check_in_and_final_assessment():
    pair, mentee_user, _mentor_user = make_pair()
    in_last_month(pair)
    skills = list(pair.programme.skills.all())
    data = {**{k: str(v) for k, v in check_in_answers().items()}, "highlight": "Hands-on work"}
    for skill in skills:
        data |= {
            f"final-level_{skill.pk}": "3",
            f"final-target_{skill.pk}": "3",
            f"final-priority_{skill.pk}": "0",
        }

    response = client_for(mentee_user).post(
        reverse("mentoring:check_in", args=[pair.pk, "final"]), data
    )

    assert response.status_code == 302
    assert CheckIn.objects.get().kind == CheckInKind.FINAL
    final = Assessment.objects.get(enrollment=pair.mentee, kind=AssessmentKind.FINAL)
    assert {item.level for item in final.items.all()} == {3}


def test_final_check_in_view_is_all_or_nothing():
    pair, mentee_user, _mentor_user = make_pair()
    in_last_month(pair)
    skill = pair.programme.skills.first()
    data = {k: str(v) for k, v in check_in_answers().items()} | {
        f"final-level_{skill.pk}": "3",
        f"final-target_{skill.pk}": "1",  # below the level: refused
        f"final-priority_{skill.pk}": "0",
    }

    response = client_for(mentee_user).post(
        reverse("mentoring:check_in", args=[pair.pk, "final"]), data
    )

    assert response.status_code == 200
    assert not CheckIn.objects.exists()
    assert not Assessment.objects.filter(kind=AssessmentKind.FINAL).exists()


def test_final_check_in_for_mentor_has_no_assessment():
    pair, _mentee_user, mentor_user = make_pair()
    in_last_month(pair)

    response = client_for(mentor_user).get(reverse("mentoring:check_in", args=[pair.pk, "final"]))
    assert response.context["assessment_form"] is None
    feedback.submit_check_in(
        pair=pair, by=mentor_user, kind=CheckInKind.FINAL, **check_in_answers()
    )

    assert not Assessment.objects.filter(enrollment=pair.mentor, kind=AssessmentKind.FINAL).exists()


def test_check_in_links_shown_when_due():
    pair, mentee_user, _mentor_user = make_pair()
    in_last_month(pair)

    html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert 'data-testid="check-in-due-midterm"' in html
    assert 'data-testid="check-in-due-final"' in html


def test_check_in_unknown_kind_is_404():
    pair, mentee_user, _mentor_user = make_pair()

    response = client_for(mentee_user).get(reverse("mentoring:check_in", args=[pair.pk, "other"]))

    assert response.status_code == 404
