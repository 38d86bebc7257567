"""The messages link of the pair page (see mentoring/pairs/pair.html): members only, with the
number of messages they have not read; and whether the account page shows the switch of the
e-mails about new messages."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from rementor.mentoring.access import viewer_of
from rementor.mentoring.queries import unread_messages
from rementor.mentoring.reminders import PAIR_MESSAGES, opted_out

register = template.Library()


@register.simple_tag(takes_context=True)
def messages_link(context, pair) -> str:
    """Nothing for a manager: the thread is the members' alone."""
    request, user, role = viewer_of(context, pair)
    if role is None:
        return ""
    return render_to_string(
        "mentoring/messages/link.html",
        {"pair": pair, "unread": unread_messages(user, pair=pair).count()},
        request=request,
    )


@register.simple_tag(takes_context=True)
def message_emails(context) -> dict[str, bool]:
    """For the account page: shown to anyone with an employee record (a pair's member may
    be one), on unless they turned it off."""
    user = context["request"].user
    if not getattr(user, "person_id", None):
        return {"allowed": False, "on": False}
    return {"allowed": True, "on": not opted_out(user=user, kind=PAIR_MESSAGES)}
