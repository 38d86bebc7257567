"""The role swap (issue 17): starting a pair's reciprocal phase.

Started by the junior (the pair's mentor) from the pair page, once the pair has held the
programme's ``reciprocal_after_sessions`` sessions, with the topic they choose — not
automatically when the last reverse session is logged: the topic is the junior's to choose,
and a phase started without one would leave the first reciprocal session with no subject (and
surprise a pair still finishing a theme). The start is recorded in the audit trail (the topic's
code only, never the words typed).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.audit.events import Event, acted_by, record
from rementor.matching.models import Pair
from rementor.mentoring.models import (
    MentoringSession,
    Phase,
    ReciprocalPhase,
    ReciprocalTopic,
    SessionStatus,
)
from rementor.mentoring.models.reciprocal import TOPIC_TEXT_MAX_LENGTH
from rementor.mentoring.phases import held_by_phase
from rementor.mentoring.rules import member_role
from rementor.mentoring.sessions import locked_pair


@dataclass(frozen=True)
class PhaseState:
    """What the pair page says about the role swap: the pair's phase, its topic (once
    started), sessions held in each phase and what the programme asks."""

    offered: bool  # the programme ends with a reciprocal phase
    phase: str
    reciprocal: ReciprocalPhase | None
    held_reverse: int
    held_reciprocal: int
    after_sessions: int
    sessions: int

    @property
    def eligible(self) -> bool:
        """The role swap may start: offered, not started, enough sessions held."""
        return self.offered and self.reciprocal is None and self.held_reverse >= self.after_sessions

    @property
    def still_needed(self) -> int:
        return max(0, self.after_sessions - self.held_reverse)


def phase_state(pair: Pair) -> PhaseState:
    """Two queries (none beyond the pair when its programme has no reciprocal phase and no
    session was ever marked with it)."""
    programme = pair.programme
    reciprocal = ReciprocalPhase.objects.filter(pair_id=pair.pk).first()
    held = held_by_phase(pair)
    return PhaseState(
        offered=programme.reciprocal_phase,
        phase=Phase.RECIPROCAL if reciprocal is not None else Phase.REVERSE,
        reciprocal=reciprocal,
        held_reverse=held[Phase.REVERSE],
        held_reciprocal=held[Phase.RECIPROCAL],
        after_sessions=programme.reciprocal_after_sessions,
        sessions=programme.reciprocal_sessions,
    )


def clean_topic(topic: str, topic_text: str) -> tuple[str, str]:
    """The topic and its words, checked: a known topic, words for "in my own words"."""
    topic_text = (topic_text or "").strip()
    errors: dict[str, str] = {}
    if topic not in ReciprocalTopic.values:
        errors["topic"] = _("Choose the topic you want to be mentored on.")
    elif topic == ReciprocalTopic.OWN and not topic_text:
        errors["topic_text"] = _("Say in a few words what you want to be mentored on.")
    if len(topic_text) > TOPIC_TEXT_MAX_LENGTH:
        errors["topic_text"] = _("Keep the topic under %(max)s characters.") % {
            "max": TOPIC_TEXT_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    return topic, topic_text


@acted_by
@transaction.atomic
def start_reciprocal_phase(*, pair: Pair, by, topic: str, topic_text: str = "") -> ReciprocalPhase:
    """Swap the pair's roles: from now on the senior mentors the junior on ``topic``.

    Only the junior (the pair's mentor) starts it — the topic is theirs to choose; refused when
    the programme has no reciprocal phase, before the pair held the sessions it asks, once
    started, and for a closed pair. Sessions still planned move to the reciprocal phase
    (they will be held in it)."""
    pair = locked_pair(pair, by)
    if member_role(by, pair) != "mentor":
        raise PermissionDenied
    programme = pair.programme
    if not programme.reciprocal_phase:
        raise ValidationError(_("This programme has no reciprocal phase."))
    if ReciprocalPhase.objects.filter(pair=pair).exists():
        raise ValidationError(_("The reciprocal phase has already started."))
    held = held_by_phase(pair)[Phase.REVERSE]
    needed = programme.reciprocal_after_sessions
    if held < needed:
        raise ValidationError(
            ngettext(
                "The roles swap after %(needed)s session held; this pair has held %(held)s.",
                "The roles swap after %(needed)s sessions held; this pair has held %(held)s.",
                needed,
            )
            % {"needed": needed, "held": held}
        )
    topic, topic_text = clean_topic(topic, topic_text)
    phase = ReciprocalPhase.objects.create(
        pair=pair, topic=topic, topic_text=topic_text, started_by=by
    )
    MentoringSession.objects.filter(
        pair=pair, status=SessionStatus.PLANNED, starts_at__gte=timezone.now()
    ).update(phase=Phase.RECIPROCAL)
    record(event=Event.RECIPROCAL_STARTED, actor=by, target=pair, details={"topic": topic})
    return phase
