"""Which phase a pair is in (reverse mentoring, then the reciprocal phase when its programme
has one), and its sessions held in each: read by the writes that stamp a session or an
objective with the phase, and by the pair page."""

from __future__ import annotations

from django.db.models import Count

from rementor.matching.models import Pair
from rementor.mentoring.models import MentoringSession, Phase, ReciprocalPhase, SessionStatus


def current_phase(pair: Pair) -> str:
    """``Phase.RECIPROCAL`` once the pair's reciprocal phase started, else ``Phase.REVERSE``.
    One query."""
    if ReciprocalPhase.objects.filter(pair_id=pair.pk).exists():
        return Phase.RECIPROCAL
    return Phase.REVERSE


def held_by_phase(pair: Pair) -> dict[str, int]:
    """Sessions held per phase (every phase present, 0 when none). One query."""
    counts = dict.fromkeys(Phase.values, 0)
    rows = (
        MentoringSession.objects.filter(pair_id=pair.pk, status=SessionStatus.HELD)
        .order_by()
        .values("phase")
        .annotate(n=Count("pk"))
    )
    counts.update({row["phase"]: row["n"] for row in rows})
    return counts
