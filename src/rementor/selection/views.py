"""Mentor selection pages: the candidate's application, the manager's pool and decisions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rementor.core.languages import language_labels
from rementor.core.links import site_root
from rementor.core.lists import paginate
from rementor.core.slots import slot_label
from rementor.programmes.access import programme_for, programme_or_404
from rementor.programmes.domain import update_programme
from rementor.programmes.forms import PreferencesForm
from rementor.programmes.models import EnrollmentStatus, Programme
from rementor.selection import domain, queries, scoring
from rementor.selection.forms import (
    ApplicationForm,
    BulkDecisionForm,
    CandidateFilterForm,
    DecisionForm,
    ReviewForm,
    SkillsForm,
    WeightsForm,
)
from rementor.selection.models import MentorApplication, MentorReview
from rementor.skills.queries import programme_skills

KNOW = "selection.know_programme"
# A page a manager can read and tick through; the scores still rank the whole pool.
CANDIDATES_PER_PAGE = 50


def _attach_errors(error: ValidationError, forms: list[Form]) -> None:
    """Put the domain's errors on the field that caused them, else on the first form."""
    if not hasattr(error, "error_dict"):
        forms[0].add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        target = next((f for f in forms if field in f.fields), forms[0])
        target.add_error(field if field in target.fields else None, field_errors)


# --- The candidate's side -------------------------------------------------------------------


def apply(request: HttpRequest, slug: str) -> HttpResponse:
    """Apply as a mentor, edit the application until it is decided, or read the decision."""
    programme = programme_or_404(slug)
    enrollment = queries.enrollment_of(request.user, programme)
    if not request.user.has_perm("selection.apply", programme):
        if not request.user.has_perm(KNOW, programme):
            raise Http404
        blocker = domain.application_blocker(programme=programme, enrollment=enrollment)
        return render(
            request,
            "selection/cannot_apply.html",
            {"programme": programme, "reason": blocker},
            status=403,
        )
    application = queries.application_of(enrollment)
    blocker = domain.application_blocker(programme=programme, enrollment=enrollment)
    context: dict[str, object] = {
        "programme": programme,
        "enrollment": enrollment,
        "application": application,
        "blocker": blocker,
        # Only someone who applied withdraws an application; an invited mentor who has not
        # applied may decline the invitation instead (the same step, said for what it is).
        "can_withdraw": enrollment is not None
        and enrollment.status in domain.WITHDRAWABLE_STATUSES
        and enrollment.status != EnrollmentStatus.INVITED,
        "can_decline_invitation": enrollment is not None
        and enrollment.status == EnrollmentStatus.INVITED,
    }
    if blocker:  # decided, or recruiting is over: read only
        context["skills"] = queries.application_skills(enrollment) if enrollment else []
        return render(request, "selection/application_view.html", context)

    data = request.POST if request.method == "POST" else None
    application_form = ApplicationForm(
        data,
        programme=programme,
        initial={
            "motivation": application.motivation if application else "",
            "commitment": application.commitment if application else None,
            "capacity": (enrollment.capacity if enrollment else None)
            or programme.default_mentor_capacity,
        },
    )
    skills_form = SkillsForm(
        data,
        prefix="skills",
        skills=programme_skills(programme),
        existing=queries.mentor_levels(enrollment),
    )
    preferences_form = PreferencesForm(
        data,
        prefix="prefs",
        enrollment=enrollment,
        **({} if enrollment else {"initial": {"languages": request.user.person.languages}}),
    )
    forms = [application_form, skills_form, preferences_form]
    if data is not None and all(form.is_valid() for form in forms):
        try:
            domain.submit_application(
                programme=programme,
                person=request.user.person,
                motivation=application_form.cleaned_data["motivation"],
                commitment=application_form.cleaned_data["commitment"],
                capacity=application_form.cleaned_data["capacity"],
                items=skills_form.items(),
                preferences=preferences_form.cleaned_data,
            )
        except ValidationError as error:
            _attach_errors(error, forms)
        else:
            messages.success(
                request,
                _("Your application is saved. You can change it until the manager decides."),
            )
            return redirect("selection:apply", slug=programme.slug)
    context.update(
        {
            "application_form": application_form,
            "skills_form": skills_form,
            "preferences_form": preferences_form,
            "has_errors": any(form.errors for form in forms),
            "forms_with_errors": [form for form in forms if form.errors],
        }
    )
    return render(request, "selection/application_form.html", context)


@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "selection.apply", know_perm=KNOW)
    enrollment = queries.enrollment_of(request.user, programme)
    try:
        if enrollment is None:
            raise ValidationError(_("There is no application to withdraw."))
        was_invited = enrollment.status == EnrollmentStatus.INVITED
        domain.withdraw_application(enrollment=enrollment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if was_invited:
            messages.success(
                request,
                _("You declined the invitation. You may still apply while the programme recruits."),
            )
        else:
            messages.success(
                request,
                _(
                    "Your application is withdrawn. You may apply again while the programme "
                    "recruits."
                ),
            )
    return redirect("selection:apply", slug=programme.slug)


# --- The programme manager's side -----------------------------------------------------------


def _candidates_page(
    request: HttpRequest,
    programme: Programme,
    weights_form: WeightsForm,
    bulk_form: BulkDecisionForm | None = None,
) -> HttpResponse:
    """The pool, filtered, sorted and cut into pages. Every candidate kept by the filters is
    scored (four queries, whatever their number) so that any column can sort the whole pool."""
    filters = CandidateFilterForm(request.GET or None)
    candidates, sort = scoring.sort_candidates(
        scoring.score_candidates(programme, statuses=filters.statuses(), where=filters.where()),
        request.GET.get("sort", ""),
    )
    pages = paginate(request, candidates, per_page=CANDIDATES_PER_PAGE)
    return render(
        request,
        "selection/candidates.html",
        {
            "programme": programme,
            "candidates": pages["page"].object_list,
            "filters": filters,
            "filtered": bool(filters.values()),
            "sort": sort,
            "columns": _columns(sort),
            "weights_form": weights_form,
            "bulk_form": bulk_form or BulkDecisionForm(),
            # Kept ticked when a bulk decision is refused.
            "checked": set(request.POST.getlist("application")) if bulk_form else set(),
            **pages,
        },
    )


def _columns(sort: str) -> list[dict[str, object]]:
    """Sortable headers: clicking the current column flips its direction."""
    labels = {
        "name": _("Candidate"),
        "status": _("Status"),
        "overall": _("Score"),
        "expertise": _("Technical expertise"),
        "communication": _("Communication"),
        "willingness": _("Willingness to share"),
    }
    key, descending = sort.lstrip("-"), sort.startswith("-")
    columns = []
    for name, label in labels.items():
        current = name == key
        # Names and statuses read best A to Z first; scores best first.
        first = name if name in {"name", "status"} else f"-{name}"
        columns.append(
            {
                "key": name,
                "label": label,
                "current": current,
                "descending": descending,
                "next": (name if descending else f"-{name}") if current else first,
            }
        )
    return columns


def candidates(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "selection.manage_candidates", know_perm=KNOW)
    return _candidates_page(request, programme, WeightsForm(initial=_weights(programme)))


def _weights(programme: Programme) -> dict[str, int]:
    return {
        "weight_expertise": programme.weight_expertise,
        "weight_communication": programme.weight_communication,
        "weight_willingness": programme.weight_willingness,
    }


@require_POST
def weights(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "selection.manage_candidates", know_perm=KNOW)
    form = WeightsForm(request.POST)
    if form.is_valid():
        try:
            update_programme(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _attach_errors(error, [form])
        else:
            messages.success(request, _("Weights saved: the scores below use them."))
            return redirect("selection:candidates", slug=programme.slug)
    programme.refresh_from_db()
    return _candidates_page(request, programme, form)


@require_POST
def decide_many(request: HttpRequest, slug: str) -> HttpResponse:
    """Approve or decline the ticked candidates with one shared reason: all or none."""
    programme = programme_for(request, slug, "selection.manage_candidates", know_perm=KNOW)
    form = BulkDecisionForm(request.POST)
    if form.is_valid():
        try:
            decided = domain.decide_applications(
                programme=programme,
                application_ids=form.cleaned_data["application"],
                by=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                base_url=site_root(request),
            )
        except ValidationError as error:
            _attach_errors(error, [form])
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d decision saved: the candidate will receive an e-mail.",
                    "%(count)d decisions saved: each candidate will receive an e-mail.",
                    len(decided),
                )
                % {"count": len(decided)},
            )
            query = request.GET.urlencode()
            target = reverse("selection:candidates", kwargs={"slug": programme.slug})
            return redirect(f"{target}?{query}" if query else target)
    return _candidates_page(
        request, programme, WeightsForm(initial=_weights(programme)), bulk_form=form
    )


def _candidate(request: HttpRequest, slug: str, pk: int) -> tuple[Programme, MentorApplication]:
    programme = programme_for(request, slug, "selection.manage_candidates", know_perm=KNOW)
    application = queries.candidate_in(programme, pk)
    if application is None:
        raise Http404
    return programme, application


def _candidate_page(
    request: HttpRequest,
    programme: Programme,
    application: MentorApplication,
    *,
    review_form: ReviewForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    enrollment = application.enrollment
    own_review = MentorReview.objects.filter(application=application, reviewer=request.user).first()
    (candidate,) = scoring.score_candidates(
        programme, statuses=[enrollment.status], application_ids=[application.pk]
    )
    context = {
        "programme": programme,
        "application": application,
        "enrollment": enrollment,
        "person": enrollment.person,
        "candidate": candidate,
        "skills": queries.application_skills(enrollment),
        "slots": [slot_label(slot) for slot in enrollment.slots],
        "languages": language_labels(enrollment.person.languages),
        "reviews": application.reviews.select_related("reviewer__person").order_by("created_at"),
        "decisions": application.decisions.select_related("decided_by__person"),
        "review_form": review_form or ReviewForm(instance=own_review),
        "decision_form": decision_form
        or DecisionForm(
            initial={
                "decision": enrollment.status
                if enrollment.status != EnrollmentStatus.APPLIED
                else None,
                "reason": application.decision_reason,
            }
        ),
    }
    return render(request, "selection/candidate_detail.html", context)


def candidate_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, application = _candidate(request, slug, pk)
    return _candidate_page(request, programme, application)


@require_POST
def review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, application = _candidate(request, slug, pk)
    own = MentorReview.objects.filter(application=application, reviewer=request.user).first()
    form = ReviewForm(request.POST, instance=own)
    if form.is_valid():
        try:
            domain.save_review(
                application=application,
                reviewer=request.user,
                **{name: form.cleaned_data[name] for name in ReviewForm.Meta.fields},
            )
        except ValidationError as error:
            _attach_errors(error, [form])
        else:
            messages.success(request, _("Review saved."))
            return redirect("selection:candidate", slug=programme.slug, pk=application.pk)
    return _candidate_page(request, programme, application, review_form=form)


@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, application = _candidate(request, slug, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            domain.decide_application(
                application=application,
                by=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                base_url=site_root(request),
            )
        except ValidationError as error:
            _attach_errors(error, [form])
        else:
            messages.success(
                request,
                _("Decision saved: %(name)s will receive an e-mail.")
                % {"name": application.enrollment.person.full_name},
            )
            return redirect("selection:candidates", slug=programme.slug)
    return _candidate_page(request, programme, application, decision_form=form)
