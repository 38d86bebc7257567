"""The digital-skills taxonomy, bilingual and editable by programme managers."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rementor.core.i18n import localized

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
