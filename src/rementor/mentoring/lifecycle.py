"""A pair's life cycle: active <-> paused (with a reason), then completed or ended early (with
a reason). Members and programme managers may move it; both members hear when it ends."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rementor.audit.events import acted_by
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import MentoringSession, SessionStatus
from rementor.mentoring.sessions import ensure_open, member_users, send_session_emails

# Which move is allowed from which status.
MOVES: dict[str, tuple[str, ...]] = {
    "pause": (PairStatus.ACTIVE,),
    "resume": (PairStatus.PAUSED,),
    "complete": (PairStatus.ACTIVE, PairStatus.PAUSED),
    "end": (PairStatus.ACTIVE, PairStatus.PAUSED),
}


def allowed_moves(pair: Pair) -> list[str]:
    return [move for move, sources in MOVES.items() if pair.status in sources]


def _locked(pair: Pair, move: str) -> Pair:
    pair = Pair.objects.select_for_update().select_related("programme").get(pk=pair.pk)
    ensure_open(pair)
    if pair.status not in MOVES[move]:
        raise ValidationError(
            _("This pair is %(status)s: it cannot be changed this way.")
            % {"status": pair.get_status_display().lower()}
        )
    return pair


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason."))
    return reason


@acted_by
@transaction.atomic
def pause_pair(*, pair: Pair, by, reason: str) -> Pair:
    """Pause an active pair (holiday, workload...); it keeps its members and its place."""
    pair = _locked(pair, "pause")
    pair.status = PairStatus.PAUSED
    pair.status_reason = _reason(reason)
    pair.save(update_fields=["status", "status_reason"])
    return pair


@acted_by
@transaction.atomic
def resume_pair(*, pair: Pair, by) -> Pair:
    """Resume a paused pair."""
    pair = _locked(pair, "resume")
    pair.status = PairStatus.ACTIVE
    pair.status_reason = ""
    pair.save(update_fields=["status", "status_reason"])
    return pair


def _close(pair: Pair, *, status: str, reason: str, base_url: str) -> Pair:
    pair.status = status
    pair.status_reason = reason
    pair.ended_at = timezone.now()
    pair.save(update_fields=["status", "status_reason", "ended_at"])
    # Sessions still to come are called off, so calendars do not keep ghost meetings.
    upcoming = list(
        MentoringSession.objects.select_for_update().filter(
            pair=pair, status=SessionStatus.PLANNED, starts_at__gte=timezone.now()
        )
    )
    for session in upcoming:
        session.status = SessionStatus.CANCELLED
        session.sequence += 1
        session.save(update_fields=["status", "sequence", "updated_at"])

    def _send() -> None:
        for session in upcoming:
            send_session_emails(session=session, kind="cancel", base_url=base_url)
        send_pair_closed_emails(pair=pair, base_url=base_url)

    transaction.on_commit(_send)
    return pair


@acted_by
@transaction.atomic
def complete_pair(*, pair: Pair, by, reason: str = "", base_url: str = "") -> Pair:
    """The pair went the whole way. Both members are told; the pair becomes read-only."""
    pair = _locked(pair, "complete")
    return _close(
        pair, status=PairStatus.COMPLETED, reason=(reason or "").strip(), base_url=base_url
    )


@acted_by
@transaction.atomic
def end_pair(*, pair: Pair, by, reason: str, base_url: str = "") -> Pair:
    """End a pair early, with a reason. Both members are told; the pair becomes read-only."""
    pair = _locked(pair, "end")
    return _close(pair, status=PairStatus.ENDED, reason=_reason(reason), base_url=base_url)


def send_pair_closed_emails(*, pair: Pair, base_url: str = "") -> None:
    """Tell both members their pair is completed or ended, in their language. The reason is
    not repeated in the e-mail: it may be personal, and it is on the pair page."""
    template = (
        "mentoring/email/pair_completed.txt"
        if pair.status == PairStatus.COMPLETED
        else "mentoring/email/pair_ended.txt"
    )
    pair = Pair.objects.select_related("programme", "mentee__person", "mentor__person").get(
        pk=pair.pk
    )
    link = base_url + reverse("mentoring:pair", args=[pair.pk])
    for user in member_users(pair):
        with translation.override(user.language or settings.LANGUAGE_CODE):
            partner = pair.mentor if user.person_id == pair.mentee.person_id else pair.mentee
            context = {"pair": pair, "partner": partner.person.full_name, "link": link}
            if pair.status == PairStatus.COMPLETED:
                subject = _("Your mentoring pair is completed — thank you!")
            else:
                subject = _("Your mentoring pair has ended")
            body = render_to_string(template, context)
        send_mail(subject, body, None, [user.email])
