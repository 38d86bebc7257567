"""The ``match`` command: a dry run writes nothing, ``--publish`` creates the pairs."""

import io

import pytest
from django.core.management import call_command

from rementor.matching.models import MatchRun, Pair
from tests.rementor.matching.factories import matching_programme, mentee, mentor

LINKEDIN = {"linkedin": (1, 3, 3)}


@pytest.mark.django_db
def test_match_command_dry_run_writes_nothing_and_publish_pairs(manager):
    programme = matching_programme()
    mentee(programme, needs=LINKEDIN, first_name="Irène", last_name="Senior")
    mentor(programme, levels={"linkedin": 4})
    out = io.StringIO()
    call_command("match", programme.slug, "--dry-run", stdout=out)
    assert "matched 1" in out.getvalue() and "Irène Senior" in out.getvalue()
    assert not MatchRun.objects.exists()
    call_command("match", programme.slug, "--publish", stdout=io.StringIO())
    assert Pair.objects.filter(programme=programme).count() == 1
