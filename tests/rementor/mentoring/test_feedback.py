import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from rementor.matching.models import PairStatus
from rementor.mentoring import feedback
from rementor.mentoring.models import CheckIn, CheckInKind, Pulse
from rementor.skills.models import Assessment, AssessmentKind
from tests.conftest import client_for
from tests.rementor.mentoring.factories import make_pair, pulses_one_shared_one_kept
from tests.rementor.mentoring.test_sessions import held, planned

pytestmark = pytest.mark.django_db


def _in_last_month(pair):
    """Move the programme so that today is in its last month (both check-ins are open)."""
    today = timezone.localdate()
    pair.programme.start_date = today - dt.timedelta(days=150)
    pair.programme.end_date = today + dt.timedelta(days=10)
    pair.programme.save()


def _answers(**extra):
    return {"progress": 4, "relationship": 5, "pace": 3, "recommend": 9, **extra}


# --- pulses ------------------------------------------------------------------------------------


def test_submit_pulse_on_held_session_once_per_member():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    feedback.submit_pulse(session=session, by=mentee_user, usefulness=4, comfort=5)
    feedback.submit_pulse(session=session, by=mentor_user, usefulness=3, comfort=4, comment="ok")

    assert {(p.author_id, p.usefulness) for p in Pulse.objects.all()} == {
        (pair.mentee_id, 4),
        (pair.mentor_id, 3),
    }
    with pytest.raises(ValidationError):
        feedback.submit_pulse(session=session, by=mentee_user, usefulness=1, comfort=1)


def test_submit_pulse_refused_before_session_is_held():
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user, days=-1)

    with translation.override("en"), pytest.raises(ValidationError, match="held"):
        feedback.submit_pulse(session=session, by=mentee_user, usefulness=4, comfort=4)


def test_submit_pulse_refused_for_manager(manager):
    pair, _mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    with pytest.raises(ValidationError):
        feedback.submit_pulse(session=session, by=manager, usefulness=4, comfort=4)


def test_submit_pulse_refuses_scores_out_of_range():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    with pytest.raises(ValidationError):
        feedback.submit_pulse(session=session, by=mentee_user, usefulness=6, comfort=4)
    assert not Pulse.objects.exists()


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


def test_submit_pulse_comment_is_private_unless_shared():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    feedback.submit_pulse(session=session, by=mentee_user, usefulness=4, comfort=4, comment="a")
    feedback.submit_pulse(
        session=session, by=mentor_user, usefulness=4, comfort=4, comment="", comment_shared=True
    )
    # Nothing to share without a sentence: the flag always describes a comment.
    assert dict(Pulse.objects.values_list("author", "comment_shared")) == {
        pair.mentee_id: False,
        pair.mentor_id: False,
    }


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


# --- check-ins ---------------------------------------------------------------------------------


def test_check_in_not_due_before_half_way():
    pair, mentee_user, _mentor_user = make_pair()
    today = timezone.localdate()
    pair.programme.start_date = today - dt.timedelta(days=10)
    pair.programme.end_date = today + dt.timedelta(days=170)
    pair.programme.save()

    assert not feedback.check_in_due(pair, CheckInKind.MIDTERM)
    with pytest.raises(ValidationError):
        feedback.submit_check_in(pair=pair, by=mentee_user, kind=CheckInKind.MIDTERM, **_answers())


def test_check_in_midterm_due_after_half_way_final_in_last_month():
    pair, _mentee_user, _mentor_user = make_pair()
    today = timezone.localdate()
    pair.programme.start_date = today - dt.timedelta(days=100)
    pair.programme.end_date = today + dt.timedelta(days=80)

    assert feedback.check_in_due(pair, CheckInKind.MIDTERM)
    assert not feedback.check_in_due(pair, CheckInKind.FINAL)
    assert feedback.check_in_due(pair, CheckInKind.FINAL, today=today + dt.timedelta(days=60))


def test_submit_midterm_check_in_once_per_member():
    pair, _mentee_user, mentor_user = make_pair()
    _in_last_month(pair)

    feedback.submit_check_in(pair=pair, by=mentor_user, kind=CheckInKind.MIDTERM, **_answers())

    assert CheckIn.objects.get().author_id == pair.mentor_id
    with pytest.raises(ValidationError):
        feedback.submit_check_in(pair=pair, by=mentor_user, kind=CheckInKind.MIDTERM, **_answers())


def test_submit_final_check_in_mentee_needs_final_assessment():
    pair, mentee_user, _mentor_user = make_pair()
    _in_last_month(pair)

    with pytest.raises(ValidationError):
        feedback.submit_check_in(pair=pair, by=mentee_user, kind=CheckInKind.FINAL, **_answers())
    assert not CheckIn.objects.exists()


def test_final_check_in_view_saves_check_in_and_final_assessment():
    pair, mentee_user, _mentor_user = make_pair()
    _in_last_month(pair)
    skills = list(pair.programme.skills.all())
    data = {**{k: str(v) for k, v in _answers().items()}, "highlight": "Hands-on work"}
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
    _in_last_month(pair)
    skill = pair.programme.skills.first()
    data = {k: str(v) for k, v in _answers().items()} | {
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
    _in_last_month(pair)

    response = client_for(mentor_user).get(reverse("mentoring:check_in", args=[pair.pk, "final"]))
    assert response.context["assessment_form"] is None
    feedback.submit_check_in(pair=pair, by=mentor_user, kind=CheckInKind.FINAL, **_answers())

    assert not Assessment.objects.filter(enrollment=pair.mentor, kind=AssessmentKind.FINAL).exists()


def test_check_in_links_shown_when_due():
    pair, mentee_user, _mentor_user = make_pair()
    _in_last_month(pair)

    html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert 'data-testid="check-in-due-midterm"' in html
    assert 'data-testid="check-in-due-final"' in html


def test_check_in_unknown_kind_is_404():
    pair, mentee_user, _mentor_user = make_pair()

    response = client_for(mentee_user).get(reverse("mentoring:check_in", args=[pair.pk, "other"]))

    assert response.status_code == 404
