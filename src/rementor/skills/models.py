"""The digital-skills taxonomy, bilingual and editable by programme managers."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rementor.core.i18n import localized
from rementor.skills.levels import Level

code_validator = RegexValidator(
    r"^[a-z0-9_]+$", _("Use lower-case letters, digits and underscores only, e.g. web_analytics.")
)


class SkillCategory(models.Model):
    code = models.CharField(_("code"), max_length=50, unique=True, validators=[code_validator])
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Skill(models.Model):
    category = models.ForeignKey(
        SkillCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="skills",
    )
    # Stable key used in assessments, exports and matching instances; never shown as a label.
    code = models.CharField(_("code"), max_length=50, unique=True, validators=[code_validator])
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Retired skills stay for history (assessments refer to them) but leave new forms.
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["category__position", "position", "code"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class AssessmentKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline self-assessment")
    FINAL = "final", _("Final self-assessment")
    MENTOR = "mentor", _("Mentor's proficiency")


class Assessment(models.Model):
    """One participant's skill levels in one programme, at one moment.

    Mentees fill a baseline (and later a final) self-assessment with current level, target and
    priority per skill; mentor candidates state their proficiency with evidence.
    """

    enrollment = models.ForeignKey(
        "programmes.Enrollment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssessmentKind.choices)
    wishes = models.TextField(_("what I want to be able to do"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "kind"], name="one_assessment_per_kind_and_enrollment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} — {self.get_kind_display()}"


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("current level"), choices=Level.choices)
    # Mentee only: where they want to be, and how much it matters (0 = not a priority).
    target = models.PositiveSmallIntegerField(
        _("target level"), choices=Level.choices, null=True, blank=True
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=0, validators=[MaxValueValidator(3)]
    )
    # Mentor only: a link or a sentence that backs the stated level.
    evidence = models.CharField(_("evidence"), max_length=500, blank=True)

    class Meta:
        ordering = ["skill__category__position", "skill__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "skill"], name="one_item_per_skill"),
            models.CheckConstraint(condition=models.Q(level__lte=4), name="item_level_0_4"),
            models.CheckConstraint(
                condition=models.Q(target__isnull=True) | models.Q(target__lte=4),
                name="item_target_0_4",
            ),
            models.CheckConstraint(condition=models.Q(priority__lte=3), name="item_priority_0_3"),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.level}"

    @property
    def gap(self) -> int:
        """Levels still to climb (0 when the target is reached or not set)."""
        return max(0, (self.target if self.target is not None else self.level) - self.level)

    @property
    def weighted_gap(self) -> int:
        return self.priority * self.gap
