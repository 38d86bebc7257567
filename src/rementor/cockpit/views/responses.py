"""Who has answered: the manager's page of needs, applications and training, with the
one-click reminder to those who have not answered."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rementor.cockpit import responses
from rementor.core.links import site_root
from rementor.core.lists import page_of
from rementor.programmes.access import programme_for

MANAGE = "programmes.change_programme"
# At 1,000 people a section is a few pages, those who have not answered first.
PAGE_SIZE = 50


def _headline(key: str, section: responses.Section) -> str:
    values = {"answered": section.answered, "total": section.total}
    if key == responses.NEEDS:
        text = ngettext(
            "%(answered)d of %(total)d mentee has given their needs.",
            "%(answered)d of %(total)d mentees have given their needs.",
            section.total,
        )
    elif key == responses.APPLICATIONS:
        text = ngettext(
            "%(answered)d of %(total)d invited mentor has answered.",
            "%(answered)d of %(total)d invited mentors have answered.",
            section.total,
        )
    else:
        text = ngettext(
            "%(answered)d of %(total)d participant has finished their training.",
            "%(answered)d of %(total)d participants have finished their training.",
            section.total,
        )
    return text % values


def _page_url(request: HttpRequest, key: str, number: int) -> str:
    """This page with section ``key`` at page ``number``, the other sections where they were."""
    query = request.GET.copy()
    query[f"{key}_page"] = str(number)
    return f"?{query.urlencode()}#{key}"


def responses_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Needs (#needs), mentor applications (#applications) and training (#training)."""
    programme = programme_for(request, slug, MANAGE)
    parts = []
    for key, section in responses.sections_of(programme=programme).items():
        # A count and one page of rows, read from the database: never the whole section.
        keys = section.people.values_list("pk", flat=True)
        page = Paginator(keys, PAGE_SIZE).get_page(request.GET.get(f"{key}_page"))
        parts.append(
            {
                "key": key,
                "section": section,
                "page": page,
                "rows": section.rows_of(page_of(section.people, page.object_list)),
                "previous_url": _page_url(request, key, page.previous_page_number())
                if page.has_previous()
                else "",
                "next_url": _page_url(request, key, page.next_page_number())
                if page.has_next()
                else "",
                "headline": _headline(key, section),
                "preview": None
                if section.closed_reason
                else responses.reminder_preview(programme=programme, section=section),
            }
        )
    return render(request, "cockpit/responses.html", {"programme": programme, "parts": parts})


def _report(request: HttpRequest, counts: responses.ReminderCounts) -> None:
    messages.success(
        request,
        ngettext(
            "%(count)d person reminded by e-mail.",
            "%(count)d people reminded by e-mail.",
            counts.sent,
        )
        % {"count": counts.sent},
    )
    if counts.already_today:
        messages.info(
            request,
            ngettext(
                "%(count)d person already reminded today: not e-mailed again.",
                "%(count)d people already reminded today: not e-mailed again.",
                counts.already_today,
            )
            % {"count": counts.already_today},
        )
    if counts.opted_out:
        messages.info(
            request,
            ngettext(
                "%(count)d person stopped these reminders: not e-mailed.",
                "%(count)d people stopped these reminders: not e-mailed.",
                counts.opted_out,
            )
            % {"count": counts.opted_out},
        )
    if counts.unreachable:
        messages.warning(
            request,
            ngettext(
                "%(count)d person cannot be reached by e-mail (no account, or left the company).",
                "%(count)d people cannot be reached by e-mail (no account, or left the company).",
                counts.unreachable,
            )
            % {"count": counts.unreachable},
        )


@require_POST
def remind(request: HttpRequest, slug: str) -> HttpResponse:
    """E-mail a reminder to those of one section who have not answered (once a day each)."""
    programme = programme_for(request, slug, MANAGE)
    key = request.POST.get("section", "")
    target = reverse("cockpit:responses", kwargs={"slug": programme.slug})
    # The training page sends its own button here, so that its reminders share the limit of
    # one a day per person; it asks to come back to itself.
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        target = back
    if key not in responses.SECTIONS:
        messages.error(request, _("Choose whom to remind: nothing was sent."))
        return redirect(target)
    try:
        counts = responses.send_reminders(
            programme=programme, key=key, by=request.user, base_url=site_root(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join([*error.messages, _("Nothing was sent.")]))
    else:
        _report(request, counts)
    return redirect(target if back == target else f"{target}#{key}")
