from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from rementor.analytics.impact.funnel import funnels
from rementor.analytics.impact.stat import State
from rementor.cockpit import attention
from rementor.mentoring.next_steps import steps_for
from rementor.programmes import queries as programme_queries
from rementor.programmes.models import Programme, ProgrammeStatus, Role
from rementor.selection import queries as selection_queries
from rementor.skills.levels import level_scale


def home(request: HttpRequest) -> HttpResponse:
    """One page per role; a user holding several roles sees each part."""
    user = request.user
    context: dict[str, object] = {
        "enrollments": list(programme_queries.enrollments_of(user)),
        "next_steps": steps_for(user),
    }
    open_programmes = list(selection_queries.open_programmes_for(user))
    if user.is_programme_manager or user.is_sponsor:
        # Staff see a mentor call only where they were invited or already applied.
        open_programmes = [p for p in open_programmes if p.my_status]
    context["open_programmes"] = open_programmes
    if user.is_programme_manager:
        context["managed_programmes"] = programme_queries.programmes_with_counts()
        context["attention"] = attention.attention_list()
        context["attention_definitions"] = attention.definitions()
    if user.is_sponsor:
        # The figures of each programme's results page, hidden the same way: a count of its
        # own (people not declined, say) would be the funnel's "invited" minus a few people.
        programmes = list(Programme.objects.exclude(status=ProgrammeStatus.DRAFT))
        funnel = funnels(programmes=programmes, for_sponsor=True)
        rows = []
        for programme in programmes:
            enrolled = next(stage for stage in funnel[programme.pk] if stage.key == "enrolled")
            rows.append(
                {
                    "programme": programme,
                    "mentees": enrolled.by_role[Role.MENTEE],
                    "mentors": enrolled.by_role[Role.MENTOR],
                }
            )
        context["sponsored_programmes"] = rows
        context["has_protected"] = any(
            row[role].state == State.PROTECTED for row in rows for role in ("mentees", "mentors")
        )
        context["min_size"] = settings.RM_MIN_GROUP_SIZE
    return render(request, "site/home.html", context)


def help_levels(request: HttpRequest) -> HttpResponse:
    return render(request, "site/help_levels.html", {"levels": level_scale()})


@login_not_required
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language``, remembering the choice on the account for e-mails."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in {"fr", "en"}:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
