"""Template tags of objectives: the objectives part of the pair page (see
mentoring/pairs/pair.html), both parties' objectives with their tasks, and the helpers of the
objective pages (progress bar, safe evidence links, an adjustment's rows)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django import template
from django.template.loader import render_to_string

from rementor.mentoring.access import viewer_of
from rementor.mentoring.models import Objective, ObjectiveOwner, ObjectiveStatus
from rementor.mentoring.objectives import ADJUSTABLE, pair_is_closed

register = template.Library()


@register.simple_tag(takes_context=True)
def objectives_section(context, pair) -> str:
    """Both parties' objectives with their progress, and the practice tasks between sessions."""
    request, _user, role = viewer_of(context, pair)
    objectives = list(pair.objectives.select_related("skill"))
    groups = [
        {
            "owner": owner,
            "label": label,
            "objectives": [o for o in objectives if o.owner == owner],
        }
        for owner, label in ObjectiveOwner.choices
    ]
    closed = pair_is_closed(pair)
    return render_to_string(
        "mentoring/objectives/section.html",
        {
            "pair": pair,
            "role": role,
            "groups": groups,
            "tasks": pair.tasks.select_related("objective"),
            "closed": closed,
            "can_write": role is not None and not closed,
        },
        request=request,
    )


@register.simple_tag
def objective_progress(objective: Objective) -> str:
    """A <progress> bar (no inline style: the future CSP forbids it) with the percentage."""
    return render_to_string("mentoring/objectives/progress.html", {"objective": objective})


@register.filter
def web_link(value: str) -> str:
    """The link itself when it is an http(s) link, else "" — never a javascript: link."""
    if value and urlsplit(value).scheme.lower() in ("http", "https"):
        return value
    return ""


_LABELS = {
    "title": Objective._meta.get_field("title").verbose_name,
    "success_criterion": Objective._meta.get_field("success_criterion").verbose_name,
    "target_date": Objective._meta.get_field("target_date").verbose_name,
    "status": Objective._meta.get_field("status").verbose_name,
    "progress": Objective._meta.get_field("progress").verbose_name,
}


@register.filter
def change_rows(change) -> list[dict]:
    """An adjustment as rows of (label, before, after), with statuses in words."""

    def shown(field: str, value):
        if field == "status" and value in ObjectiveStatus.values:
            return ObjectiveStatus(value).label
        if field == "target_date" and value:
            return dt.date.fromisoformat(value)
        if field == "progress" and value is not None:
            return f"{value}%"
        return value

    return [
        {
            "label": _LABELS[field],
            "before": shown(field, change.before.get(field)),
            "after": shown(field, change.after.get(field)),
        }
        for field in ADJUSTABLE
        if field in change.before or field in change.after
    ]
