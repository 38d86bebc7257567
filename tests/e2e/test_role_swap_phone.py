"""The role swap on a phone (390 px), in French and English: the junior sees the pair page's
role-swap part, forgets the topic's words (refused next to the field, what was typed kept),
then swaps the roles; the pair page shows the phase and the topic, and still fits."""

import pytest

from rementor.programmes.models import Programme
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD
from tests.rementor.mentoring.factories import held, make_pair, sign_charter

SCROLL_WIDTH = "document.documentElement.scrollWidth"


def _fits(page) -> None:
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_junior_swaps_roles_on_a_phone(transactional_db, live_server, phone, language):
    pair, mentee_user, mentor_user = make_pair(language=language)
    Programme.objects.filter(pk=pair.programme_id).update(
        reciprocal_phase=True, reciprocal_after_sessions=2, reciprocal_sessions=2
    )
    sign_charter(pair)
    held(pair, mentee_user, days=-3)
    held(pair, mentee_user, days=-2)

    sign_in(phone, live_server.url, mentor_user.email, PASSWORD)
    phone.goto(f"{live_server.url}/mentoring/pairs/{pair.pk}/")
    phone.wait_for_selector("[data-testid=reciprocal-section]")
    _fits(phone)
    phone.click("[data-testid=start-reciprocal-link]")
    phone.wait_for_selector("[data-testid=reciprocal-form]")
    _fits(phone)
    phone.check("input[name=topic][value=own]")
    phone.click("[data-testid=start-reciprocal]")  # "own words" without words: refused
    phone.wait_for_selector(".invalid-feedback")
    assert phone.is_checked("input[name=topic][value=own]")
    _fits(phone)
    phone.fill("input[name=topic_text]", "Négocier un budget")
    phone.click("[data-testid=start-reciprocal]")
    phone.wait_for_selector("[data-testid=reciprocal-topic]")
    assert "Négocier un budget" in phone.inner_text("[data-testid=reciprocal-topic]")
    _fits(phone)
