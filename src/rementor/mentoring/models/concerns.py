"""Confidential concerns to the programme manager, and ideas the pair gives the company."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class Concern(models.Model):
    """Readable by its author and programme managers only — never the other member."""

    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="concerns")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="concerns"
    )
    text = models.TextField(_("what worries you"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(_("how it was resolved"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")

    def __str__(self) -> str:
        return f"concern #{self.pk}"


class Idea(models.Model):
    """An idea for the company that came out of the pair's sessions (the brief's innovation)."""

    pair = models.ForeignKey("matching.Pair", on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("idea"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Adopted: a programme manager records that the idea became a change in the company
    # (what changed, and when); undone by clearing all three.
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_change = models.TextField(_("what changed"), blank=True, max_length=2000)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.title
