from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def navigation(request: HttpRequest) -> dict[str, object]:
    """Main navigation entries the signed-in user may open (none for anonymous visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [(reverse("home"), _("Home"))]
    if user.has_perm("programmes.list_programmes"):
        items.append((reverse("programmes:list"), _("Programmes")))
    if user.has_perm("people.view_directory"):
        items.append((reverse("people:directory"), _("People")))
    if user.has_perm("skills.change_taxonomy"):
        items.append((reverse("skills:taxonomy"), _("Skills")))
    if user.has_perm("audit.view_trail"):
        items.append((reverse("audit:trail"), _("Audit trail")))
    items.append((reverse("help_levels"), _("Help")))
    path = request.path
    return {
        "nav_items": [
            {
                "url": url,
                "label": label,
                "current": url == path or (url != "/" and path.startswith(url)),
            }
            for url, label in items
        ]
    }
