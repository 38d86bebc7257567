"""The pair's messages: its members read the thread and write in it; nobody else does."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rementor.core.forms import attach_errors
from rementor.mentoring import messages as thread
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.messages import MessageForm
from rementor.mentoring.objectives import pair_is_closed
from rementor.mentoring.queries import messages_readable_by
from rementor.mentoring.reminders import PAIR_MESSAGES, opt_in, opt_out
from rementor.mentoring.views.common import posted

# A phone screen of messages at a time; older ones a page back.
MESSAGES_PER_PAGE = 30


def pair_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread, latest messages last (the last page by default), and the form to write.
    Managers know the pair but never read it (403); anyone else learns nothing (404)."""
    pair = pair_for(request, pk, "mentoring.read_messages")
    form = MessageForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            thread.post_message(pair=pair, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect(reverse("mentoring:messages", args=[pair.pk]) + "#latest")
    messages = messages_readable_by(request.user).filter(pair=pair).select_related("author__person")
    paginator = Paginator(messages, MESSAGES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page") or paginator.num_pages)
    if request.method == "GET":
        thread.mark_read(pair=pair, user=request.user)
    return render(
        request,
        "mentoring/messages/thread.html",
        {
            "pair": pair,
            "page": page,
            "form": form,
            "closed": pair_is_closed(pair),
        },
    )


@require_POST
def message_emails(request: HttpRequest) -> HttpResponse:
    """The signed-in person turns the e-mails about their pair's new messages on (``on=1``)
    or off: their own setting only, so no other check."""
    if request.POST.get("on") == "1":
        opt_in(user=request.user, kind=PAIR_MESSAGES)
        flash.success(request, _("You will be e-mailed again when your pair writes to you."))
    else:
        opt_out(user=request.user, kind=PAIR_MESSAGES)
        flash.success(request, _("You will no longer be e-mailed when your pair writes to you."))
    return redirect(reverse("privacy:profile") + "#message-emails")
