"""Training both parties: the modules shipped with the product, modules written by managers
and their quiz, completion, and reminders to those behind.

Every write is a keyword-only function here; views, the demo, commands and the API call them.
The read side (who takes which module, progress) is in ``training/queries.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rementor.core.links import site_root
from rementor.people.queries import is_reachable
from rementor.programmes.models import Enrollment, Programme
from rementor.training.models import QuizQuestion, TrainingCompletion, TrainingModule
from rementor.training.queries import Progress, audiences_for, completion_table, not_finished

DEFAULTS_DIR = Path(__file__).parent / "defaults"


@dataclass(frozen=True)
class QuestionInput:
    """One quiz question as typed by a manager (or read from the shipped defaults)."""

    text_fr: str
    text_en: str
    options_fr: list[str]
    options_en: list[str]
    correct_index: int


@cache
def _default_index() -> list[dict]:
    return json.loads((DEFAULTS_DIR / "index.json").read_text(encoding="utf-8"))


def _default_text(name: str, language: str) -> str:
    """A text shipped with the product (``defaults/<name>.<language>.*``)."""
    lang = language[:2] if language[:2] in ("fr", "en") else "fr"
    (path,) = DEFAULTS_DIR.glob(f"{name}.{lang}.*")
    return path.read_text(encoding="utf-8").strip()


def _validate_questions(questions: Iterable[QuestionInput]) -> None:
    for number, q in enumerate(questions, start=1):
        if len(q.options_fr) != len(q.options_en) or len(q.options_fr) < 2:
            raise ValidationError(
                _("Question %(n)s needs at least two options, as many in French as in English.")
                % {"n": number}
            )
        if not 0 <= q.correct_index < len(q.options_fr):
            raise ValidationError(
                _("Question %(n)s: the correct option must be one of its options.") % {"n": number}
            )


def _replace_questions(module: TrainingModule, questions: list[QuestionInput]) -> None:
    _validate_questions(questions)
    module.questions.all().delete()
    QuizQuestion.objects.bulk_create(
        QuizQuestion(
            module=module,
            position=position,
            text_fr=q.text_fr,
            text_en=q.text_en,
            options_fr=list(q.options_fr),
            options_en=list(q.options_en),
            correct_index=q.correct_index,
        )
        for position, q in enumerate(questions)
    )


@transaction.atomic
def copy_modules(*, source: Programme, target: Programme) -> int:
    """Copy ``source``'s modules, with their quizzes, into ``target`` (a new programme made as a
    copy): texts, audiences, durations, order and published state as the managers left them.
    Nobody's completion is copied. Returns how many modules were copied."""
    copied = 0
    for module in TrainingModule.objects.filter(programme=source).prefetch_related("questions"):
        questions = list(module.questions.all())
        module.pk = None
        module._state.adding = True
        module.programme = target
        module.save()
        QuizQuestion.objects.bulk_create(
            QuizQuestion(
                module=module,
                position=q.position,
                text_fr=q.text_fr,
                text_en=q.text_en,
                options_fr=q.options_fr,
                options_en=q.options_en,
                correct_index=q.correct_index,
            )
            for q in questions
        )
        copied += 1
    return copied


def install_default_modules(*, programme: Programme) -> int:
    """Add the modules shipped with the product (both languages, with their quiz) to
    ``programme``; returns how many were added. Idempotent: a module whose code is already in
    the programme is left as the manager may have edited it."""
    existing = set(
        TrainingModule.objects.filter(programme=programme)
        .exclude(code="")
        .values_list("code", flat=True)
    )
    added = 0
    for position, entry in enumerate(_default_index(), start=1):
        if entry["code"] in existing:
            continue
        module = TrainingModule.objects.create(
            programme=programme,
            code=entry["code"],
            audience=entry["audience"],
            title_fr=entry["title_fr"],
            title_en=entry["title_en"],
            body_fr=_default_text(entry["code"], "fr"),
            body_en=_default_text(entry["code"], "en"),
            duration_minutes=entry["duration_minutes"],
            position=position * 10,
        )
        _replace_questions(
            module,
            [
                QuestionInput(
                    text_fr=q["text_fr"],
                    text_en=q["text_en"],
                    options_fr=q["options_fr"],
                    options_en=q["options_en"],
                    correct_index=q["correct_index"],
                )
                for q in entry.get("quiz", [])
            ],
        )
        added += 1
    return added


# The fields of a module a manager writes (the form shows these, the domain accepts only these).
MODULE_FIELDS = (
    "audience",
    "title_fr",
    "title_en",
    "body_fr",
    "body_en",
    "duration_minutes",
    "position",
    "is_published",
)


@transaction.atomic
def create_module(
    *, programme: Programme, by, questions: list[QuestionInput] | None = None, **fields
) -> TrainingModule:
    """A new module written by a manager (``fields``: audience, titles, bodies, duration,
    position, is_published), with its optional quiz."""
    unknown = set(fields) - set(MODULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown module fields: {sorted(unknown)}")
    if "position" not in fields:
        last = programme.training_modules.order_by("-position").first()
        fields["position"] = (last.position if last else 0) + 10
    module = TrainingModule(programme=programme, **fields)
    module.full_clean(exclude=["code"])
    module.save()
    _replace_questions(module, questions or [])
    return module


@transaction.atomic
def update_module(
    *, module: TrainingModule, by, questions: list[QuestionInput] | None = None, **fields
) -> TrainingModule:
    """Change a module and replace its quiz. Completions already recorded are kept."""
    for name, value in fields.items():
        if name not in MODULE_FIELDS:
            raise TypeError(f"unknown module field: {name}")
        setattr(module, name, value)
    module.full_clean(exclude=["code"])
    module.save()
    if questions is not None:
        _replace_questions(module, questions)
    return module


def set_module_published(*, module: TrainingModule, published: bool, by) -> TrainingModule:
    """Publish or unpublish a module; participants only see published ones."""
    module.is_published = published
    module.save(update_fields=["is_published", "updated_at"])
    return module


def wrong_answers(*, module: TrainingModule, answers: Mapping[int, int | None]) -> list[int]:
    """The pks of the module's questions not answered right (``answers``: question pk ->
    chosen option index, None when unanswered)."""
    return [q.pk for q in module.questions.all() if answers.get(q.pk) != q.correct_index]


@transaction.atomic
def complete_module(
    *, module: TrainingModule, enrollment: Enrollment, answers: Mapping[int, int | None]
) -> TrainingCompletion:
    """Record that ``enrollment`` completed ``module``. Passing the quiz requires every answer
    right (``ValidationError`` otherwise). Recorded once: a second call returns the first."""
    if (
        module.programme_id != enrollment.programme_id
        or not module.is_published
        or module.audience not in audiences_for(enrollment.role)
    ):
        raise ValidationError(_("This module is not part of your training."))
    done = TrainingCompletion.objects.filter(module=module, enrollment=enrollment).first()
    if done is not None:
        return done
    has_quiz = module.questions.exists()
    if has_quiz and wrong_answers(module=module, answers=answers):
        raise ValidationError(_("Some answers are not right yet: check them and try again."))
    try:
        with transaction.atomic():
            return TrainingCompletion.objects.create(
                module=module, enrollment=enrollment, quiz_score=100 if has_quiz else None
            )
    except IntegrityError:  # recorded at the same moment by another request
        return TrainingCompletion.objects.get(module=module, enrollment=enrollment)


def send_training_reminder(*, progress: Progress, user, base_url: str = "") -> None:
    """E-mail ``user`` the training modules ``progress`` says are left, in their language,
    with a link to their training page (``base_url``: the site's address, else site_root())."""
    programme = progress.enrollment.programme
    base = (base_url or site_root()).rstrip("/")
    link = base + reverse("training:my_training", kwargs={"slug": programme.slug})
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "person": progress.enrollment.person,
            "programme": programme,
            "left": len(progress.missing),
            "modules": progress.missing,
            "minutes": sum(m.duration_minutes for m in progress.missing),
            "link": link,
        }
        subject = _("Your training for “%(programme)s”") % {"programme": programme.name}
        body = render_to_string("training/email/training_reminder.txt", context)
    send_mail(subject, body, None, [user.email])


def training_behind(programme: Programme) -> list[tuple[Progress, object]]:
    """Who is taking part in ``programme`` (accepted), has not finished their training and
    may be e-mailed, with their account."""
    behind = [p for table in completion_table(programme).values() for p in table if not_finished(p)]
    recipients = []
    for progress in behind:
        user = getattr(progress.enrollment.person, "user", None)
        if is_reachable(user) and user.email:
            recipients.append((progress, user))
    return recipients
