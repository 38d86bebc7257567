"""Records of HRIS imports (``ImportBatch``) and saved column mappings (``ImportPreset``).

A batch keeps only what the preview validated (known fields, as JSON): the uploaded file
itself is never stored, and neither is any column outside the known fields (birth dates,
salaries and the like are dropped when the file is read).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", _("waiting for a column mapping")
    PREVIEWED = "previewed", _("previewed")
    APPLIED = "applied", _("applied")
    FAILED = "failed", _("failed")


class ImportPreset(models.Model):
    """A column mapping a programme manager saved for an HRIS layout Rementor did not know."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    # {field: file column header}, e.g. {"employee_id": "Matricule", ...}
    mapping = models.JSONField(_("column mapping"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("import preset")
        verbose_name_plural = _("import presets")

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One uploaded file: its preview, and whether (and when) it was applied."""

    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    preset = models.CharField(_("preset"), max_length=80, blank=True)
    encoding = models.CharField(_("encoding"), max_length=40, blank=True)
    full_sync = models.BooleanField(_("full sync"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_batches",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("to create"), default=0)
    updated_count = models.PositiveIntegerField(_("to update"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    deactivated_count = models.PositiveIntegerField(_("to deactivate"), default=0)
    # People in the file who had left and whose return the manager confirmed at apply time.
    reactivated_count = models.PositiveIntegerField(_("reactivated"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # Issues as {"code", "params", "row", "column"}: rendered in the reader's language.
    errors = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # The file's headers (for the mapping step), the validated rows and the planned changes.
    headers = models.JSONField(default=list, blank=True)
    columns = models.JSONField(default=dict, blank=True)  # {field: file column header}
    table = models.JSONField(default=list, blank=True)
    rows = models.JSONField(default=list, blank=True)
    plan = models.JSONField(default=list, blank=True)
    new_departments = models.JSONField(default=list, blank=True)
    # Employee IDs Excel stripped of their leading zeros ("123" for "000123"): the padding the
    # preview offers, as {"width": 6, "count": 12}, and the width the manager chose to pad
    # them to (0: the IDs are read as they are in the file). Never padded without asking.
    pad_offer = models.JSONField(default=dict, blank=True)
    pad_width = models.PositiveSmallIntegerField(_("IDs padded to"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def can_apply(self) -> bool:
        return self.status == ImportStatus.PREVIEWED and not self.errors

    @property
    def deactivations(self) -> list[dict]:
        """Planned entries of the people a full sync deactivates."""
        return [e for e in self.plan if e["action"] == "deactivate"]

    @property
    def closed_accounts(self) -> list[dict]:
        """The deactivations that also close an open account."""
        return [e for e in self.deactivations if e.get("account")]

    @property
    def returning(self) -> list[dict]:
        """Planned entries of people in the file who are inactive in Rementor (they left)."""
        return [e for e in self.plan if "is_active" in e.get("changes", {})]
