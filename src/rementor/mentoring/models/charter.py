"""The pair charter both members accept before their first session can be logged."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PairCharter(models.Model):
    pair = models.OneToOneField("matching.Pair", on_delete=models.CASCADE, related_name="charter")
    cadence_weeks = models.PositiveSmallIntegerField(_("weeks between sessions"), default=3)
    session_minutes = models.PositiveSmallIntegerField(_("session length (minutes)"), default=60)
    confidentiality = models.TextField(_("confidentiality rules"))
    mentee_commitments = models.TextField(_("the mentee's commitments"), blank=True)
    mentor_commitments = models.TextField(_("the mentor's commitments"), blank=True)
    first_objectives = models.TextField(_("first objectives"), blank=True)
    # Any change to the text clears both acceptances: each member accepts what they read.
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pair charter")
        verbose_name_plural = _("pair charters")

    def __str__(self) -> str:
        return str(self.pair)

    @property
    def is_signed(self) -> bool:
        return self.mentee_accepted_at is not None and self.mentor_accepted_at is not None
