"""What the HRIS told us changed for a person over time: left, came back, moved.

Written by the people app's writes only (``people.domain`` for departures and returns,
``people.changes`` for moves), whatever brought the news: an HRIS import, a SCIM update, the
directory. The results page reads it for retention and internal moves
(``analytics.impact.retention``). The HRIS import has no grade or level column, so a move is
a change of job title or of department; promotions cannot be told apart from other moves.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.people.models.people import Person


class ChangeKind(models.TextChoices):
    LEFT = "left", pgettext_lazy("person change", "Left the company")
    RETURNED = "returned", pgettext_lazy("person change", "Came back")
    JOB_TITLE = "job_title", pgettext_lazy("person change", "Job title changed")
    DEPARTMENT = "department", pgettext_lazy("person change", "Department changed")


MOVES = (ChangeKind.JOB_TITLE, ChangeKind.DEPARTMENT)
PRESENCE = (ChangeKind.LEFT, ChangeKind.RETURNED)


class PersonChange(models.Model):
    """One change of one person, on the day Rementor learnt it. Old and new values are the
    job title or department name (nothing sensitive); empty for leaving and coming back."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="changes"
    )
    on = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("change"), max_length=20, choices=ChangeKind.choices)
    old_value = models.CharField(_("before"), max_length=200, blank=True)
    new_value = models.CharField(_("after"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "on", "pk"]
        verbose_name = _("change of a person")
        verbose_name_plural = _("changes of people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in ChangeKind]),
                name="person_change_kind_valid",
            )
        ]
        indexes = [models.Index(fields=["kind", "on"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} ({self.on})"
