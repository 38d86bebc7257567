"""A participant on a phone (390 px wide): the needs form and "my progress" fit the screen —
no sideways scrolling of the page; a wide table scrolls inside its own region."""

import pytest

from rementor.mentoring import feedback
from rementor.mentoring.models import MESSAGE_MAX_LENGTH, CheckInKind, PairMessage
from rementor.programmes.models import EnrollmentStatus, ProgrammeStatus
from rementor.skills.domain import ItemInput
from rementor.skills.models import Skill
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD, EnrollmentFactory, ProgrammeFactory, UserFactory
from tests.rementor.mentoring.factories import (
    check_in_answers,
    held,
    in_last_month,
    make_objective,
    make_pair,
)

SCROLL_WIDTH = "document.documentElement.scrollWidth"


def _fits(page) -> None:
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_needs_form_fits_a_phone(transactional_db, live_server, phone, language):
    programme = ProgrammeFactory(status=ProgrammeStatus.RECRUITING)
    programme.skills.set(Skill.objects.filter(is_active=True))
    user = UserFactory(email="mentee@example.org", language=language)
    EnrollmentFactory(programme=programme, person=user.person, status=EnrollmentStatus.INVITED)

    sign_in(phone, live_server.url, "mentee@example.org", PASSWORD)
    phone.goto(f"{live_server.url}/programmes/{programme.slug}/my-needs/")
    phone.wait_for_selector("table.needs-table")

    _fits(phone)
    # The form still works on a phone: a level can be chosen without scrolling the page.
    linkedin = Skill.objects.get(code="linkedin")
    level = phone.locator(f"[name=level_{linkedin.pk}]")
    level.select_option("2")
    _fits(phone)
    # Wide enough to read the chosen level ("2 — Basic"), not just its digit.
    assert level.bounding_box()["width"] >= PHONE["width"] / 2


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_my_progress_fits_a_phone(transactional_db, live_server, phone, role, language):
    pair, mentee_user, mentor_user = make_pair(
        mentee_email="mentee@example.org", mentor_email="mentor@example.org", language="en"
    )
    in_last_month(pair)
    held(pair, mentor_user)
    make_objective(pair, mentee_user, title="Publish a LinkedIn post every week, with a photo")
    make_objective(
        pair, mentor_user, owner="mentor", skill=None, area="pedagogy", title="Explain slowly"
    )
    feedback.submit_check_in(
        pair=pair,
        by=mentee_user,
        kind=CheckInKind.FINAL,
        **check_in_answers(),
        assessment_items=[
            ItemInput(skill_id=Skill.objects.get(code="linkedin").pk, level=3, target=3)
        ],
    )

    sign_in(phone, live_server.url, f"{role}@example.org", PASSWORD)
    phone.goto(f"{live_server.url}/mentoring/programmes/{pair.programme.slug}/my-progress/")
    phone.wait_for_selector("[data-testid=progress-sessions]")

    _fits(phone)


def test_pair_messages_fit_a_phone_and_keep_a_message_too_long(
    transactional_db, live_server, phone
):
    """A long unbroken link wraps inside its message; a message over the limit comes back with
    the error and the whole text in the box, still on one screen's width."""
    pair, _mentee_user, mentor_user = make_pair(
        mentee_email="mentee@example.org", mentor_email="mentor@example.org", language="en"
    )
    PairMessage.objects.create(
        pair=pair, author=mentor_user, text="Voir https://example.org/" + "a" * 300
    )
    sign_in(phone, live_server.url, "mentee@example.org", PASSWORD)
    phone.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/messages/")
    phone.wait_for_selector("[data-testid=thread]")
    _fits(phone)
    typed = "x" * (MESSAGE_MAX_LENGTH + 5)
    phone.fill("textarea[name=text]", typed)
    phone.click("form[data-testid=message-form] button[type=submit]")
    phone.wait_for_selector(".invalid-feedback")
    assert phone.input_value("textarea[name=text]") == typed
    _fits(phone)
    assert PairMessage.objects.count() == 1
