"""The one-click stop of a kind of reminder e-mail (no sign-in: the link carries a token)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rementor.mentoring.reminders import OPT_OUT_KINDS, opt_out, read_unsubscribe_token


@login_not_required
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click stop for one kind of reminder, or of the e-mails telling a member their pair
    wrote (the link in each such e-mail).

    GET asks for confirmation (mail scanners follow links); POST records the choice.
    """
    found = read_unsubscribe_token(token)
    if found is None or found[1] not in OPT_OUT_KINDS:
        return render(request, "mentoring/reminders/unsubscribe.html", {"invalid": True})
    user, kind = found
    done = False
    if request.method == "POST":
        opt_out(user=user, kind=kind)
        done = True
    return render(request, "mentoring/reminders/unsubscribe.html", {"kind": kind, "done": done})
