"""Template tags rendering the training part of the pair page (see mentoring/pair.html)."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from rementor.mentoring.charter import get_or_create_charter, pair_is_open
from rementor.mentoring.models import PairCharter
from rementor.mentoring.rules import member_role
from rementor.mentoring.training import progress_of

register = template.Library()


@register.simple_tag(takes_context=True)
def training_section(context, pair) -> str:
    """Each member's training progress; members get a link to their own training, managers
    to the programme's training page."""
    request = context["request"]
    role = member_role(request.user, pair)
    mentee, mentor = progress_of([pair.mentee, pair.mentor], pair.programme)
    mine = {"mentee": mentee, "mentor": mentor}.get(role)
    return render_to_string(
        "mentoring/training/section.html",
        {
            "pair": pair,
            "members": [
                ("mentee", pair.mentee.person.full_name, mentee),
                ("mentor", pair.mentor.person.full_name, mentor),
            ],
            "training_url": reverse("mentoring:my_training", kwargs={"slug": pair.programme.slug})
            if role
            else "",
            "my_training_left": bool(mine and not mine.finished),
            "manage_url": reverse("mentoring:training_manage", kwargs={"slug": pair.programme.slug})
            if not role and request.user.has_perm("programmes.change_programme", pair.programme)
            else "",
        },
        request=request,
    )


@register.simple_tag(takes_context=True)
def charter_section(context, pair) -> str:
    """The charter's status and a link to it. A member's first visit creates it (pre-filled);
    a manager only sees its status."""
    request = context["request"]
    role = member_role(request.user, pair)
    if role and pair_is_open(pair):
        charter = get_or_create_charter(pair=pair)
    else:
        charter = PairCharter.objects.filter(pair=pair).first()
    needs_me = bool(
        role and pair_is_open(pair) and charter and not getattr(charter, f"{role}_accepted_at")
    )
    return render_to_string(
        "mentoring/charter/section.html",
        {
            "pair": pair,
            "charter": charter,
            "show_link": bool(role),
            "needs_me": needs_me,
        },
        request=request,
    )
