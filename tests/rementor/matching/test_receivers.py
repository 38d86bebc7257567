"""The matching app keeps closed programmes free of active pairs, whoever closes them."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rementor.matching.domain import create_pair
from rementor.matching.models import PairStatus
from rementor.mentoring.lifecycle import pause_pair
from rementor.programmes.domain import change_programme_status
from rementor.programmes.models import Programme, ProgrammeStatus
from tests.rementor.cockpit.factories import pairs, programme_at
from tests.rementor.matching.factories import mentee, mentor

pytestmark = pytest.mark.django_db


def test_closing_with_a_paused_pair_is_refused_and_rolled_back(manager):
    programme = programme_at("running")
    _first, second = pairs(programme, 2)
    pause_pair(pair=second, by=manager, reason="Holiday")
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        change_programme_status(programme=programme, to="closed", by=manager, close_early=True)
    assert "2 binômes actifs ou en pause" in error.value.messages[0]
    programme = Programme.objects.get(pk=programme.pk)
    assert programme.status == ProgrammeStatus.RUNNING
    assert programme.end_date > programme.start_date  # the early end was rolled back too
    assert not programme.history.exists()


def test_no_pair_is_made_in_a_closed_programme(manager):
    programme = programme_at("closed")
    with pytest.raises(ValidationError):
        create_pair(
            programme=programme,
            mentee=mentee(programme, needs={"linkedin": (1, 3, 3)}),
            mentor=mentor(programme, levels={"linkedin": 4}),
            by=manager,
            notify=False,
        )
    assert not programme.pairs.filter(status=PairStatus.ACTIVE).exists()
