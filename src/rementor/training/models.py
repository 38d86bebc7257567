"""Training modules per audience, their optional quiz, and who completed them.

Training hangs off the programme and each participant's enrolment, not off a pair.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rementor.core.i18n import localized, localized_list


class Audience(models.TextChoices):
    MENTOR = "mentor", _("Mentors")
    MENTEE = "mentee", _("Mentees")
    BOTH = "both", _("Mentors and mentees")


class TrainingModule(models.Model):
    """A short module written in Markdown, in French and English (rendered sanitised)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="training_modules"
    )
    # Stable key of a module shipped with the product ("" for modules written by managers).
    code = models.SlugField(max_length=60, blank=True)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_fr = models.TextField(_("content (French, Markdown)"))
    body_en = models.TextField(_("content (English, Markdown)"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                condition=~models.Q(code=""),
                name="one_default_module_per_programme",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def body(self) -> str:
        return localized(self, "body")


class QuizQuestion(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text_fr = models.CharField(_("question (French)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300)
    # Lists of answer options, the same length in both languages.
    options_fr = models.JSONField(_("options (French)"), default=list)
    options_en = models.JSONField(_("options (English)"), default=list)
    correct_index = models.PositiveSmallIntegerField(_("correct option (from 0)"), default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")

    @property
    def options(self) -> list[str]:
        return localized_list(self, "options")


class TrainingCompletion(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="completions")
    enrollment = models.ForeignKey(
        "programmes.Enrollment", on_delete=models.CASCADE, related_name="training_completions"
    )
    completed_at = models.DateTimeField(auto_now_add=True)
    # Share of quiz answers right (0-100), None when the module has no quiz.
    quiz_score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["module", "enrollment"], name="one_completion_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} — {self.module}"
