"""A programme's session plan: the agenda library it draws from, its ordered steps, and a
pair's own version of the plan when the pair reorders or replaces themes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Long enough for a list of points to cover, short enough for an invitation's description.
THEME_MAX_LENGTH = 200
AGENDA_MAX_LENGTH = 2000


class AgendaTopic(models.Model):
    """One entry of a programme's agenda library: a theme and its suggested agenda in both
    languages, tied to one of the programme's skills in focus when there is one."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="agenda_topics"
    )
    skill = models.ForeignKey(
        "skills.Skill",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skill"),
    )
    position = models.PositiveSmallIntegerField(default=0)
    theme_fr = models.CharField(_("theme (French)"), max_length=THEME_MAX_LENGTH, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=THEME_MAX_LENGTH, blank=True)
    agenda_fr = models.TextField(_("suggested agenda (French)"), blank=True)
    agenda_en = models.TextField(_("suggested agenda (English)"), blank=True)

    class Meta:
        ordering = ["programme", "position", "pk"]
        verbose_name = _("agenda library entry")
        verbose_name_plural = _("agenda library")

    def __str__(self) -> str:
        return self.theme_en or self.theme_fr


class PlanStep(models.Model):
    """Session ``number`` (from 1) of the programme's plan."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="plan_steps"
    )
    number = models.PositiveSmallIntegerField()
    theme_fr = models.CharField(_("theme (French)"), max_length=THEME_MAX_LENGTH, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=THEME_MAX_LENGTH, blank=True)
    agenda_fr = models.TextField(_("suggested agenda (French)"), blank=True)
    agenda_en = models.TextField(_("suggested agenda (English)"), blank=True)

    class Meta:
        ordering = ["programme", "number", "pk"]
        verbose_name = _("session plan step")
        verbose_name_plural = _("session plan")

    def __str__(self) -> str:
        return f"{self.number}. {self.theme_en or self.theme_fr}"


class PairPlanStep(models.Model):
    """Session ``number`` of a pair's own plan, written in the pair's words. A pair without
    such rows follows its programme's plan; the programme's plan never changes with them."""

    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="plan_steps")
    number = models.PositiveSmallIntegerField()
    theme = models.CharField(_("theme"), max_length=THEME_MAX_LENGTH)
    agenda = models.TextField(_("suggested agenda"), blank=True)

    class Meta:
        ordering = ["pair", "number", "pk"]
        verbose_name = _("pair's session plan step")
        verbose_name_plural = _("pair's session plan")

    def __str__(self) -> str:
        return f"{self.number}. {self.theme}"
