"""The role swap (issue 17): a pair's reciprocal phase, when its programme ends with one.

A pair is in the reverse phase (the junior mentors the senior) until a ``ReciprocalPhase`` row
exists for it; from then on the senior mentors the junior on the topic the junior chose.
Sessions and objectives carry the phase they belong to (``Phase``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Phase(models.TextChoices):
    REVERSE = "reverse", pgettext_lazy("pair phase", "Reverse mentoring")
    RECIPROCAL = "reciprocal", pgettext_lazy("pair phase", "Reciprocal phase")


class ReciprocalTopic(models.TextChoices):
    CAREER = "career", _("Career")
    LEADERSHIP = "leadership", _("Leadership")
    BUSINESS = "business", _("Understanding the business")
    OWN = "own", _("In my own words")


TOPIC_TEXT_MAX_LENGTH = 200


class ReciprocalPhase(models.Model):
    pair = models.OneToOneField(
        "matching.Pair", on_delete=models.CASCADE, related_name="reciprocal_phase"
    )
    topic = models.CharField(_("topic"), max_length=20, choices=ReciprocalTopic.choices)
    # What the junior typed: required for "in my own words", optional detail otherwise.
    topic_text = models.CharField(
        _("the topic in your own words"), max_length=TOPIC_TEXT_MAX_LENGTH, blank=True
    )
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reciprocal phase")
        verbose_name_plural = _("reciprocal phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__in=[t.value for t in ReciprocalTopic]),
                name="reciprocal_topic_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"reciprocal phase of pair #{self.pair_id}"

    @property
    def topic_label(self) -> str:
        """The topic as shown: what the junior typed for "in my own words", else the choice."""
        if self.topic == ReciprocalTopic.OWN:
            return self.topic_text
        return str(self.get_topic_display())
