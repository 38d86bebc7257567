"""The participant's own pairs, for pages of apps below matching (the programme page).

A template tag rather than a view import: the programme app sits below matching, so its
page asks for this part by name at render time instead of importing it.
"""

from __future__ import annotations

from django import template
from django.db.models import Q

from rementor.matching.models import PairProposal
from rementor.matching.queries import my_pairs

register = template.Library()


@register.inclusion_tag("matching/includes/my_pair.html")
def my_pairs_in(enrollment) -> dict[str, object]:
    """Partner and why, for each active pair of ``enrollment`` (never other candidates), and
    the proposals waiting for their answer (consent to the pair)."""
    proposals = (
        PairProposal.objects.holding()
        .filter(Q(mentee=enrollment) | Q(mentor=enrollment))
        .select_related("mentee__person", "mentor__person")
    )
    return {
        "my_pairs": my_pairs(enrollment),
        "my_proposals": [
            {
                "proposal": p,
                "is_mentee": p.mentee_id == enrollment.pk,
                "partner": (p.mentor if p.mentee_id == enrollment.pk else p.mentee).person,
                "answered": bool(
                    p.answer_of("mentee" if p.mentee_id == enrollment.pk else "mentor")
                ),
            }
            for p in proposals
        ],
    }
