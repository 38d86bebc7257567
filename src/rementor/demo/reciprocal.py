"""The demo programme ends with a reciprocal phase, and one pair that has held enough
sessions has swapped roles: the junior chose the topic, the senior now mentors them."""

from __future__ import annotations

from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import CheckInKind, Phase, ReciprocalPhase, ReciprocalTopic
from rementor.mentoring.phases import held_by_phase
from rementor.mentoring.reciprocal import start_reciprocal_phase
from rementor.programmes.domain import update_programme
from rementor.programmes.models import Programme


def load_reciprocal_phase(*, programme: Programme, manager) -> Pair | None:
    """Turn the phase on (after 3 sessions, for 2) and start it for the first active pair that
    has held 3 sessions, as its mentor would; None when no pair is ready or one already
    swapped (a second call changes nothing)."""
    if ReciprocalPhase.objects.filter(pair__programme=programme).exists():
        return None
    # The object the demo holds predates the publication: read the programme as it is now, or
    # saving its settings would write an older status back.
    programme.refresh_from_db()
    if not programme.reciprocal_phase:
        update_programme(
            programme=programme,
            by=manager,
            reciprocal_phase=True,
            reciprocal_after_sessions=3,
            reciprocal_sessions=2,
        )
    # A pair that has not given its final check-in yet: after the swap, the final check-in
    # asks about both phases.
    pairs = (
        Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE)
        .exclude(check_ins__kind=CheckInKind.FINAL)
        .select_related("programme", "mentor__person__user", "mentee__person")
    )
    for pair in pairs.order_by("pk"):
        user = getattr(pair.mentor.person, "user", None)
        if user is None or held_by_phase(pair)[Phase.REVERSE] < 3:
            continue
        start_reciprocal_phase(pair=pair, by=user, topic=ReciprocalTopic.CAREER)
        return pair
    return None
