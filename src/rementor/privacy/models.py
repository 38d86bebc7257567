"""Personal-data rights: erasure requests, the erasures done, and the retention purges.

The rows here never hold a name or an address: they point at the ``Person`` (which, once
erased, only carries a placeholder) so that they survive the anonymisation they record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ErasureStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("erasure request", "Pending")
    CONFIRMED = "confirmed", pgettext_lazy("erasure request", "Confirmed")
    DECLINED = "declined", pgettext_lazy("erasure request", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("erasure request", "Withdrawn")


class ErasureRequest(models.Model):
    """A participant's request to be erased; a programme manager confirms or declines it."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="erasure_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Read by programme managers only; cleared when the request is decided.
    reason = models.CharField(_("reason (optional)"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Why a request was declined: e-mailed to the person.
    decision_reason = models.TextField(_("reason for declining"), blank=True, max_length=1000)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="pending"),
                name="one_pending_erasure_request_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "declined", "withdrawn"]),
                name="erasure_request_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"erasure request #{self.pk}"


class ErasureCause(models.TextChoices):
    REQUEST = "request", _("The person's request")
    RETENTION = "retention", _("Retention period over")


class Erasure(models.Model):
    """A person anonymised: at most once, whatever the cause."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="erasure")
    cause = models.CharField(max_length=10, choices=ErasureCause.choices)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erased_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-erased_at", "-pk"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"erasure #{self.pk}"


class ProgrammePurge(models.Model):
    """A programme whose retention period is over and whose free texts were cleared."""

    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="purge"
    )
    purged_at = models.DateTimeField(auto_now_add=True)
    # Counts per kind of record (never any content).
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-purged_at", "-pk"]
        verbose_name = _("programme purge")
        verbose_name_plural = _("programme purges")

    def __str__(self) -> str:
        return f"purge of programme #{self.programme_id}"
