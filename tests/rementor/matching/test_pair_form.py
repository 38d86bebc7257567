"""The form to pair by hand lists every accepted participant by name: written from plain
values on the page, it offers the same options, in the same order, as the form does from
the model rows (the form that checks a posted choice)."""

import pytest

from rementor.matching.views import _pair_form
from rementor.people.domain import deactivate_person
from tests.rementor.matching.factories import matching_programme, mentee, mentor

pytestmark = pytest.mark.django_db


def _options(form, name: str) -> str:
    """The options of the select (its own attributes differ on a bound form)."""
    select = str(form[name])
    return select[select.index(">") + 1 :]


def test_names_listed_as_the_model_rows_list_them():
    programme = matching_programme()
    mentee(programme, needs={"linkedin": (1, 3, 3)}, first_name="Zoé", last_name="Abel")
    mentee(programme, needs={"linkedin": (1, 3, 3)}, first_name="Anne", last_name="O'Brien <b>")
    mentor(programme, levels={"linkedin": 4}, first_name="Léo", last_name="Martin & Fils")
    gone = mentor(programme, levels={"linkedin": 4}, first_name="Paul", last_name="Parti")
    deactivate_person(person=gone.person, by=None, reason="directory")

    listed = _pair_form(programme)
    from_rows = _pair_form(programme, data={})

    for name in ("mentee", "mentor"):
        assert _options(listed, name) == _options(from_rows, name)
    page = _options(listed, "mentee") + _options(listed, "mentor")
    assert "O&#x27;Brien &lt;b&gt;" in page and "<b>" not in page
    assert "Martin &amp; Fils" in page and "Parti" not in page
    assert page.index("Abel") < page.index("O&#x27;Brien")
