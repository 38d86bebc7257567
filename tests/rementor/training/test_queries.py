"""Training's read side: who takes which module, and how far everyone has got."""

from __future__ import annotations

import pytest

from rementor.training.domain import complete_module, install_default_modules
from rementor.training.queries import completion_table, modules_for
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.training.factories import right_answers

pytestmark = pytest.mark.django_db


def test_modules_for_role_include_both_and_own_audience():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    mentee_codes = set(modules_for(pair.mentee).values_list("code", flat=True))
    mentor_codes = set(modules_for(pair.mentor).values_list("code", flat=True))
    assert "learning-junior" in mentee_codes and "teaching-senior" not in mentee_codes
    assert "teaching-senior" in mentor_codes and "learning-junior" not in mentor_codes
    assert {"objectives", "dynamic", "confidentiality"} <= mentee_codes & mentor_codes


def test_completion_table_lists_who_has_not_finished_by_role():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    for module in modules_for(pair.mentor):
        complete_module(module=module, enrollment=pair.mentor, answers=right_answers(module))
    table = completion_table(pair.programme)
    mentor_row = next(p for p in table["mentor"] if p.enrollment == pair.mentor)
    mentee_row = next(p for p in table["mentee"] if p.enrollment == pair.mentee)
    assert mentor_row.finished and mentor_row.total == 4
    assert not mentee_row.finished and len(mentee_row.missing) == 4
