"""Template tags rendering the sessions part of the pair page (see mentoring/pairs/pair.html)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from rementor.matching.models import CLOSED
from rementor.mentoring.feedback import check_ins_waiting, membership
from rementor.mentoring.models import MentoringSession, Pulse, SessionStatus
from rementor.mentoring.queries import pair_health, pulse_comments_visible_to
from rementor.programmes.models import ProgrammeStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def sessions_section(context, pair) -> str:
    """Members: the next session (with its .ics), sessions to log, past sessions, pulses and
    check-ins waiting for the viewer, and the "plan a session" and "record a session that
    already took place" buttons. Managers: that sessions happened, the pulse scores and the
    pulse comments shared with them — never agendas, shared or private notes, nor a comment
    its author kept private."""
    request = context["request"]
    user = request.user
    enrollment = membership(pair, user)
    now = timezone.now()
    # Only the columns a list needs: no notes or agenda are loaded here.
    sessions = list(
        MentoringSession.objects.filter(pair=pair)
        .only("pk", "pair_id", "starts_at", "time_zone", "duration_minutes", "mode", "status")
        .order_by("-starts_at")
    )
    ctx = {
        "pair": pair,
        "is_member": enrollment is not None,
        "is_open": pair.status not in CLOSED,
        "can_plan": enrollment is not None and pair.status == "active",
        # Booking from free times waits for the programme to start (a pair may be formed
        # while it is still matching): say so rather than offer a button that bounces back.
        "booking_waits": pair.programme.status != ProgrammeStatus.RUNNING,
        # A session held before a pause can still be entered afterwards.
        "can_record": enrollment is not None and pair.status not in CLOSED,
        "can_change_status": enrollment is not None or user.has_perm("mentoring.oversee_pairs"),
        "sessions": sessions,
        "request": request,
    }
    if enrollment is not None:
        upcoming = sorted(
            (s for s in sessions if s.status == SessionStatus.PLANNED and s.starts_at >= now),
            key=lambda s: s.starts_at,
        )
        answered = set(
            Pulse.objects.filter(session__pair=pair, author=enrollment).values_list(
                "session_id", flat=True
            )
        )
        ctx.update(
            next_session=upcoming[0] if upcoming else None,
            later_sessions=upcoming[1:],
            to_log=[s for s in sessions if s.status == SessionStatus.PLANNED and s.starts_at < now],
            past_sessions=[s for s in sessions if s.status != SessionStatus.PLANNED],
            pulses_due=[
                s
                for s in sessions
                if s.status == SessionStatus.HELD and s.pk not in answered and ctx["is_open"]
            ],
            check_ins_due=check_ins_waiting(pair, enrollment),
        )
    else:
        ctx["health"] = pair_health([pair])[pair.pk]
        # The comments their authors chose to share with the programme team, and no other.
        ctx["shared_comments"] = list(pulse_comments_visible_to(user, pair=pair))
    return render_to_string("mentoring/sessions/section.html", ctx, request=request)
