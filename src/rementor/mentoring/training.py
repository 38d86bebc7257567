"""Training both parties: modules per audience, their quiz, completion, and reminders.

Every write is a keyword-only function here; views, the demo, commands and the API call them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rementor.mentoring.models import Audience, QuizQuestion, TrainingCompletion, TrainingModule
from rementor.people.queries import is_reachable
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role

DEFAULTS_DIR = Path(__file__).parent / "training_defaults"
# Who is expected to train: people taking part (not the invited, declined or withdrawn).
TRAINEE_STATUSES = (EnrollmentStatus.ACCEPTED, EnrollmentStatus.COMPLETED)


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


def default_text(name: str, language: str) -> str:
    """A text shipped with the product (``training_defaults/<name>.<language>.*``)."""
    lang = language[:2] if language[:2] in ("fr", "en") else "fr"
    (path,) = DEFAULTS_DIR.glob(f"{name}.{lang}.*")
    return path.read_text(encoding="utf-8").strip()


def audiences_for(role: str) -> list[str]:
    """The audiences a mentor or a mentee belongs to."""
    return [Audience.BOTH, Audience.MENTOR if role == Role.MENTOR else Audience.MENTEE]


def modules_for(enrollment: Enrollment) -> QuerySet[TrainingModule]:
    """The published modules ``enrollment`` is asked to take, in order."""
    return TrainingModule.objects.filter(
        programme_id=enrollment.programme_id,
        is_published=True,
        audience__in=audiences_for(enrollment.role),
    )


def modules_left(enrollment: Enrollment) -> int:
    """How many of ``enrollment``'s modules are not completed yet (two queries)."""
    modules = modules_for(enrollment)
    done = TrainingCompletion.objects.filter(enrollment=enrollment, module__in=modules).count()
    return modules.count() - done


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
            body_fr=default_text(entry["code"], "fr"),
            body_en=default_text(entry["code"], "en"),
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


_MODULE_FIELDS = (
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
    unknown = set(fields) - set(_MODULE_FIELDS)
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
        if name not in _MODULE_FIELDS:
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


@dataclass
class Progress:
    enrollment: Enrollment
    total: int = 0
    done: int = 0
    missing: list[TrainingModule] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


def progress_of(enrollments: Iterable[Enrollment], programme: Programme) -> list[Progress]:
    """Each enrolment's training progress in ``programme`` (two queries whatever the count)."""
    enrollments = list(enrollments)
    modules = list(programme.training_modules.filter(is_published=True))
    done = set(
        TrainingCompletion.objects.filter(
            enrollment__in=enrollments, module__in=modules
        ).values_list("enrollment_id", "module_id")
    )
    result = []
    for enrollment in enrollments:
        progress = Progress(enrollment)
        for module in modules:
            if module.audience in audiences_for(enrollment.role):
                progress.total += 1
                if (enrollment.pk, module.pk) in done:
                    progress.done += 1
                else:
                    progress.missing.append(module)
        result.append(progress)
    return result


def completion_table(programme: Programme) -> dict[str, list[Progress]]:
    """Training progress of everyone taking part, by role, those furthest behind first."""
    trainees = (
        Enrollment.objects.filter(programme=programme, status__in=TRAINEE_STATUSES)
        .select_related("person", "person__user")
        .order_by("person__last_name", "person__first_name")
    )
    table: dict[str, list[Progress]] = {Role.MENTEE: [], Role.MENTOR: []}
    for progress in progress_of(trainees, programme):
        table[progress.enrollment.role].append(progress)
    for rows in table.values():
        rows.sort(key=lambda p: p.finished)
    return table


def module_completion_counts(programme: Programme) -> dict[int, int]:
    """How many people completed each module of ``programme``."""
    return dict(
        TrainingModule.objects.filter(programme=programme)
        .annotate(
            n=Count("completions", filter=Q(completions__enrollment__status__in=TRAINEE_STATUSES))
        )
        .values_list("pk", "n")
    )


def send_training_reminders(*, programme: Programme, by) -> int:
    """E-mail everyone taking part in ``programme`` who has not finished their training (in
    their language, with a link to their training page); returns how many were e-mailed.
    Mails leave once the surrounding transaction commits."""
    behind = [
        p
        for table in completion_table(programme).values()
        for p in table
        if not p.finished and p.enrollment.status == EnrollmentStatus.ACCEPTED
    ]
    recipients = []
    for progress in behind:
        user = getattr(progress.enrollment.person, "user", None)
        if is_reachable(user) and user.email:
            recipients.append((progress, user))

    def _send() -> None:
        link = settings.RM_BASE_URL.rstrip("/") + reverse(
            "mentoring:my_training", kwargs={"slug": programme.slug}
        )
        for progress, user in recipients:
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
                body = render_to_string("mentoring/email/training_reminder.txt", context)
            send_mail(subject, body, None, [user.email])

    transaction.on_commit(_send)
    return len(recipients)
