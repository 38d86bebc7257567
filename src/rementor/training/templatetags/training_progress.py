"""The training card of the pair page (see mentoring/pairs/pair.html): the two members' progress.

It takes the two enrolments and the viewer's place among them, not the pair: training knows
programmes and enrolments only.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from rementor.training.queries import progress_of

register = template.Library()


@register.simple_tag(takes_context=True)
def training_section(context, programme, mentee, mentor, role) -> str:
    """Each member's training progress (``mentee`` and ``mentor`` are their enrolments in
    ``programme``; ``role`` is the viewer's, "mentee", "mentor" or None). Members get a link
    to their own training, managers to the programme's training page."""
    request = context["request"]
    mentee_progress, mentor_progress = progress_of([mentee, mentor], programme)
    mine = {"mentee": mentee_progress, "mentor": mentor_progress}.get(role)
    return render_to_string(
        "training/section.html",
        {
            "members": [
                ("mentee", mentee.person.full_name, mentee_progress),
                ("mentor", mentor.person.full_name, mentor_progress),
            ],
            "training_url": reverse("training:my_training", kwargs={"slug": programme.slug})
            if role
            else "",
            "my_training_left": bool(mine and not mine.finished),
            "manage_url": reverse("training:manage", kwargs={"slug": programme.slug})
            if not role and request.user.has_perm("programmes.change_programme", programme)
            else "",
        },
        request=request,
    )
