"""Training moved out of the mentoring app with its data: modules, quiz questions and
completions recorded before the move are still there after it, and so are their content
types (the permissions and audit-log entries that point at them)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rementor.training.models import QuizQuestion, TrainingCompletion, TrainingModule
from tests.rementor.mentoring.factories import make_pair

BEFORE = [("mentoring", "0002_pulse_comment_shared")]


@pytest.mark.django_db(transaction=True)
def test_moving_training_to_its_own_app_keeps_modules_and_completions():
    pair, _mentee_user, _mentor_user = make_pair()
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        # As it stood before the move: the models belong to mentoring, and so do their
        # content types, with a permission pointing at one.
        old = executor.loader.project_state(BEFORE).apps
        assert "training_trainingmodule" not in connection.introspection.table_names()
        Module = old.get_model("mentoring", "TrainingModule")
        module = Module.objects.create(
            programme_id=pair.programme_id,
            code="welcome",
            audience="both",
            title_fr="Bienvenue",
            title_en="Welcome",
            body_fr="Bonjour",
            body_en="Hello",
        )
        old.get_model("mentoring", "QuizQuestion").objects.create(
            module_id=module.pk,
            text_fr="Q ?",
            text_en="Q?",
            options_fr=["oui", "non"],
            options_en=["yes", "no"],
            correct_index=0,
        )
        completion = old.get_model("mentoring", "TrainingCompletion").objects.create(
            module_id=module.pk, enrollment_id=pair.mentee_id, quiz_score=100
        )
        OldContentType = old.get_model("contenttypes", "ContentType")
        content_type = OldContentType.objects.get_or_create(
            app_label="mentoring", model="trainingmodule"
        )[0]
        permission = old.get_model("auth", "Permission").objects.get_or_create(
            content_type=content_type,
            codename="view_trainingmodule",
            defaults={"name": "Can view training module"},
        )[0]

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        ContentType.objects.clear_cache()

        moved = TrainingModule.objects.get(pk=module.pk)
        assert (moved.code, moved.title_en, moved.programme_id) == (
            "welcome",
            "Welcome",
            pair.programme_id,
        )
        questions = QuizQuestion.objects.filter(module=moved)
        assert list(questions.values_list("text_en", "options_en", "correct_index")) == [
            ("Q?", ["yes", "no"], 0)
        ]
        done = TrainingCompletion.objects.get(pk=completion.pk)
        assert (done.module_id, done.enrollment_id, done.quiz_score) == (
            module.pk,
            pair.mentee_id,
            100,
        )
        # The tables carry the new app's name; the old ones are gone, not copied.
        tables = connection.introspection.table_names()
        assert "training_trainingmodule" in tables and "mentoring_trainingmodule" not in tables
        # The same content type row, now under the new label: what pointed at it still does.
        assert ContentType.objects.get_for_model(TrainingModule).pk == content_type.pk
        assert not ContentType.objects.filter(app_label="mentoring", model="trainingmodule")
        assert Permission.objects.get(pk=permission.pk).content_type.app_label == "training"
    finally:
        # Leave the database as the other tests expect it, whatever came after.
        MigrationExecutor(connection).migrate(latest)
        ContentType.objects.clear_cache()
