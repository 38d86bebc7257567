"""Builders of the training tests."""

from __future__ import annotations

from rementor.training.models import TrainingModule


def right_answers(module: TrainingModule) -> dict[int, int]:
    """The module's quiz answered right: question pk -> index of the correct option."""
    return {q.pk: q.correct_index for q in module.questions.all()}
