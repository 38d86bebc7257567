"""Migrations of the mentoring app that touch who reads what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rementor.mentoring.models import Pulse
from tests.rementor.mentoring.factories import held, make_pair

BEFORE = [("mentoring", "0001_initial")]
AFTER = [("mentoring", "0002_pulse_comment_shared")]


@pytest.mark.django_db(transaction=True)
def test_pulse_comment_shared_migration_keeps_existing_comments_private():
    pair, _mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    Pulse.objects.create(
        session=session, author=pair.mentee, usefulness=4, comfort=4, comment="Before the box"
    )
    executor = MigrationExecutor(connection)
    # Every app's latest migration: going back here also unapplies the apps built on it.
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        # The comment as it stood before the box existed (its column gone with the migration).
        old = executor.loader.project_state(BEFORE).apps.get_model("mentoring", "Pulse")
        assert "comment_shared" not in [f.name for f in old._meta.fields]
        assert old.objects.get().comment == "Before the box"

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps.get_model("mentoring", "Pulse")
        assert list(new.objects.values_list("comment", "comment_shared")) == [
            ("Before the box", False)
        ]
    finally:
        # Leave the database as the other tests expect it, whatever came after.
        MigrationExecutor(connection).migrate(latest)
