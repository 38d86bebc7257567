"""Loading the match run a page is about, with the right 404/403 (see rementor.core.access)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from rementor.core.access import check_object_perm
from rementor.matching.models import MatchRun, PairProposal
from rementor.programmes.access import programme_for


def run_for(request: HttpRequest, slug: str, number: int, perm: str) -> MatchRun:
    """Run ``number`` of programme ``slug`` if ``request.user`` holds ``perm`` on the
    programme: the programme is checked first (``programme_for``), so a stranger learns
    nothing about its runs."""
    programme = programme_for(request, slug, perm)
    run = get_object_or_404(MatchRun, programme=programme, number=number)
    # The programme already loaded and checked, not a second query for run.programme.
    run.programme = programme
    return run


def proposal_for(request: HttpRequest, pk: int) -> PairProposal:
    """Proposed pair ``pk`` for one of its two members; 404 (audited) for anyone else,
    managers included: they follow proposals from the programme's proposals page."""
    proposal = get_object_or_404(
        PairProposal.objects.select_related(
            "programme",
            "mentee__person__department",
            "mentor__person__department",
        ),
        pk=pk,
    )
    check_object_perm(
        request, "matching.answer_proposal", proposal, know_perm="matching.answer_proposal"
    )
    return proposal
