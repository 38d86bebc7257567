from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rementor.matching import domain, queries
from rementor.matching.access import run_for
from rementor.matching.forms import PairChoiceForm, WeightsForm
from rementor.matching.instance import programme_weights, ready_counts
from rementor.matching.models import (
    OverrideKind,
    Pair,
    PairOverride,
    PairProposal,
    PairStatus,
    ProposalStatus,
    RunStatus,
)
from rementor.people.queries import by_name, still_in_company
from rementor.programmes.access import programme_for
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role


def _pair_form(programme: Programme, data=None) -> PairChoiceForm:
    base = still_in_company(
        Enrollment.objects.filter(programme=programme, status=EnrollmentStatus.ACCEPTED)
    ).select_related("person")
    form = PairChoiceForm(
        data,
        mentees=by_name(base.filter(role=Role.MENTEE), person="person"),
        mentors=by_name(base.filter(role=Role.MENTOR), person="person"),
    )
    if data is None:
        # The page lists every accepted participant: their names only, not whole rows.
        form.list_names()
    return form


def _without_shared_slot(programme: Programme) -> int:
    """How many active pairs gave no weekly slot in common (one query, two columns a pair)."""
    rows = Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE).values_list(
        "mentee__slots", "mentor__slots"
    )
    return sum(
        1
        for mentee_slots, mentor_slots in rows
        if not set(mentee_slots or []) & set(mentor_slots or [])
    )


def _proposal_counts(programme: Programme) -> dict[str, int]:
    """Open proposals, and all proposals ever made (one query)."""
    counts = PairProposal.objects.filter(programme=programme).aggregate(
        proposals_total=Count("pk"),
        proposals_open=Count("pk", filter=Q(status=ProposalStatus.OPEN)),
    )
    return counts


def matching_page(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "matching.manage_matching")
    runs = list(programme.match_runs.select_related("created_by__person")[:20])
    chosen = request.GET.get("run")
    run = next((r for r in runs if str(r.number) == chosen), runs[0] if runs else None)
    ready_mentees, ready_places = ready_counts(programme)
    return render(
        request,
        "matching/matching.html",
        {
            "programme": programme,
            "runs": runs,
            "run": run,
            "view": queries.run_view(run) if run and run.is_done else None,
            "weights_form": WeightsForm(weights=programme_weights(programme)),
            "pair_form": _pair_form(programme),
            "overrides": PairOverride.objects.filter(programme=programme).select_related(
                "mentee__person", "mentor__person"
            ),
            # Counted only: the pairs page lists them, filtered and paginated.
            "active_pairs": Pair.objects.filter(
                programme=programme, status=PairStatus.ACTIVE
            ).count(),
            "without_shared_slot": _without_shared_slot(programme),
            **_proposal_counts(programme),
            "ready_mentees": ready_mentees,
            "ready_places": ready_places,
        },
    )


@require_POST
def start_run(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "matching.manage_matching")
    form = WeightsForm(request.POST, weights=programme_weights(programme))
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("matching:page", slug=slug)
    try:
        run = domain.start_match_run(programme=programme, by=request.user, weights=form.weights())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("matching:page", slug=slug)
    return redirect(f"{reverse('matching:page', args=[slug])}?run={run.number}")


def run_status(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Polled by the page while a run is queued or running (htmx); refreshes it when done."""
    run = run_for(request, slug, number, "matching.manage_matching")
    response = render(
        request, "matching/includes/run_status.html", {"programme": run.programme, "run": run}
    )
    if run.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
def override(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "matching.manage_matching")
    kind = request.POST.get("kind")
    if kind not in OverrideKind.values:
        raise Http404
    mentee = get_object_or_404(
        Enrollment, programme=programme, person_id=request.POST.get("mentee"), role=Role.MENTEE
    )
    mentor = get_object_or_404(
        Enrollment, programme=programme, person_id=request.POST.get("mentor"), role=Role.MENTOR
    )
    try:
        domain.set_override(
            programme=programme, mentee=mentee, mentor=mentor, kind=kind, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = (
            _("Pinned: %(mentee)s with %(mentor)s. Run the matching again to apply it.")
            if kind == OverrideKind.PIN
            else _("Forbidden: %(mentee)s with %(mentor)s. Run the matching again to apply it.")
        )
        messages.success(
            request, text % {"mentee": mentee.person.full_name, "mentor": mentor.person.full_name}
        )
    back = request.POST.get("back", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("matching:page", args=[slug])
    return redirect(back)


@require_POST
def override_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug, "matching.manage_matching")
    item = get_object_or_404(PairOverride, programme=programme, pk=pk)
    domain.remove_override(override=item, by=request.user)
    messages.success(request, _("Removed. Run the matching again to apply it."))
    return redirect("matching:page", slug=slug)


def _proposed_message(run, count: int) -> str:
    # Two numbers, each with its own plural: the pairs proposed and the days to answer.
    days = run.programme.consent_days
    within = ngettext("within %(days)d day", "within %(days)d days", days) % {"days": days}
    return ngettext(
        "%(count)d pair proposed; both members were asked to accept it %(within)s.",
        "%(count)d pairs proposed; both members of each were asked to accept %(within)s.",
        count,
    ) % {"count": count, "within": within}


@require_POST
def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    run = run_for(request, slug, number, "matching.manage_matching")
    try:
        report = domain.publish_run(
            run=run, by=request.user, start_programme=request.POST.get("start") == "on"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if run.programme.pair_consent:
            messages.success(request, _proposed_message(run, len(report.proposed)))
        else:
            count = len(report.created)
            messages.success(
                request,
                ngettext(
                    "%(count)d pair published; both members were e-mailed.",
                    "%(count)d pairs published; both members of each pair were e-mailed.",
                    count,
                )
                % {"count": count},
            )
        for line in report.skipped:
            messages.warning(request, line)
    return redirect(f"{reverse('matching:page', args=[slug])}?run={run.number}")


@require_POST
def manual_pair(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "matching.manage_matching")
    form = _pair_form(programme, request.POST)
    if form.is_valid():
        mentee, mentor = form.cleaned_data["mentee"], form.cleaned_data["mentor"]
        try:
            domain.create_pair(
                programme=programme, mentee=mentee, mentor=mentor, by=request.user, check=True
            )
        except ValidationError as error:
            messages.error(
                request,
                _("%(mentee)s and %(mentor)s cannot be paired: %(why)s")
                % {
                    "mentee": mentee.person.full_name,
                    "mentor": mentor.person.full_name,
                    "why": " ".join(error.messages),
                },
            )
        else:
            messages.success(
                request,
                _("Pair created: %(mentee)s with %(mentor)s. Both were e-mailed.")
                % {"mentee": mentee.person.full_name, "mentor": mentor.person.full_name},
            )
    else:
        messages.error(request, _("Choose a mentee and a mentor."))
    return redirect("matching:page", slug=slug)


def compare(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "matching.manage_matching")
    runs = {r.number: r for r in programme.match_runs.filter(status=RunStatus.DONE)}
    try:
        a, b = runs[int(request.GET["a"])], runs[int(request.GET["b"])]
    except (KeyError, ValueError):
        messages.error(request, _("Choose two finished runs to compare."))
        return redirect("matching:page", slug=slug)
    return render(
        request,
        "matching/compare.html",
        {"programme": programme, "a": a, "b": b, **queries.compare_runs(a, b)},
    )
