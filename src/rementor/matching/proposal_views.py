"""A member's proposed pair (consent to the pair): who, why, and accept or decline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.matching.access import proposal_for
from rementor.matching.consent import answer_proposal
from rementor.matching.explain import reasons_for
from rementor.matching.forms import DeclineForm
from rementor.matching.models import PairProposal


def _member(request: HttpRequest, proposal: PairProposal):
    """The viewer's own enrolment in ``proposal`` (proposal_for has checked they are in it)."""
    if proposal.mentee.person_id == request.user.person_id:
        return proposal.mentee, "mentee"
    return proposal.mentor, "mentor"


def _page(
    request: HttpRequest, proposal: PairProposal, form: DeclineForm | None = None, status=200
) -> HttpResponse:
    _member_enrollment, role = _member(request, proposal)
    partner = proposal.mentor if role == "mentee" else proposal.mentee
    return render(
        request,
        "matching/proposal.html",
        {
            "proposal": proposal,
            "programme": proposal.programme,
            "role": role,
            "partner": partner.person,
            "my_answer": proposal.answer_of(role),
            "reasons": reasons_for(
                mentee=proposal.mentee,
                mentor=proposal.mentor,
                covered_skills=proposal.covered_skills or [],
            ),
            "form": form or DeclineForm(),
        },
        status=status,
    )


def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, proposal_for(request, pk))


@require_POST
def proposal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for(request, pk)
    member, _role = _member(request, proposal)
    try:
        proposal = answer_proposal(proposal=proposal, member=member, accept=True, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if proposal.pair_id:
            messages.success(request, _("You both accepted: your pair is live."))
            return redirect("mentoring:pair", pk=proposal.pair_id)
        messages.success(
            request, _("Thank you, you accepted. Your pair goes live when both accept.")
        )
    return redirect("matching:proposal", pk=pk)


@require_POST
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for(request, pk)
    member, _role = _member(request, proposal)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _page(request, proposal, form, status=400)
    try:
        answer_proposal(
            proposal=proposal,
            member=member,
            accept=False,
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return _page(request, proposal, form, status=400)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "You declined. The programme team will propose someone else; your reason is "
                "for them only."
            ),
        )
    return redirect("matching:proposal", pk=pk)
