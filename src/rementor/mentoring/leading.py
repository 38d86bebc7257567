"""Who leads a pair (the programme's ``lead`` setting): the member asked to plan the next
session and set its agenda. The other member may still plan; only the nudges go to the one
who leads."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rementor.matching.models import Pair
from rementor.programmes.models import Lead, Programme


def leads(pair: Pair, role: str | None) -> bool:
    """Whether the member in ``role`` ("mentor" or "mentee") leads ``pair``."""
    return role is not None and role == pair.programme.lead_role


def leader_of(pair: Pair):
    """The enrolment of the member who leads ``pair``."""
    return pair.mentee if pair.programme.lead_role == Lead.MENTEE else pair.mentor


def lead_sentence(programme: Programme) -> str:
    """What both members read: who leads and what it means."""
    if programme.lead_role == Lead.MENTEE:
        return _(
            "In this programme, the mentee leads: the mentee schedules the sessions and sets "
            "their agenda."
        )
    return _(
        "In this programme, the mentor leads: the mentor proposes each session's agenda and times."
    )
