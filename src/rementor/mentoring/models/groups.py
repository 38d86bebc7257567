"""Group reverse mentoring (issue 17): one mentor and several mentees meeting as a group
(a "reverse advisory board"). Each mentee keeps their own pair with the mentor, so matching,
analytics, check-ins and pair-private content stay per pair; the group only gathers pairs
and holds what the whole group shares: its note. Nothing pair-private points at a group."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GROUP_NAME_MAX_LENGTH = 120
GROUP_NOTE_MAX_LENGTH = 10000
GROUP_OBJECTIVE_MAX_LENGTH = 300


class MentoringGroup(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="mentoring_groups",
    )
    # The mentor every pair of the group shares (their enrolment in the programme).
    mentor = models.ForeignKey(
        "programmes.Enrollment", on_delete=models.CASCADE, related_name="mentoring_groups"
    )
    name = models.CharField(_("name"), max_length=GROUP_NAME_MAX_LENGTH, blank=True)
    # Seen by the group's members and the programme's managers; never a pair's notes.
    shared_note = models.TextField(
        _("shared group note"), blank=True, max_length=GROUP_NOTE_MAX_LENGTH
    )
    note_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note_updated_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("mentoring group")
        verbose_name_plural = _("mentoring groups")

    def __str__(self) -> str:
        return self.name or f"group #{self.pk}"


class GroupMembership(models.Model):
    """A pair in a group: a pair belongs to one group at most (the one-to-one), and leaving
    the group deletes this row only, never the pair or anything it wrote."""

    group = models.ForeignKey(MentoringGroup, on_delete=models.CASCADE, related_name="members")
    pair = models.OneToOneField(
        "matching.Pair", on_delete=models.CASCADE, related_name="group_membership"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pair in a group")
        verbose_name_plural = _("pairs in groups")

    def __str__(self) -> str:
        return f"group membership #{self.pk}"


class GroupObjective(models.Model):
    """What the whole group works towards, seen and written by all its members (a pair's own
    objectives stay the pair's). Managers see none, as they read no group note."""

    group = models.ForeignKey(MentoringGroup, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=GROUP_OBJECTIVE_MAX_LENGTH)
    achieved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("group objective")
        verbose_name_plural = _("group objectives")

    def __str__(self) -> str:
        return f"group objective #{self.pk}"
