"""Proposed pairs (consent to the pair): the manager's page of who has accepted, the
reminder to those who have not answered, and a manager's decision on a proposal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rementor.cockpit import proposals
from rementor.cockpit.forms import ProposalDecisionForm
from rementor.matching.consent import override_proposal
from rementor.matching.models import PairProposal, ProposalStatus
from rementor.matching.queries import ACCEPTED_BY_ONE, WAITING, proposal_rows
from rementor.programmes.access import programme_for

MANAGE = "programmes.change_programme"
OPEN_STATES = (WAITING, ACCEPTED_BY_ONE)
# A manager may still decide on a proposal nobody answered in time.
DECIDABLE = (*OPEN_STATES, ProposalStatus.EXPIRED.value)


def _auto_id(pk: int) -> str:
    # One decision form per proposal on the page: ids that do not repeat.
    return f"proposal{pk}_%s"


def _page(request, programme, *, bound: ProposalDecisionForm | None = None, bound_pk=None):
    rows = proposal_rows(programme)
    items = [
        {
            "row": row,
            "form": (bound if row.proposal.pk == bound_pk else None)
            or ProposalDecisionForm(auto_id=_auto_id(row.proposal.pk))
            if row.state in DECIDABLE
            else None,
        }
        for row in rows
    ]
    return render(
        request,
        "cockpit/proposals.html",
        {
            "programme": programme,
            "items": items,
            "bound_pk": bound_pk,
            "waiting_people": sum(len(r.waiting_for) for r in rows if r.state in OPEN_STATES),
            "open_count": sum(1 for r in rows if r.state in OPEN_STATES),
            "expired_count": sum(1 for r in rows if r.state == ProposalStatus.EXPIRED),
        },
        status=400 if bound is not None else 200,
    )


def proposals_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Every proposed pair with its acceptance state, open ones first."""
    return _page(request, programme_for(request, slug, MANAGE))


@require_POST
def proposals_remind(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, MANAGE)
    try:
        counts = proposals.remind_proposals(programme=programme, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = ngettext("%(sent)d reminder sent.", "%(sent)d reminders sent.", counts.sent) % {
            "sent": counts.sent
        }
        if counts.already_today:
            text += " " + ngettext(
                "%(count)d person was already reminded today.",
                "%(count)d people were already reminded today.",
                counts.already_today,
            ) % {"count": counts.already_today}
        if counts.unreachable:
            text += " " + ngettext(
                "%(count)d person cannot be reached by e-mail.",
                "%(count)d people cannot be reached by e-mail.",
                counts.unreachable,
            ) % {"count": counts.unreachable}
        messages.success(request, text)
    return redirect("cockpit:proposals", slug=slug)


@require_POST
def proposal_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug, MANAGE)
    proposal = get_object_or_404(PairProposal, programme=programme, pk=pk)
    form = ProposalDecisionForm(request.POST, auto_id=_auto_id(proposal.pk))
    if not form.is_valid():
        return _page(request, programme, bound=form, bound_pk=proposal.pk)
    try:
        proposal = override_proposal(
            proposal=proposal,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        names = {
            "mentee": proposal.mentee.person.full_name,
            "mentor": proposal.mentor.person.full_name,
        }
        if proposal.pair_id:
            messages.success(
                request, _("Accepted: %(mentee)s and %(mentor)s are now a pair.") % names
            )
        else:
            messages.success(
                request,
                _("Cancelled: %(mentee)s and %(mentor)s go back to the pool for the next run.")
                % names,
            )
    return redirect("cockpit:proposals", slug=slug)
