"""Training's domain: default modules, quiz, completion and reminders."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from rementor.training.domain import (
    QuestionInput,
    complete_module,
    create_module,
    install_default_modules,
    update_module,
)
from rementor.training.models import Audience, TrainingCompletion, TrainingModule
from tests.rementor.mentoring.factories import make_pair
from tests.rementor.training.factories import right_answers

pytestmark = pytest.mark.django_db


def test_install_default_modules_is_idempotent_and_keeps_edits():
    pair, _, _ = make_pair()
    assert install_default_modules(programme=pair.programme) == 5
    module = TrainingModule.objects.get(programme=pair.programme, code="confidentiality")
    module.title_en = "Edited"
    module.save()
    assert install_default_modules(programme=pair.programme) == 0
    module.refresh_from_db()
    assert module.title_en == "Edited"
    assert TrainingModule.objects.filter(programme=pair.programme).count() == 5


def test_default_modules_are_bilingual_with_a_quiz():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    for module in TrainingModule.objects.filter(programme=pair.programme):
        assert module.body_fr.startswith("# ") and module.body_en.startswith("# ")
        assert module.body_fr != module.body_en
        assert 1 <= module.questions.count() <= 3
        for q in module.questions.all():
            assert len(q.options_fr) == len(q.options_en) >= 2
            assert 0 <= q.correct_index < len(q.options_fr)


def test_complete_module_with_a_wrong_answer_is_refused():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    module = TrainingModule.objects.get(programme=pair.programme, code="objectives")
    answers = right_answers(module)
    first = next(iter(answers))
    answers[first] = (answers[first] + 1) % 3
    with pytest.raises(ValidationError):
        complete_module(module=module, enrollment=pair.mentee, answers=answers)
    assert not TrainingCompletion.objects.exists()


def test_complete_module_is_recorded_once():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    module = TrainingModule.objects.get(programme=pair.programme, code="objectives")
    first = complete_module(module=module, enrollment=pair.mentee, answers=right_answers(module))
    again = complete_module(module=module, enrollment=pair.mentee, answers={})
    assert first.pk == again.pk and first.quiz_score == 100
    assert TrainingCompletion.objects.count() == 1


def test_complete_module_of_the_other_audience_is_refused():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    module = TrainingModule.objects.get(programme=pair.programme, code="teaching-senior")
    with pytest.raises(ValidationError):
        complete_module(module=module, enrollment=pair.mentee, answers=right_answers(module))


def test_complete_module_without_quiz_needs_no_answers():
    pair, _, _ = make_pair()
    module = create_module(
        programme=pair.programme,
        by=None,
        audience=Audience.MENTEE,
        title_fr="Bienvenue",
        title_en="Welcome",
        body_fr="Bonjour",
        body_en="Hello",
        duration_minutes=3,
    )
    completion = complete_module(module=module, enrollment=pair.mentee, answers={})
    assert completion.quiz_score is None


def test_update_module_rejects_mismatched_options():
    pair, _, _ = make_pair()
    install_default_modules(programme=pair.programme)
    module = TrainingModule.objects.get(programme=pair.programme, code="dynamic")
    bad = QuestionInput("Q?", "Q?", ["a", "b"], ["a"], 0)
    with pytest.raises(ValidationError):
        update_module(module=module, by=None, questions=[bad], title_en="New")
    module.refresh_from_db()
    assert module.title_en != "New"  # all or nothing
    assert module.questions.count() == 2
