from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rementor.programmes.access import programme_for
from rementor.programmes.forms import PreferencesForm
from rementor.programmes.models import ProgrammeStatus
from rementor.skills import domain, queries
from rementor.skills.assessment_forms import SelfAssessmentForm
from rementor.skills.levels import level_scale
from rementor.skills.models import Assessment, AssessmentKind

# Once pairs are running, the baseline is the reference the final assessment is compared to.
_BASELINE_OPEN = {ProgrammeStatus.DRAFT, ProgrammeStatus.RECRUITING, ProgrammeStatus.MATCHING}


def my_needs(request: HttpRequest, slug: str) -> HttpResponse:
    """A mentee's baseline self-assessment and learning preferences, on one page."""
    programme = programme_for(request, slug, "programmes.assess_needs")
    enrollment = programme.enrollments.select_related("person").get(
        person_id=request.user.person_id
    )
    assessment = (
        Assessment.objects.filter(enrollment=enrollment, kind=AssessmentKind.BASELINE)
        .prefetch_related("items")
        .first()
    )
    editable = programme.status in _BASELINE_OPEN
    data = request.POST if request.method == "POST" and editable else None
    form = SelfAssessmentForm(
        data, skills=queries.programme_skills(programme), assessment=assessment
    )
    preferences = PreferencesForm(data, enrollment=enrollment, prefix="pref")
    if data is not None and form.is_valid() and preferences.is_valid():
        try:
            domain.submit_baseline(
                enrollment=enrollment,
                items=form.items(),
                wishes=form.cleaned_data["wishes"],
                **preferences.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Thank you: your needs are saved. You can change them until matching.")
            )
            return redirect("programmes:detail", slug=programme.slug)
    return render(
        request,
        "skills/my_needs.html",
        {
            "programme": programme,
            "form": form,
            "preferences": preferences,
            "assessment": assessment,
            "editable": editable,
            "levels": level_scale(),
        },
    )
