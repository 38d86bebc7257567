"""Read-side queries on pairs' mentoring life, for the pair page, reminders and dashboards,
and the rules on who reads what that pages, the API, exports and "my data" share: which
pairs a user may see, whose private note is whose, who reads a pair's messages, whose pulse
comment is readable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import (
    Concern,
    ConcernStatus,
    MentoringSession,
    MessageThreadState,
    PairMessage,
    PrivateNote,
    Pulse,
    SessionStatus,
)
from rementor.people.models import Person

# The thresholds of the at-risk flag (the brief's "no session held for 30 days").
DAYS_WITHOUT_SESSION = 30
LOW_PULSE = 2.5
# Two groups of pair_health's reasons the pages filter on: any reason, and "a member left".
ANY_RISK = "any"
MEMBER_LEFT = "left"
LEFT_REASONS = ("mentor_left", "mentee_left")


def sessions_overseen(programme) -> QuerySet[MentoringSession]:
    """A programme's sessions as its managers list them, newest first: when, how, where they
    stand and the pair's two names — never an agenda, a place or a note (not even loaded)."""
    return (
        MentoringSession.objects.filter(pair__programme=programme)
        .select_related("pair__mentee__person", "pair__mentor__person")
        .only(
            "pk",
            "starts_at",
            "time_zone",
            "duration_minutes",
            "mode",
            "status",
            "pair__status",
            "pair__mentee__person__first_name",
            "pair__mentee__person__last_name",
            "pair__mentor__person__first_name",
            "pair__mentor__person__last_name",
        )
        .order_by("-starts_at", "-pk")
    )


# ----------------------------------------------------------------------------- visible pairs
#
# The one rule on which pairs a user sees, used by the pages, the API, the next steps on the
# home page and "my data" alike: the programme managers oversee every pair; a participant
# sees the pairs they are a member of (as mentee or mentor); anyone else — signed out, or an
# account with no employee record — sees none.


def member_of(user, *, prefix: str = "") -> Q:
    """A filter matching the pairs ``user`` is a member of, as mentee or mentor. ``prefix``
    leads from a row to its pair (``"pair__"`` for a session, ``"session__pair__"`` for a
    pulse). Matches nothing for a user with no employee record, or signed out."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}mentee__person_id": person_id}) | Q(
        **{f"{prefix}mentor__person_id": person_id}
    )


def in_pairs_visible_to(queryset: QuerySet, user, *, prefix: str = "pair__") -> QuerySet:
    """``queryset`` — rows hanging off a pair through ``prefix`` — cut to the pairs ``user``
    may see (see :func:`pairs_visible_to`)."""
    if user.has_perm("mentoring.oversee_pairs"):
        return queryset
    return queryset.filter(member_of(user, prefix=prefix))


def pairs_visible_to(user, queryset: QuerySet[Pair] | None = None) -> QuerySet[Pair]:
    """The pairs ``user`` may see: every pair for the programme managers, their own pairs for
    a participant, none for anyone else. ``queryset`` (all pairs by default) brings its own
    joins and filters."""
    pairs = Pair.objects.all() if queryset is None else queryset
    return in_pairs_visible_to(pairs, user, prefix="")


# ----------------------------------------------------------------------------- private notes
#
# A private note is readable by its author only: not the other member, not a manager, not
# an export made for the programme team. Every read of a note goes through the author.


def private_notes_readable_by(user) -> QuerySet[PrivateNote]:
    """The private notes ``user`` may read: their own, and nobody else's."""
    if not getattr(user, "is_authenticated", False):
        return PrivateNote.objects.none()
    return PrivateNote.objects.filter(author=user)


def private_note_of(session: MentoringSession, user) -> PrivateNote | None:
    """``user``'s own private note on ``session``, or None (also when the note is another's)."""
    return private_notes_readable_by(user).filter(session=session).first()


def private_notes_of(sessions: Iterable[MentoringSession | int], user) -> dict[int, str]:
    """{session id: text} of ``user``'s own private notes on ``sessions`` (one query)."""
    return dict(
        private_notes_readable_by(user)
        .filter(session__in=list(sessions))
        .values_list("session_id", "text")
    )


# ----------------------------------------------------------------------------- messages
#
# A pair's messages are read by its members, and by nobody else: not the programme managers
# (who oversee every pair), not sponsors, not an export made for the programme team.


def messages_readable_by(user) -> QuerySet[PairMessage]:
    """The messages ``user`` may read: those of the pairs they are a member of."""
    return PairMessage.objects.filter(member_of(user, prefix="pair__"))


def unread_messages(user, *, pair: Pair) -> QuerySet[PairMessage]:
    """The messages of ``pair`` written by someone else since ``user`` last read the thread
    (none when ``user`` is not a member)."""
    last_read = MessageThreadState.objects.filter(pair=OuterRef("pair"), user_id=user.pk).values(
        "last_read_id"
    )[:1]
    return (
        messages_readable_by(user)
        .filter(pair=pair)
        .exclude(author_id=user.pk)
        .filter(pk__gt=Coalesce(Subquery(last_read), Value(0)))
    )


# ----------------------------------------------------------------------------- pair health


@dataclass(frozen=True)
class PairHealth:
    pair_id: int
    sessions_held: int
    # Sessions the pair's cadence asked for so far (one per cadence period started and ended).
    sessions_expected: int
    last_held: dt.datetime | None
    # Days since the last held session, or since the pair started when none was held yet.
    days_since: int
    # A pulse scores (usefulness + comfort) / 2; None when no pulse was given.
    pulse_average: float | None
    recent_pulse_average: float | None
    usefulness_average: float | None
    comfort_average: float | None
    pulses: int
    open_concerns: int
    at_risk: bool
    reasons: tuple[str, ...]


def _average(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _started(created_at: dt.datetime, programme_start: dt.date) -> dt.datetime:
    """When a pair started: when it was made, or the programme's first day if later."""
    return max(
        created_at,
        dt.datetime.combine(programme_start, dt.time.min, tzinfo=created_at.tzinfo),
    )


def _risk_reasons(
    *,
    status: str,
    mentor_active: bool,
    mentee_active: bool,
    days_since: int,
    recent_pulse: float | None,
    open_concern: bool,
) -> tuple[str, ...]:
    """Why a pair is at risk (none for a closed pair), in the order the pages list them."""
    reasons: list[str] = []
    if status in (PairStatus.ACTIVE, PairStatus.PAUSED):
        if not mentor_active:
            reasons.append("mentor_left")
        if not mentee_active:
            reasons.append("mentee_left")
        if status == PairStatus.ACTIVE and days_since >= DAYS_WITHOUT_SESSION:
            reasons.append("no_session")
        if recent_pulse is not None and recent_pulse < LOW_PULSE:
            reasons.append("low_pulse")
        if open_concern:
            reasons.append("open_concern")
    return tuple(reasons)


def pair_health(
    pairs: Iterable[Pair | int] | QuerySet[Pair], *, now: dt.datetime | None = None
) -> dict[int, PairHealth]:
    """Health of each pair, keyed by pair id, in four queries whatever the number of pairs.
    ``pairs`` may be a queryset: it is then read as a subquery of each of the four (no list
    of ids sent back and forth, however many pairs a programme has).

    At risk (active and paused pairs only; closed pairs never are): the mentor or the
    mentee left the company (their person was deactivated: the manager ends or re-matches
    the pair), no session held for 30 days (counted from the pair's start when none was
    held), or the last two pulses average below 2.5, or an open concern. ``reasons`` says
    which ("mentor_left", "mentee_left", "no_session", "low_pulse", "open_concern") — never
    any concern or note text.
    """
    now = now or timezone.now()
    ids: list[int] | QuerySet
    if isinstance(pairs, QuerySet):
        ids = pairs.order_by().values("pk")
    else:
        ids = [p if isinstance(p, int) else p.pk for p in pairs]
        if not ids:
            return {}
    rows = Pair.objects.filter(pk__in=ids).values(
        "pk",
        "status",
        "created_at",
        "ended_at",
        "programme__cadence_weeks",
        "programme__start_date",
        "programme__end_date",
        "charter__cadence_weeks",
        "mentor__person__is_active",
        "mentee__person__is_active",
    )
    held = {
        row["pair"]: row
        for row in MentoringSession.objects.filter(pair__in=ids, status=SessionStatus.HELD)
        .values("pair")
        .annotate(count=Count("pk"), last=Max("starts_at"))
        .order_by()
    }
    pulses = _pulse_figures(ids)
    concerns = dict(
        Concern.objects.filter(pair__in=ids, status=ConcernStatus.OPEN)
        .values("pair")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("pair", "count")
    )

    health: dict[int, PairHealth] = {}
    for row in rows:
        pair_id = row["pk"]
        started = _started(row["created_at"], row["programme__start_date"])
        until = min(now, row["ended_at"] or now)
        cadence_days = 7 * (row["charter__cadence_weeks"] or row["programme__cadence_weeks"] or 3)
        expected = max(0, (until - started).days // cadence_days)
        count = held.get(pair_id, {}).get("count", 0)
        last = held.get(pair_id, {}).get("last")
        days_since = max(0, ((now - last) if last else (now - started)).days)
        given = pulses.get(pair_id, _NO_PULSE)
        recent = _average(given.recent)
        open_concerns = concerns.get(pair_id, 0)
        reasons = _risk_reasons(
            status=row["status"],
            mentor_active=row["mentor__person__is_active"],
            mentee_active=row["mentee__person__is_active"],
            days_since=days_since,
            recent_pulse=recent,
            open_concern=bool(open_concerns),
        )
        health[pair_id] = PairHealth(
            pair_id=pair_id,
            sessions_held=count,
            sessions_expected=expected,
            last_held=last,
            days_since=days_since,
            pulse_average=_mean((given.usefulness + given.comfort) / 2, given.count),
            recent_pulse_average=recent,
            usefulness_average=_mean(given.usefulness, given.count),
            comfort_average=_mean(given.comfort, given.count),
            pulses=given.count,
            open_concerns=open_concerns,
            at_risk=bool(reasons),
            reasons=reasons,
        )
    return health


@dataclass(frozen=True)
class PairRisk:
    """What :func:`pair_health` says of a pair that a list of every pair sorts and filters on."""

    pair_id: int
    status: str
    days_since: int
    at_risk: bool
    reasons: tuple[str, ...]
    programme_id: int | None = None


def pair_risks(pairs: QuerySet[Pair], *, now: dt.datetime | None = None) -> dict[int, PairRisk]:
    """The at-risk flag, its reasons and the days since the last held session of each of
    ``pairs``, keyed by pair id — the same as :func:`pair_health`'s, in five queries whatever
    the number of pairs (a sixth when some running pair gave a low pulse), without reading
    every pulse: only the last two pulses of the running pairs that gave a low one (the
    others' last two cannot average below the threshold)."""
    now = now or timezone.now()
    ids = pairs.order_by().values("pk")
    last_held = (
        MentoringSession.objects.filter(pair=OuterRef("pk"), status=SessionStatus.HELD)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    # One date and time per pair to read (reading them is most of the cost here): the last
    # held session, or when none was held, when the pair was made.
    rows = (
        pairs.order_by()
        .annotate(last_held=Subquery(last_held))
        .annotate(
            made=Case(When(last_held__isnull=True, then=F("created_at")), default=Value(None))
        )
        .values_list(
            "pk",
            "status",
            "last_held",
            "made",
            "programme_id",
            "programme__start_date",
        )
    )
    # Who left the company, found from the few people who left (an index) rather than by
    # joining every pair to both its people: on PostgreSQL that join read every person twice.
    gone = Person.objects.filter(is_active=False).values("pk")
    mentor_left = set(pairs.order_by().filter(mentor__person__in=gone).values_list("pk", flat=True))
    mentee_left = set(pairs.order_by().filter(mentee__person__in=gone).values_list("pk", flat=True))
    with_concern = set(
        Concern.objects.filter(pair__in=ids, status=ConcernStatus.OPEN)
        .order_by()
        .values_list("pair", flat=True)
        .distinct()
    )
    # Not a subquery per pair: one pass over the pulses finds the few low ones.
    low_pulses = (
        Pulse.objects.alias(score=F("usefulness") + F("comfort"))
        .filter(score__lt=2 * LOW_PULSE)
        .values("session__pair_id")
    )
    # Read as a list first: a database that guesses many low pulses would otherwise join
    # every session to every pulse to rank the pulses of pairs that turn out to be none.
    gave_low = list(
        Pair.objects.filter(pk__in=ids, status__in=(PairStatus.ACTIVE, PairStatus.PAUSED))
        .filter(pk__in=low_pulses)
        .order_by()
        .values_list("pk", flat=True)
    )
    recent = _pulse_figures(gave_low) if gave_low else {}
    risks: dict[int, PairRisk] = {}
    for pair_id, status, last, made, programme_id, programme_start in rows:
        since = last or _started(made, programme_start)
        days_since = max(0, (now - since).days)
        reasons = _risk_reasons(
            status=status,
            mentor_active=pair_id not in mentor_left,
            mentee_active=pair_id not in mentee_left,
            days_since=days_since,
            recent_pulse=_average(recent.get(pair_id, _NO_PULSE).recent),
            open_concern=pair_id in with_concern,
        )
        risks[pair_id] = PairRisk(
            pair_id=pair_id,
            status=status,
            days_since=days_since,
            at_risk=bool(reasons),
            reasons=reasons,
            programme_id=programme_id,
        )
    return risks


class _Pulses(NamedTuple):
    count: int
    usefulness: int  # sums
    comfort: int
    recent: list[float]  # the scores of the last two


_NO_PULSE = _Pulses(0, 0, 0, [])


def _mean(total: float, count: int) -> float | None:
    """:func:`_average` from the sum of the values (halves and integers: exact sums)."""
    return round(total / count, 2) if count else None


def _pulse_figures(pairs: list[int] | QuerySet) -> dict[int, _Pulses]:
    """{pair id: its pulses' number and sums, and the scores of its last two} in one query:
    the database ranks each pair's pulses (latest session first) and sends the first two,
    with the pair's totals, instead of every pulse."""
    pair = [F("session__pair_id")]
    figures: dict[int, _Pulses] = {}
    for pair_id, usefulness, comfort, count, usefulness_sum, comfort_sum in (
        Pulse.objects.filter(session__pair__in=pairs)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=pair,
                order_by=[F("session__starts_at").desc(), F("created_at").desc(), F("pk").desc()],
            ),
            n=Window(Count("pk"), partition_by=pair),
            usefulness_sum=Window(Sum("usefulness"), partition_by=pair),
            comfort_sum=Window(Sum("comfort"), partition_by=pair),
        )
        .filter(rank__lte=2)
        .values_list(
            "session__pair_id", "usefulness", "comfort", "n", "usefulness_sum", "comfort_sum"
        )
    ):
        given = figures.setdefault(pair_id, _Pulses(count, usefulness_sum, comfort_sum, []))
        given.recent.append((usefulness + comfort) / 2)
    return figures


def may_be_at_risk(pairs: QuerySet[Pair], *, now: dt.datetime) -> QuerySet[Pair]:
    """The running (active or paused) pairs of ``pairs`` that may be at risk, found in the
    database by a looser test than :func:`pair_health`'s, so that pair_health — which reads
    the sessions and pulses of the pairs it is given — reads only these: no session held in
    the last 29 days, an open concern, one pulse scoring below the low-pulse threshold (the
    last two cannot average below it otherwise), or a member who left the company."""
    recent = now - dt.timedelta(days=DAYS_WITHOUT_SESSION - 1)
    # Sets of pairs each database builds once (``IN``), not a lookup per pair (``EXISTS``
    # under an OR, which neither turns into a join). The pair columns are never null. Who
    # left: the few people who left (an index), so that no person is read for the test, only
    # for the names of the pairs it keeps.
    gone = Person.objects.filter(is_active=False).values("pk")
    return pairs.filter(status__in=(PairStatus.ACTIVE, PairStatus.PAUSED)).filter(
        ~Q(
            pk__in=MentoringSession.objects.filter(
                status=SessionStatus.HELD, starts_at__gte=recent
            ).values("pair")
        )
        | Q(mentor__person__in=gone)
        | Q(mentee__person__in=gone)
        | Q(pk__in=Concern.objects.filter(status=ConcernStatus.OPEN).values("pair"))
        | Q(
            pk__in=Pulse.objects.alias(score=F("usefulness") + F("comfort"))
            .filter(score__lt=2 * LOW_PULSE)
            .values("session__pair")
        )
    )


# ----------------------------------------------------------------------------- pulse comments
#
# The one rule on who reads a pulse's comment, used by the pages, the API, the managers'
# exports and the reports alike: the comment is its author's; the programme team (programme
# managers, and the files made for them) reads it only when the author ticked "share this
# comment with the programme team"; the partner never does, nor do sponsors. The scores are
# not covered by this rule: the programme team always sees them, the partner never.


def pulse_comment_visible(user=None) -> Q:
    """A filter on :class:`Pulse` matching the pulses whose comment ``user`` may read.
    ``user=None`` stands for the programme team as a whole (the exports and the command
    line, which a programme manager runs): shared comments only."""
    shared = Q(comment_shared=True)
    if user is None:
        return shared
    person_id = getattr(user, "person_id", None)
    own = Q(author__person_id=person_id) if person_id is not None else Q(pk__in=[])
    if user.has_perm("mentoring.oversee_pairs"):
        return own | shared
    return own


def with_visible_comment(queryset: QuerySet[Pulse], user=None) -> QuerySet[Pulse]:
    """``queryset`` with ``visible_comment``: the comment when ``user`` may read it (see
    :func:`pulse_comment_visible`), else None."""
    return queryset.annotate(
        visible_comment=Case(
            When(pulse_comment_visible(user), then=F("comment")),
            default=None,
            output_field=CharField(),
        )
    )


def pulse_comments_visible_to(user, *, pair: Pair) -> QuerySet[Pulse]:
    """The pulses of ``pair`` with a comment ``user`` may read, latest session first, with
    their session and author loaded."""
    return (
        Pulse.objects.filter(session__pair=pair)
        .exclude(comment="")
        .filter(pulse_comment_visible(user))
        .select_related("session", "author")
        .order_by("-session__starts_at", "author__role", "pk")
    )
