"""Messages within a pair: a thread its members write in instead of e-mailing each other
outside the tool.

Who reads it is one rule (:func:`rementor.mentoring.queries.messages_readable_by`): the pair's
members, nobody else. The text never leaves the thread's page: the e-mail that tells the other
member carries a link, at most once an hour per member and thread, so a chatty pair does not
flood an inbox; each member may turn these e-mails off (the link in each, or their account
page) and back on (their account page). A finished pair's thread stays readable to its
members and takes no new message. Retention and erasure delete messages with the pair's
private data
(:mod:`rementor.privacy.retention`, :mod:`rementor.privacy.erasure`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rementor.core.links import site_root
from rementor.core.numbers import format_number
from rementor.matching.models import Pair
from rementor.mentoring.models import (
    MESSAGE_MAX_LENGTH,
    MessageThreadState,
    PairMessage,
    ReminderOptOut,
)
from rementor.mentoring.objectives import pair_is_closed
from rementor.mentoring.reminders import PAIR_MESSAGES, unsubscribe_link
from rementor.mentoring.rules import member_role
from rementor.people.models import User
from rementor.people.queries import reachable_users

# At most one e-mail per member and thread in this time, however many messages arrive.
NOTIFY_EVERY = dt.timedelta(hours=1)


def ensure_thread_open(pair: Pair) -> None:
    """Raise a ValidationError saying why when the pair's thread takes no new message."""
    if pair_is_closed(pair):
        raise ValidationError(
            _("This pair has finished: you can read its messages, but no longer write.")
        )


def check_text(text: str) -> str:
    """``text`` stripped, or a ValidationError on ``text`` naming the fix."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your message before sending it.")})
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _(
                    "Your message has %(length)s characters; the limit is %(limit)s. Shorten "
                    "it or send it in two parts (your text is kept below)."
                )
                % {
                    "length": format_number(len(text), 0),
                    "limit": format_number(MESSAGE_MAX_LENGTH, 0),
                }
            }
        )
    return text


def post_message(*, pair: Pair, by, text: str) -> PairMessage:
    """A member writes in the pair's thread; the other member is told by e-mail (a link, never
    the text; at most once an hour) once the message is saved."""
    if member_role(by, pair) is None:
        raise PermissionDenied
    ensure_thread_open(pair)
    text = check_text(text)
    with transaction.atomic():
        message = PairMessage.objects.create(pair=pair, author=by, text=text)
        mark_read(pair=pair, user=by, up_to=message.pk)
        transaction.on_commit(lambda: notify_members(message=message))
    return message


def mark_read(*, pair: Pair, user, up_to: int | None = None) -> None:
    """``user`` has read ``pair``'s thread up to message ``up_to`` (the latest by default);
    never moves back."""
    if up_to is None:
        up_to = PairMessage.objects.filter(pair=pair).aggregate(last=Max("pk"))["last"]
        if up_to is None:
            return
    state, _created = MessageThreadState.objects.get_or_create(pair=pair, user=user)
    MessageThreadState.objects.filter(pk=state.pk, last_read_id__lt=up_to).update(
        last_read_id=up_to
    )


def thread_members(pair: Pair) -> QuerySet[User]:
    """The accounts of ``pair``'s members."""
    return User.objects.filter(
        Q(person_id=pair.mentee.person_id) | Q(person_id=pair.mentor.person_id)
    )


def notify_members(*, message: PairMessage, now: dt.datetime | None = None) -> int:
    """E-mail each other member of the pair who can be reached and was not told in the last
    hour and did not turn these e-mails off: a link to the thread, never the text. Returns how
    many were e-mailed."""
    now = now or timezone.now()
    pair = message.pair
    link = site_root() + reverse("mentoring:messages", args=[pair.pk])
    author = message.author.display_name if message.author else ""
    sent = 0
    recipients = (
        reachable_users(thread_members(pair))
        .exclude(pk=message.author_id)
        .exclude(pk__in=ReminderOptOut.objects.filter(kind=PAIR_MESSAGES).values("user_id"))
    )
    for user in recipients.exclude(email=""):
        state, _created = MessageThreadState.objects.get_or_create(pair=pair, user=user)
        # Claimed in one UPDATE: two messages sent at once e-mail a member once.
        claimed = (
            MessageThreadState.objects.filter(pk=state.pk)
            .filter(Q(notified_at__isnull=True) | Q(notified_at__lte=now - NOTIFY_EVERY))
            .update(notified_at=now)
        )
        if not claimed:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = _("A new message from your pair in %(programme)s") % {
                "programme": pair.programme.name
            }
            body = render_to_string(
                "mentoring/email/pair_message.txt",
                {
                    "programme": pair.programme,
                    "author": author,
                    "link": link,
                    "unsubscribe": unsubscribe_link(user=user, kind=PAIR_MESSAGES),
                    "account": site_root() + reverse("privacy:profile"),
                },
            )
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
