from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rementor.core.access import require_perm
from rementor.core.languages import language_labels
from rementor.programmes import domain, queries
from rementor.programmes.access import programme_for
from rementor.programmes.forms import ProgrammeForm
from rementor.programmes.models import Programme, Role
from rementor.skills.models import AssessmentKind


@require_perm("programmes.list_programmes")
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = queries.programmes_with_counts()
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@require_perm("programmes.add_programme")
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = domain.create_programme(
            by=request.user, skills=form.chosen_skills(), **form.domain_fields()
        )
        messages.success(request, _("Programme “%(name)s” created.") % {"name": programme.name})
        return redirect("programmes:detail", slug=programme.slug)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


def _roster_sections(programme: Programme) -> list[tuple[list, str, int, int]]:
    """Each role's people, with the head-counts the home page shows (queries.HEAD_COUNTS)."""
    roster = queries.programme_roster(programme)
    counts = queries.head_counts(programme)
    return [
        (
            roster[Role.MENTEE],
            _("Mentees"),
            counts["accepted_mentees"],
            counts["undecided_mentees"],
        ),
        (
            roster[Role.MENTOR],
            _("Mentors"),
            counts["accepted_mentors"],
            counts["undecided_mentors"],
        ),
    ]


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    if request.user.has_perm("programmes.change_programme", programme):
        return render(
            request,
            "programmes/programme_detail.html",
            {
                "programme": programme,
                "roster_sections": _roster_sections(programme),
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
