"""Writes on feedback: a pulse after each held session, the mid-term and final check-ins (the
mentee's final one together with the final self-assessment). Each member writes their own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.core.formats import date_text
from rementor.matching.models import CLOSED, Pair
from rementor.mentoring.models import (
    CheckIn,
    CheckInKind,
    MentoringSession,
    Phase,
    Pulse,
    SessionStatus,
)
from rementor.mentoring.phases import current_phase
from rementor.mentoring.rules import member_role
from rementor.mentoring.sessions import ensure_open
from rementor.programmes.models import Enrollment
from rementor.skills.domain import ItemInput, save_assessment
from rementor.skills.models import AssessmentKind

# The final check-in opens this long before the programme's end date.
FINAL_WINDOW = dt.timedelta(days=30)


def membership(pair: Pair, user) -> Enrollment | None:
    """The user's enrolment in the pair (its mentee's or its mentor's), else None."""
    role = member_role(user, pair)
    return {"mentee": pair.mentee, "mentor": pair.mentor}.get(role or "")


def _own_membership(pair: Pair, user) -> Enrollment:
    enrollment = membership(pair, user)
    if enrollment is None:
        raise ValidationError(_("Only the two members of the pair can give this feedback."))
    return enrollment


def _check_scale(value: int, low: int, high: int) -> None:
    if not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            _("Answers go from %(low)s to %(high)s.") % {"low": low, "high": high}
        )


@transaction.atomic
def submit_pulse(
    *,
    session: MentoringSession,
    by,
    usefulness: int,
    comfort: int,
    comment: str = "",
    comment_shared: bool = False,
) -> Pulse:
    """``by``'s pulse on a held session: usefulness and comfort 1-5, one optional sentence.
    One per member and session. The sentence stays its author's unless ``comment_shared``:
    then the programme team reads it too (never the partner; see
    :func:`rementor.mentoring.queries.pulse_comment_visible`)."""
    pair = session.pair
    ensure_open(pair)
    author = _own_membership(pair, by)
    if session.status != SessionStatus.HELD:
        raise ValidationError(_("A pulse is given once the session is logged as held."))
    _check_scale(usefulness, 1, 5)
    _check_scale(comfort, 1, 5)
    if Pulse.objects.filter(session=session, author=author).exists():
        raise ValidationError(_("You already gave your pulse for this session. Thank you!"))
    try:
        with transaction.atomic():
            return Pulse.objects.create(
                session=session,
                author=author,
                usefulness=usefulness,
                comfort=comfort,
                comment=comment.strip(),
                # Nothing to share without a sentence: the flag always describes a comment.
                comment_shared=bool(comment_shared and comment.strip()),
            )
    except IntegrityError as error:  # the same member, twice at once
        raise ValidationError(
            _("You already gave your pulse for this session. Thank you!")
        ) from error


def check_in_opens(pair: Pair, kind: str) -> dt.date:
    """The day a check-in opens: half-way through the programme for the mid-term one, a month
    before its end for the final one."""
    programme = pair.programme
    if kind == CheckInKind.MIDTERM:
        return programme.start_date + (programme.end_date - programme.start_date) / 2
    return max(programme.start_date, programme.end_date - FINAL_WINDOW)


def check_in_due(pair: Pair, kind: str, *, today: dt.date | None = None) -> bool:
    """Whether the pair may answer a check-in of ``kind`` today."""
    if pair.status in CLOSED:
        return False
    return (today or timezone.localdate()) >= check_in_opens(pair, kind)


def asks_both_directions(pair: Pair, kind: str) -> bool:
    """The final check-in of a pair that had a reciprocal phase asks about both directions."""
    return kind == CheckInKind.FINAL and current_phase(pair) == Phase.RECIPROCAL


def check_ins_waiting(
    pair: Pair, enrollment: Enrollment | None, *, today: dt.date | None = None
) -> list[CheckInKind]:
    """The check-ins ``enrollment`` (a member of ``pair``) may answer today and has not yet:
    the one list behind the pair page's to-do and the home page's "What to do next"."""
    if enrollment is None or pair.status in CLOSED:
        return []
    answered = set(
        CheckIn.objects.filter(pair=pair, author=enrollment).values_list("kind", flat=True)
    )
    return [
        CheckInKind(kind)
        for kind in (CheckInKind.MIDTERM, CheckInKind.FINAL)
        if kind not in answered and check_in_due(pair, kind, today=today)
    ]


@transaction.atomic
def submit_check_in(
    *,
    pair: Pair,
    by,
    kind: str,
    progress: int,
    relationship: int,
    pace: int,
    recommend: int,
    highlight: str = "",
    improve: str = "",
    assessment_items: Iterable[ItemInput] | None = None,
    wishes: str = "",
    reciprocal_progress: int | None = None,
) -> CheckIn:
    """``by``'s mid-term or final check-in, once per member and kind.

    The mentee's final check-in comes with their final self-assessment on the baseline form
    (``assessment_items``), saved together or not at all; mentors give the check-in only.
    """
    ensure_open(pair)
    author = _own_membership(pair, by)
    if kind not in CheckInKind.values:
        raise ValidationError(_("Unknown check-in."))
    if not check_in_due(pair, kind):
        raise ValidationError(
            _("This check-in opens on %(date)s.") % {"date": date_text(check_in_opens(pair, kind))}
        )
    for value in (progress, relationship, pace):
        _check_scale(value, 1, 5)
    _check_scale(recommend, 0, 10)
    if asks_both_directions(pair, kind):
        if reciprocal_progress is None:
            raise ValidationError(
                {"reciprocal_progress": _("Say what the reciprocal phase brought you (1-5).")}
            )
        _check_scale(reciprocal_progress, 1, 5)
    else:
        reciprocal_progress = None
    if CheckIn.objects.filter(pair=pair, author=author, kind=kind).exists():
        raise ValidationError(_("You already answered this check-in. Thank you!"))
    with_assessment = kind == CheckInKind.FINAL and author.pk == pair.mentee_id
    if with_assessment and assessment_items is None:
        raise ValidationError(_("The final check-in comes with your final self-assessment."))
    check_in = CheckIn.objects.create(
        pair=pair,
        author=author,
        kind=kind,
        progress=progress,
        relationship=relationship,
        pace=pace,
        recommend=recommend,
        highlight=highlight.strip(),
        improve=improve.strip(),
        reciprocal_progress=reciprocal_progress,
    )
    if with_assessment:
        save_assessment(
            enrollment=author, kind=AssessmentKind.FINAL, items=assessment_items, wishes=wishes
        )
    return check_in
