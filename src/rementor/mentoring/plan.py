"""A programme's session plan and where each pair stands in it.

The plan is N numbered steps (theme and suggested agenda, in French and English), drawn from
the programme's agenda library (``AgendaTopic``, each tied to a skill in focus). A pair may
reorder or replace themes for itself: its own steps (``PairPlanStep``, in its own words)
then replace the programme's for that pair only. A pair is at session k of N when k - 1 of
its sessions were held; booking a series takes the steps after those already planned or held.

Every save replaces the whole list at once, all or nothing: a row refused refuses them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from rementor.audit.events import Event, acted_by, record
from rementor.core.i18n import localized
from rementor.matching.models import Pair
from rementor.mentoring.models import (
    AgendaTopic,
    MentoringSession,
    PairPlanStep,
    PlanStep,
    SessionStatus,
)
from rementor.mentoring.models.plan import AGENDA_MAX_LENGTH, THEME_MAX_LENGTH
from rementor.mentoring.plan_library import LIBRARY
from rementor.programmes.models import Programme

# A session a week for a year: more steps is a typing mistake.
MAX_STEPS = 52
_LANGS = ("fr", "en")


@dataclass(frozen=True)
class Step:
    """One step as a reader sees it: in the active language, or in the pair's words."""

    number: int
    theme: str
    agenda: str


@dataclass(frozen=True)
class Position:
    """Where a pair stands: its next session is ``number`` of ``total`` (``held`` were held),
    with the step it takes (None past the plan's end or without a plan)."""

    number: int
    total: int
    held: int
    next: Step | None
    own_plan: bool

    @property
    def done(self) -> bool:
        return self.total > 0 and self.held >= self.total


# --- reading -------------------------------------------------------------------------------


def _programme_step(step: PlanStep) -> Step:
    return Step(step.number, localized(step, "theme"), localized(step, "agenda"))


def programme_steps(programme: Programme) -> list[Step]:
    """The programme's plan in the active language (one query)."""
    return [_programme_step(s) for s in PlanStep.objects.filter(programme=programme)]


def pair_steps(pair: Pair) -> list[Step]:
    """The plan ``pair`` follows: its own when it made one, else its programme's (two
    queries at most)."""
    own = [Step(s.number, s.theme, s.agenda) for s in PairPlanStep.objects.filter(pair=pair)]
    return own or programme_steps(pair.programme)


def _position(steps: Sequence[Step], held: int, own: bool) -> Position:
    return Position(
        number=held + 1,
        total=len(steps),
        held=held,
        next=steps[held] if held < len(steps) else None,
        own_plan=own,
    )


def position_of(pair: Pair) -> Position:
    return positions_of([pair])[pair.pk]


def positions_of(pairs: Iterable[Pair]) -> dict[int, Position]:
    """Each pair's position, in three queries whatever the number of pairs (the programmes'
    steps, the pairs' own steps, their held sessions)."""
    pairs = list(pairs)
    if not pairs:
        return {}
    ids = [p.pk for p in pairs]
    by_programme: dict[int, list[Step]] = defaultdict(list)
    for step in PlanStep.objects.filter(programme_id__in={p.programme_id for p in pairs}):
        by_programme[step.programme_id].append(_programme_step(step))
    own: dict[int, list[Step]] = defaultdict(list)
    for step in PairPlanStep.objects.filter(pair_id__in=ids):
        own[step.pair_id].append(Step(step.number, step.theme, step.agenda))
    held = dict(
        MentoringSession.objects.filter(pair_id__in=ids, status=SessionStatus.HELD)
        .values("pair_id")
        .annotate(n=Count("pk"))
        .values_list("pair_id", "n")
    )
    return {
        p.pk: _position(
            own.get(p.pk) or by_programme.get(p.programme_id, []), held.get(p.pk, 0), p.pk in own
        )
        for p in pairs
    }


def agendas_for_booking(pair: Pair, count: int) -> list[str]:
    """The agendas of ``count`` sessions about to be booked: the plan's steps after those the
    pair's planned and held sessions already take ("" past the plan's end)."""
    steps = pair_steps(pair)
    taken = MentoringSession.objects.filter(
        pair=pair, status__in=(SessionStatus.PLANNED, SessionStatus.HELD)
    ).count()
    out = []
    for index in range(taken, taken + count):
        if index < len(steps):
            step = steps[index]
            out.append("\n\n".join(part for part in (step.theme, step.agenda) if part))
        else:
            out.append("")
    return out


# --- what a new programme starts with ------------------------------------------------------


@transaction.atomic
def install_library(*, programme: Programme) -> list[AgendaTopic]:
    """The shipped agenda library, each entry tied to its first skill the programme has in
    focus."""
    in_focus = dict(programme.skills.values_list("code", "pk"))
    topics = [
        AgendaTopic(
            programme=programme,
            position=index,
            skill_id=next((in_focus[c] for c in shipped.skills if c in in_focus), None),
            theme_fr=shipped.theme_fr,
            theme_en=shipped.theme_en,
            agenda_fr=shipped.agenda_fr,
            agenda_en=shipped.agenda_en,
        )
        for index, shipped in enumerate(LIBRARY, start=1)
    ]
    return AgendaTopic.objects.bulk_create(topics)


@transaction.atomic
def install_template_plan(*, programme: Programme) -> list[PlanStep]:
    """The template's plan: the shipped library, and one session per entry in its order."""
    topics = install_library(programme=programme)
    return PlanStep.objects.bulk_create(
        PlanStep(
            programme=programme,
            number=number,
            **_texts(t),
        )
        for number, t in enumerate(topics, start=1)
    )


@transaction.atomic
def copy_plan(*, source: Programme, target: Programme) -> None:
    """``source``'s library and plan into ``target`` (as its managers edited them); no pair's
    own plan, nothing of its people."""
    kept_skills = set(target.skills.values_list("pk", flat=True))
    AgendaTopic.objects.bulk_create(
        AgendaTopic(
            programme=target,
            position=t.position,
            skill_id=t.skill_id if t.skill_id in kept_skills else None,
            **_texts(t),
        )
        for t in AgendaTopic.objects.filter(programme=source)
    )
    PlanStep.objects.bulk_create(
        PlanStep(programme=target, number=s.number, **_texts(s))
        for s in PlanStep.objects.filter(programme=source)
    )


def _texts(obj: object) -> dict[str, str]:
    return {
        f"{f}_{lang}": getattr(obj, f"{f}_{lang}") for f in ("theme", "agenda") for lang in _LANGS
    }


# --- editing -------------------------------------------------------------------------------


def _row_id(row: dict[str, Any]) -> int | None:
    value = row.get("id")
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return -1
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _check_rows(rows: Sequence[dict[str, Any]], known: set[int]) -> None:
    if len(rows) > MAX_STEPS:
        raise ValidationError(
            _("A plan has at most %(max)s sessions: remove some.") % {"max": MAX_STEPS}
        )
    errors = []
    for number, row in enumerate(rows, start=1):
        row_id = _row_id(row)
        if row_id is not None and row_id not in known:
            errors.append(
                _("Session %(number)s: this step is not in this plan (reload the page).")
                % {"number": number}
            )
    if errors:
        raise ValidationError(errors)


def _clean_texts(row: dict[str, Any], number: int, fields: Sequence[str]) -> dict[str, str]:
    texts = {name: str(row.get(name) or "").strip() for name in fields}
    for name, text in texts.items():
        limit = THEME_MAX_LENGTH if name.startswith("theme") else AGENDA_MAX_LENGTH
        if len(text) > limit:
            raise ValidationError(
                {
                    name: _(
                        "Session %(number)s: at most %(max)s characters (this one has "
                        "%(length)s); shorten it."
                    )
                    % {"number": number, "max": limit, "length": len(text)}
                }
            )
    if not any(texts[n] for n in fields if n.startswith("theme")):
        raise ValidationError(
            {
                fields[0]: _("Session %(number)s: give it a theme, or remove the row.")
                % {"number": number}
            }
        )
    return texts


@acted_by
@transaction.atomic
def save_plan(*, programme: Programme, by, rows: Sequence[dict[str, Any]]) -> list[PlanStep]:
    """Replace the programme's plan by ``rows`` in their order (each: ``id`` of an existing
    step or None, ``theme_fr``/``theme_en``/``agenda_fr``/``agenda_en``, and ``topic``: a
    library entry whose texts fill the row's empty ones). All or nothing."""
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    existing = {s.pk: s for s in PlanStep.objects.filter(programme=programme)}
    _check_rows(rows, set(existing))
    topics = AgendaTopic.objects.filter(programme=programme).in_bulk()
    fields = ("theme_fr", "theme_en", "agenda_fr", "agenda_en")
    cleaned = []
    for number, row in enumerate(rows, start=1):
        topic = row.get("topic")
        topic_id = topic.pk if isinstance(topic, AgendaTopic) else _row_id({"id": topic})
        if topic_id is not None:
            if topic_id not in topics:
                raise ValidationError(
                    {
                        "topic": _(
                            "Session %(number)s: this theme is not in the programme's library."
                        )
                        % {"number": number}
                    }
                )
            row = {n: row.get(n) or getattr(topics[topic_id], n) for n in fields} | {
                "id": row.get("id")
            }
        cleaned.append((_row_id(row), _clean_texts(row, number, fields)))
    kept = {row_id for row_id, _texts in cleaned if row_id is not None}
    PlanStep.objects.filter(programme=programme).exclude(pk__in=kept).delete()
    saved = []
    for number, (row_id, texts) in enumerate(cleaned, start=1):
        step = existing.get(row_id) or PlanStep(programme=programme)
        step.number = number
        for name, text in texts.items():
            setattr(step, name, text)
        step.save()
        saved.append(step)
    record(
        event=Event.PLAN_CHANGED,
        actor=by,
        target=programme,
        details=_counts(before=set(existing), kept=kept, total=len(saved)),
    )
    return saved


def _counts(*, before: set[int], kept: set[int], total: int) -> dict[str, int]:
    """What the trail keeps of a list saved whole: how many rows, added and removed (the
    texts stay out of it)."""
    return {"rows": total, "added": total - len(kept), "removed": len(before - kept)}


@acted_by
@transaction.atomic
def save_library(*, programme: Programme, by, rows: Sequence[dict[str, Any]]) -> list[AgendaTopic]:
    """Replace the programme's agenda library by ``rows`` in their order (``id``, the four
    texts, ``skill``: one of the programme's skills in focus or None). All or nothing."""
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    existing = {t.pk: t for t in AgendaTopic.objects.filter(programme=programme)}
    _check_rows(rows, set(existing))
    in_focus = set(programme.skills.values_list("pk", flat=True))
    fields = ("theme_fr", "theme_en", "agenda_fr", "agenda_en")
    cleaned = []
    for number, row in enumerate(rows, start=1):
        skill = row.get("skill")
        skill_id = getattr(skill, "pk", skill) or None
        if skill_id is not None and skill_id not in in_focus:
            raise ValidationError(
                {
                    "skill": _("Theme %(number)s: choose one of the programme's skills in focus.")
                    % {"number": number}
                }
            )
        cleaned.append((_row_id(row), skill_id, _clean_texts(row, number, fields)))
    kept = {row_id for row_id, *_rest in cleaned if row_id is not None}
    AgendaTopic.objects.filter(programme=programme).exclude(pk__in=kept).delete()
    saved = []
    for position, (row_id, skill_id, texts) in enumerate(cleaned, start=1):
        topic = existing.get(row_id) or AgendaTopic(programme=programme)
        topic.position, topic.skill_id = position, skill_id
        for name, text in texts.items():
            setattr(topic, name, text)
        topic.save()
        saved.append(topic)
    record(
        event=Event.AGENDA_LIBRARY_CHANGED,
        actor=by,
        target=programme,
        details=_counts(before=set(existing), kept=kept, total=len(saved)),
    )
    return saved


@acted_by
@transaction.atomic
def save_pair_plan(*, pair: Pair, by, rows: Sequence[dict[str, Any]]) -> list[PairPlanStep]:
    """The pair's own plan, replacing the one it followed (rows: ``theme``, ``agenda``, in
    order). Only its members write it; the programme's plan stays as it is."""
    pair = Pair.objects.select_for_update().select_related("mentee", "mentor").get(pk=pair.pk)
    if by is None or by.person_id not in (pair.mentee.person_id, pair.mentor.person_id):
        raise ValidationError(_("Only the pair's members change its plan."))
    _check_rows([{} for _row in rows], set())
    cleaned = [_clean_texts(row, n, ("theme", "agenda")) for n, row in enumerate(rows, start=1)]
    PairPlanStep.objects.filter(pair=pair).delete()
    saved = PairPlanStep.objects.bulk_create(
        PairPlanStep(pair=pair, number=number, **texts)
        for number, texts in enumerate(cleaned, start=1)
    )
    # The themes are the pair's own words: only how many.
    record(event=Event.PAIR_PLAN_CHANGED, actor=by, target=pair, details={"rows": len(saved)})
    return saved


@acted_by
@transaction.atomic
def follow_programme_plan(*, pair: Pair, by) -> None:
    """The pair drops its own plan and follows the programme's again."""
    if by is None or by.person_id not in (pair.mentee.person_id, pair.mentor.person_id):
        raise ValidationError(_("Only the pair's members change its plan."))
    dropped, _by_model = PairPlanStep.objects.filter(pair=pair).delete()
    record(event=Event.PAIR_PLAN_DROPPED, actor=by, target=pair, details={"rows": dropped})
