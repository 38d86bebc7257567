"""Booking from availability: the pair's free times, and booking one or a series. Thin: the
domain (``booking.py``) computes the times and decides."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from rementor.core.forms import attach_errors
from rementor.core.links import site_root
from rementor.mentoring import booking, plan, sessions
from rementor.mentoring.access import pair_for
from rementor.mentoring.forms.booking import BookingForm, day_groups
from rementor.mentoring.leading import lead_sentence, leads
from rementor.mentoring.rules import member_role
from rementor.mentoring.views.common import closed_pair_redirect, posted


def book_session(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for(request, pk, "mentoring.act_in_pair")
    if closed := closed_pair_redirect(request, pair, ensure_open=sessions.ensure_open):
        return closed
    if refusal := booking.booking_refusal(pair):
        messages.error(request, refusal)
        return redirect("mentoring:pair", pk=pair.pk)
    programme = pair.programme
    offered = booking.free_times_for(pair=pair)
    form = BookingForm(posted(request), free_times=offered, cadence_weeks=programme.cadence_weeks)
    if request.method == "POST" and form.is_valid():
        try:
            booked = booking.book_sessions(
                pair=pair, by=request.user, base_url=site_root(request), **form.domain_fields()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Session booked: you both receive an invitation.",
                    "%(count)s sessions booked: you both receive an invitation for each.",
                    len(booked),
                )
                % {"count": len(booked)},
            )
            return redirect("mentoring:pair", pk=pair.pk)
    zone = ZoneInfo(request.user.person.time_zone)
    context = {
        "pair": pair,
        "form": form,
        "groups": day_groups(offered, zone),
        "zone": str(zone),
        "chosen": form["free_time"].value(),
        "both_gave_slots": bool(pair.mentor.slots) and bool(pair.mentee.slots),
        "horizon_weeks": booking.HORIZON_DAYS // 7,
        "lead": lead_sentence(programme),
        "leads": leads(pair, member_role(request.user, pair)),
        "plan_steps": plan.pair_steps(pair),
    }
    return render(request, "mentoring/sessions/booking.html", context)
