"""Cadence-based nudges, sent by ``python -m rementor send_reminders`` (daily).

Each reminder is recorded (kind, key, user) so it is never sent twice; each e-mail links to
the page to act on and to an unsubscribe link for that kind; no note or concern text is ever
in an e-mail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rementor.core.links import site_root
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.leading import leader_of
from rementor.mentoring.models import (
    MentoringSession,
    Pulse,
    ReminderLog,
    ReminderOptOut,
    SessionStatus,
)
from rementor.people.models import User
from rementor.people.queries import is_reachable, left_company, reachable_users
from rementor.training.queries import modules_left

PLAN_NEXT = "plan_next"
AT_RISK = "at_risk"
TRAINING = "training"
PULSE = "pulse"
KINDS = (PLAN_NEXT, AT_RISK, TRAINING, PULSE)
# Not a reminder but stopped the same way: the e-mail telling a member their pair wrote
# (``mentoring.messages``), turned off from its link and back on from the account page.
PAIR_MESSAGES = "pair_messages"
OPT_OUT_KINDS = (*KINDS, PAIR_MESSAGES)

PLAN_AFTER = dt.timedelta(days=14)
AT_RISK_AFTER = dt.timedelta(days=30)
TRAINING_BEFORE = dt.timedelta(days=7)
PULSE_AFTER = dt.timedelta(days=3)
_SALT = "rementor.reminders.unsubscribe"


@dataclass
class Outcome:
    sent: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))


def unsubscribe_token(*, user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=_SALT)


def read_unsubscribe_token(token: str) -> tuple[User, str] | None:
    try:
        data = signing.loads(token, salt=_SALT)
        return User.objects.get(pk=data["u"]), data["k"]
    except (signing.BadSignature, KeyError, TypeError, User.DoesNotExist):
        return None


@transaction.atomic
def opt_out(*, user: User, kind: str) -> None:
    ReminderOptOut.objects.get_or_create(user=user, kind=kind)


def opt_in(*, user: User, kind: str) -> None:
    """Undo ``opt_out``: ``user`` receives ``kind`` again."""
    ReminderOptOut.objects.filter(user=user, kind=kind).delete()


def opted_out(*, user: User, kind: str) -> bool:
    return ReminderOptOut.objects.filter(user=user, kind=kind).exists()


def unsubscribe_link(*, user: User, kind: str) -> str:
    """The full one-click stop link of ``kind`` for ``user`` (the footer of its e-mails)."""
    token = unsubscribe_token(user=user, kind=kind)
    return site_root() + reverse("mentoring:unsubscribe", args=[token])


def _members(pair: Pair) -> list[tuple[User, object]]:
    """The pair's members who may be e-mailed (an account, still in the company)."""
    out = []
    for enrollment in (pair.mentee, pair.mentor):
        user = getattr(enrollment.person, "user", None)
        if is_reachable(user):
            out.append((user, enrollment))
    return out


# What ``deliver_once`` did for one person.
SENT = "sent"
ALREADY_SENT = "already_sent"
OPTED_OUT = "opted_out"


def deliver_once(
    *,
    kind: str,
    key: str,
    user: User,
    send: Callable[[], None],
    respect_opt_out: bool = True,
    dry_run: bool = False,
) -> str:
    """Call ``send`` (which e-mails ``user``) at most once per (kind, key, user), recorded in
    ``ReminderLog``; not at all if ``user`` opted out of ``kind`` (when ``respect_opt_out``).

    Returns ``SENT``, ``ALREADY_SENT`` or ``OPTED_OUT``. The one door of every reminder, the
    daily ones here and those a manager sends from the programme's answers page.
    """
    if respect_opt_out and ReminderOptOut.objects.filter(user=user, kind=kind).exists():
        return OPTED_OUT
    if ReminderLog.objects.filter(kind=kind, key=key, user=user).exists():
        return ALREADY_SENT
    if dry_run:
        return SENT
    try:
        with transaction.atomic():
            ReminderLog.objects.create(kind=kind, key=key, user=user)
    except IntegrityError:  # another run sent it a moment ago
        return ALREADY_SENT
    send()
    return SENT


def _send(*, kind: str, key: str, user: User, link: str, context: dict, dry_run: bool) -> bool:
    """Send once per (kind, key, user), unless the user opted out of that kind."""
    return (
        deliver_once(
            kind=kind,
            key=key,
            user=user,
            send=lambda: _mail(kind=kind, user=user, link=link, context=context),
            dry_run=dry_run,
        )
        == SENT
    )


def _mail(*, kind: str, user: User, link: str, context: dict) -> None:
    base = site_root()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            f"mentoring/email/reminder_{kind}.txt",
            {
                **context,
                "user": user,
                "link": base + link,
                "unsubscribe": base
                + reverse("mentoring:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)]),
            },
        )
        subject = {
            PLAN_NEXT: _("Time to plan your next reverse-mentoring session"),
            AT_RISK: _("A pair needs your attention"),
            TRAINING: _("Your first session is soon: finish your training"),
            PULSE: _("How did your session go?"),
        }[kind]
    send_mail(subject, body, None, [user.email])


def _active_pairs(now: dt.datetime) -> Iterable[Pair]:
    return (
        Pair.objects.filter(status=PairStatus.ACTIVE, programme__status="running")
        .annotate(
            last_held=Max("sessions__starts_at", filter=Q(sessions__status=SessionStatus.HELD)),
            next_planned=Min(
                "sessions__starts_at",
                filter=Q(sessions__status=SessionStatus.PLANNED, sessions__starts_at__gte=now),
            ),
        )
        .select_related("programme", "mentee__person__user", "mentor__person__user")
    )


def send_reminders(*, now: dt.datetime | None = None, dry_run: bool = False) -> Outcome:
    """Send every reminder due at ``now``; safe to run as often as wanted."""
    now = now or timezone.now()
    outcome = Outcome()
    managers = list(reachable_users(User.objects.filter(is_programme_manager=True)))
    # A pair whose mentor or mentee left is on the managers' at-risk list: the one who stays
    # is not asked to plan a session or finish training for it.
    active = Pair.objects.filter(status=PairStatus.ACTIVE)
    broken = set(left_company(active, person="mentee__person").values_list("pk", flat=True)) | set(
        left_company(active, person="mentor__person").values_list("pk", flat=True)
    )
    for pair in _active_pairs(now):
        pair_link = reverse("mentoring:pair", args=[pair.pk])
        since = pair.last_held or pair.created_at
        context = {"pair": pair, "programme": pair.programme}
        # 1. Nothing planned two weeks after the last session: nudge the member who leads
        # (the programme's setting), not the other.
        if pair.next_planned is None and now - since >= PLAN_AFTER and pair.pk not in broken:
            leader = leader_of(pair)
            for user, enrollment in _members(pair):
                if enrollment.pk != leader.pk:
                    continue
                outcome.sent[PLAN_NEXT] += _send(
                    kind=PLAN_NEXT,
                    key=f"pair:{pair.pk}:since:{since:%Y-%m-%d}",
                    user=user,
                    link=pair_link,
                    context=context,
                    dry_run=dry_run,
                )
        # 2. No session held for 30 days: the pair is at risk; tell the programme managers.
        if now - since >= AT_RISK_AFTER:
            for manager in managers:
                outcome.sent[AT_RISK] += _send(
                    kind=AT_RISK,
                    key=f"pair:{pair.pk}:since:{since:%Y-%m-%d}",
                    user=manager,
                    link=pair_link,
                    context=context,
                    dry_run=dry_run,
                )
        # 3. First session within a week and training unfinished.
        first_soon = pair.next_planned is not None and pair.next_planned - now <= TRAINING_BEFORE
        if pair.last_held is None and first_soon and pair.pk not in broken:
            for user, enrollment in _members(pair):
                if modules_left(enrollment):
                    outcome.sent[TRAINING] += _send(
                        kind=TRAINING,
                        key=f"pair:{pair.pk}:first",
                        user=user,
                        link=pair_link,
                        context=context,
                        dry_run=dry_run,
                    )
    # 4. A pulse not answered three days after a held session: one reminder.
    held = MentoringSession.objects.filter(
        status=SessionStatus.HELD,
        starts_at__lte=now - PULSE_AFTER,
        starts_at__gte=now - dt.timedelta(days=30),
        pair__status=PairStatus.ACTIVE,
    ).select_related("pair__programme", "pair__mentee__person__user", "pair__mentor__person__user")
    answered = set(Pulse.objects.filter(session__in=held).values_list("session_id", "author_id"))
    for session in held:
        for user, enrollment in _members(session.pair):
            if (session.pk, enrollment.pk) in answered:
                continue
            outcome.sent[PULSE] += _send(
                kind=PULSE,
                key=f"session:{session.pk}",
                user=user,
                link=reverse("mentoring:pair", args=[session.pair_id]),
                context={
                    "pair": session.pair,
                    "programme": session.pair.programme,
                    "session": session,
                },
                dry_run=dry_run,
            )
    return outcome
