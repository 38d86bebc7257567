from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.core.access import require_perm
from rementor.core.languages import language_labels
from rementor.core.lists import paginate
from rementor.programmes import domain, queries, starting_points
from rementor.programmes.access import programme_for
from rementor.programmes.forms import ProgrammeForm
from rementor.programmes.models import Programme
from rementor.programmes.roster_forms import RosterFilterForm
from rementor.skills.models import AssessmentKind

ROSTER_PAGE_SIZE = 50


@require_perm("programmes.list_programmes")
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = queries.programmes_with_counts()
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


def _starting_point(request: HttpRequest):
    """The programme to copy (``?from=<slug>``) or the template (``?template=<key>``) the new
    programme starts from, or neither. The form posts to its own address, so the choice holds
    until the programme is saved. An unknown one is a 404, never a silent blank start."""
    source = template = None
    if slug := request.GET.get("from"):
        source = programme_for(request, slug, "programmes.change_programme")
    elif key := request.GET.get("template"):
        template = starting_points.TEMPLATES.get(key)
        if template is None:
            raise Http404
    return source, template


@require_perm("programmes.add_programme")
def programme_create(request: HttpRequest) -> HttpResponse:
    source, template = _starting_point(request)
    today = timezone.localdate()
    if source is not None:
        initial = starting_points.initial_from_programme(source, today=today)
    elif template is not None:
        initial = starting_points.initial_from_template(template, today=today)
    else:
        initial = None
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        programme = domain.create_programme(
            by=request.user,
            skills=form.chosen_skills(),
            copied_from=source,
            template=template.key if template is not None else None,
            **form.domain_fields(),
        )
        messages.success(request, _("Programme “%(name)s” created.") % {"name": programme.name})
        return redirect("programmes:detail", slug=programme.slug)
    return render(
        request,
        "programmes/programme_form.html",
        {
            "form": form,
            "programme": None,
            "source": source,
            "template": template,
            "templates": starting_points.TEMPLATES.values(),
            "earlier": Programme.objects.order_by("-start_date", "name").only("slug", "name"),
        },
    )


def _head_counts(programme: Programme) -> list[tuple[str, int, int, int]]:
    """Each role's head-counts (queries.HEAD_COUNTS) and everyone listed, for the page's top."""
    counts = queries.roster_counts(programme)
    return [
        (
            _("Mentees"),
            counts["accepted_mentees"],
            counts["undecided_mentees"],
            counts["listed_mentees"],
        ),
        (
            _("Mentors"),
            counts["accepted_mentors"],
            counts["undecided_mentors"],
            counts["listed_mentors"],
        ),
    ]


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    if request.user.has_perm("programmes.change_programme", programme):
        # The participants are a filtered list cut into pages: the page costs the same few
        # queries with 50 people enrolled or 50,000.
        form = RosterFilterForm(request.GET or None)
        roster = form.apply(queries.programme_roster(programme))
        pages = paginate(request, roster.values_list("pk", flat=True), per_page=ROSTER_PAGE_SIZE)
        pages["page"].object_list = queries.roster_page(roster, list(pages["page"].object_list))
        return render(
            request,
            "programmes/programme_detail.html",
            {
                "programme": programme,
                "head_counts": _head_counts(programme),
                "roster_form": form,
                "roster_filtered": bool(form.values()),
                **pages,
                "language_labels": language_labels(programme.languages),
                "skills": programme.skills.select_related("category"),
                "history": programme.history.select_related("changed_by__person")[:10],
            },
        )
    enrollment = programme.enrollments.get(person_id=request.user.person_id)
    needs_submitted = enrollment.assessments.filter(
        kind=AssessmentKind.BASELINE, submitted_at__isnull=False
    ).exists()
    return render(
        request,
        "programmes/programme_participant.html",
        {
            "programme": programme,
            "enrollment": enrollment,
            "needs_submitted": needs_submitted,
        },
    )


def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.change_programme")
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        domain.update_programme(
            programme=programme,
            by=request.user,
            skills=form.chosen_skills(),
            **form.domain_fields(),
        )
        messages.success(request, _("Changes saved."))
        return redirect("programmes:detail", slug=programme.slug)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})
