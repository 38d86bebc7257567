"""Confidential concerns to the programme managers, and ideas a pair gives the company (and
the programme managers mark as adopted once they became a change).

A concern is read by its author and the programme managers only. Its text never leaves the
concern's own page: e-mails carry a link, lists carry the date, pair and status.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rementor.audit.events import Event, acted_by, record
from rementor.core.formats import date_text
from rementor.core.links import site_root
from rementor.matching.models import Pair
from rementor.mentoring.models import Concern, ConcernStatus, Idea
from rementor.mentoring.objectives import ensure_pair_open
from rementor.mentoring.rules import member_role
from rementor.mentoring.signals import idea_logged
from rementor.people.models import Department, User
from rementor.people.queries import reachable_users
from rementor.programmes.models import Programme


def can_read_concern(user, concern: Concern) -> bool:
    """Its author and programme managers; nobody else, not even the other member."""
    if not user.is_authenticated or not user.is_active:
        return False
    return concern.author_id == user.pk or bool(user.is_programme_manager)


def programme_managers() -> QuerySet[User]:
    return reachable_users(User.objects.filter(is_programme_manager=True)).exclude(email="")


def _link(path: str) -> str:
    return site_root() + path


def send_concern_raised(*, concern: Concern) -> None:
    """Tell each programme manager, in their language, that a concern waits — link only."""
    programme = concern.pair.programme
    link = _link(reverse("mentoring:concern_detail", args=[concern.pk]))
    for manager in programme_managers():
        with translation.override(manager.language or settings.LANGUAGE_CODE):
            subject = _("A concern was raised in %(programme)s") % {"programme": programme.name}
            body = render_to_string(
                "mentoring/email/concern_raised.txt", {"programme": programme, "link": link}
            )
        send_mail(subject, body, None, [manager.email])


def send_concern_resolved(*, concern: Concern) -> None:
    """Tell the author their concern was handled — link only, neither text nor note."""
    author = concern.author
    if not author.email:
        return
    programme = concern.pair.programme
    link = _link(reverse("mentoring:concern_detail", args=[concern.pk]))
    with translation.override(author.language or settings.LANGUAGE_CODE):
        subject = _("Your concern in %(programme)s was resolved") % {"programme": programme.name}
        body = render_to_string(
            "mentoring/email/concern_resolved.txt", {"programme": programme, "link": link}
        )
    send_mail(subject, body, None, [author.email])


@acted_by
def raise_concern(*, pair: Pair, by, text: str) -> Concern:
    """A member writes to the programme managers in confidence; the other member never learns
    of it. Allowed after the pair has finished too: that is often when a worry comes out."""
    if member_role(by, pair) is None:
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Tell the programme managers what worries you.")})
    concern = Concern.objects.create(pair=pair, author=by, text=text)
    transaction.on_commit(lambda: send_concern_raised(concern=concern))
    return concern


@acted_by
def resolve_concern(*, concern: Concern, by, note: str) -> Concern:
    """A programme manager closes a concern, saying what was done (the author reads it)."""
    if not (by.is_authenticated and by.is_programme_manager):
        raise PermissionDenied
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say how the concern was handled: its author reads it.")})
    with transaction.atomic():
        current = Concern.objects.select_for_update().get(pk=concern.pk)
        if current.status == ConcernStatus.RESOLVED:
            raise ValidationError(_("This concern was already resolved."))
        current.status = ConcernStatus.RESOLVED
        current.resolved_by = by
        current.resolved_at = timezone.now()
        current.resolution_note = note
        current.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note"])
    transaction.on_commit(lambda: send_concern_resolved(concern=current))
    for field in ("status", "resolved_by", "resolved_at", "resolution_note"):
        setattr(concern, field, getattr(current, field))
    return concern


def concerns_of_programme(programme: Programme, *, status: str | None = None) -> QuerySet:
    """For the managers' list: who raised what, when — never the text (deferred here)."""
    rows = (
        Concern.objects.filter(pair__programme=programme)
        .defer("text", "resolution_note")
        .select_related(
            "author__person",
            "resolved_by__person",
            "pair__mentee__person",
            "pair__mentor__person",
        )
    )
    if status:
        rows = rows.filter(status=status)
    return rows


def own_concerns(user, pair: Pair) -> QuerySet[Concern]:
    """The concerns ``user`` raised about ``pair`` — the only ones a member ever sees."""
    return Concern.objects.filter(pair=pair, author_id=user.pk).defer("text", "resolution_note")


def open_concern_count(pair: Pair) -> int:
    return pair.concerns.filter(status=ConcernStatus.OPEN).count()


def open_concern_counts(programme: Programme) -> dict[str, int]:
    return Concern.objects.filter(pair__programme=programme).aggregate(
        open=Count("pk", filter=Q(status=ConcernStatus.OPEN)),
        resolved=Count("pk", filter=Q(status=ConcernStatus.RESOLVED)),
    )


def log_idea(
    *,
    pair: Pair,
    by,
    title: str,
    description: str,
    department: Department | None = None,
) -> Idea:
    """Log an idea for the company that came out of the pair's sessions (the innovation the
    brief promises); managers see the programme's ideas, sponsors will see counts."""
    if member_role(by, pair) is None:
        raise PermissionDenied
    ensure_pair_open(pair)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the idea a short title.")
    if not description.strip():
        errors["description"] = _("Describe the idea in a few sentences.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        idea = Idea.objects.create(
            pair=pair,
            author=by,
            title=title.strip(),
            description=description.strip(),
            department=department,
        )
        idea_logged.send(sender=Idea, idea=idea)
    return idea


def ideas_of_programme(programme: Programme) -> QuerySet[Idea]:
    return Idea.objects.filter(pair__programme=programme).select_related(
        "department",
        "author__person",
        "adopted_by__person",
        "pair__mentee__person",
        "pair__mentor__person",
    )


# An adoption says what changed in the company: a sentence or two, never a report.
ADOPTION_MAX_LENGTH = 2000


@acted_by
def adopt_idea(*, idea: Idea, by, change: str, adopted_on: dt.date) -> Idea:
    """A programme manager records that ``idea`` became a change in the company: what changed
    and when (the Hartford's policy changes). The adoption counts on the results page;
    the audit trail records who adopted it and the date (never the text)."""
    if not (by.is_authenticated and by.is_programme_manager):
        raise PermissionDenied
    errors: dict[str, str] = {}
    change = change.strip()
    if not change:
        errors["change"] = _("Say what changed in the company thanks to this idea.")
    elif len(change) > ADOPTION_MAX_LENGTH:
        errors["change"] = _(
            "Keep it to %(limit)s characters (it has %(length)s): the results page lists it."
        ) % {"limit": ADOPTION_MAX_LENGTH, "length": len(change)}
    logged_on = timezone.localdate(idea.created_at)
    today = timezone.localdate()
    if adopted_on < logged_on:
        errors["adopted_on"] = _(
            "The change cannot come before the idea: give a date from %(day)s on."
        ) % {"day": date_text(logged_on)}
    elif adopted_on > today:
        errors["adopted_on"] = _(
            "An idea is adopted once the change is made: give today's date or an earlier one."
        )
    if errors:
        raise ValidationError(errors)
    idea.adoption_change = change
    idea.adopted_on = adopted_on
    idea.adopted_by = by
    with transaction.atomic():
        idea.save(update_fields=["adoption_change", "adopted_on", "adopted_by"])
        # An event, not a tracked model: the idea is a participant's writing, which the trail
        # never tracks (its title is typed text); the event names it "idea #12".
        record(
            event=Event.IDEA_ADOPTED,
            actor=by,
            target=idea,
            details={"adopted_on": adopted_on.isoformat()},
        )
    return idea


@acted_by
def undo_adoption(*, idea: Idea, by) -> Idea:
    """A programme manager takes an adoption back (recorded by mistake, or the change was
    reverted): the idea counts as logged only again."""
    if not (by.is_authenticated and by.is_programme_manager):
        raise PermissionDenied
    if idea.adopted_on is None:
        raise ValidationError(_("This idea is not marked as adopted."))
    was_adopted_on = idea.adopted_on
    idea.adoption_change = ""
    idea.adopted_on = None
    idea.adopted_by = None
    with transaction.atomic():
        idea.save(update_fields=["adoption_change", "adopted_on", "adopted_by"])
        record(
            event=Event.IDEA_ADOPTION_UNDONE,
            actor=by,
            target=idea,
            details={"adopted_on": was_adopted_on.isoformat()},
        )
    return idea
