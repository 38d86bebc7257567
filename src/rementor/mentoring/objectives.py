"""Objectives for both parties, their adjustments, and hands-on practice tasks.

Every write is a keyword-only function: views, the future API and the demo call the same code.
A completed or ended pair is read-only; a paused pair may still adjust its plans.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.core.dates import check_day
from rementor.matching.models import CLOSED, Pair
from rementor.mentoring.models import (
    MentorGoalArea,
    Objective,
    ObjectiveChange,
    ObjectiveOwner,
    ObjectiveStatus,
    PracticeTask,
)
from rementor.mentoring.phases import current_phase
from rementor.mentoring.rules import member_role
from rementor.mentoring.session_window import AFTER_PROGRAMME_END
from rementor.skills.models import Skill

# The fields an adjustment may change, in the order the history shows them.
ADJUSTABLE = ("title", "success_criterion", "target_date", "status", "progress")


def pair_is_closed(pair: Pair) -> bool:
    return pair.status in CLOSED


def ensure_pair_open(pair: Pair) -> None:
    """Raise a ValidationError saying why when the pair's space is read-only."""
    if pair_is_closed(pair):
        raise ValidationError(
            _("This pair has finished: its objectives, tasks and ideas can no longer change.")
        )


def target_window(pair: Pair) -> tuple[dt.date, dt.date]:
    """When an objective's target date may fall: from the programme's start to 90 days after
    its end (the latest a closing session may be held), both included."""
    programme = pair.programme
    return programme.start_date, programme.end_date + AFTER_PROGRAMME_END


def _target_date_error(pair: Pair, target_date: dt.date | None) -> ValidationError | None:
    if target_date is None:
        return None
    first, last = target_window(pair)
    try:
        check_day(target_date, field=_("Target date"), first=first, last=last)
    except ValidationError as error:
        return error
    return None


def _require_member(pair: Pair, by) -> str:
    role = member_role(by, pair)
    if role is None:
        raise PermissionDenied
    return role


def add_objective(
    *,
    pair: Pair,
    by,
    owner: str,
    title: str,
    skill: Skill | None = None,
    area: str = "",
    success_criterion: str = "",
    target_date: dt.date | None = None,
) -> Objective:
    """Add an objective for the mentee (linked to a skill of the programme) or for the mentor
    (in an area of the brief: communication, pedagogy, leadership). Either member may add
    objectives for either party; ``owner`` says whose objective it is."""
    _require_member(pair, by)
    ensure_pair_open(pair)
    title = title.strip()
    errors: dict[str, str | ValidationError] = {}
    if not title:
        errors["title"] = _("Say what the objective is.")
    if date_error := _target_date_error(pair, target_date):
        errors["target_date"] = date_error
    if owner == ObjectiveOwner.MENTEE:
        area = ""
        if skill is None:
            errors["skill"] = _("Choose the skill this objective works on.")
        elif not pair.programme.skills.filter(pk=skill.pk).exists():
            errors["skill"] = _("Choose one of the programme's skills.")
    elif owner == ObjectiveOwner.MENTOR:
        skill = None
        if area not in MentorGoalArea.values:
            errors["area"] = _("Choose the area you want to grow in.")
    else:
        errors["owner"] = _("Say whose objective it is.")
    if errors:
        raise ValidationError(errors)
    return Objective.objects.create(
        pair=pair,
        owner=owner,
        title=title,
        skill=skill,
        area=area,
        success_criterion=success_criterion.strip(),
        target_date=target_date,
        phase=current_phase(pair),
        created_by=by,
    )


def _as_json(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def adjust_objective(
    *,
    objective: Objective,
    by,
    reason: str,
    title: str,
    success_criterion: str,
    target_date: dt.date | None,
    status: str,
    progress: int,
) -> ObjectiveChange:
    """Change an objective and record what changed (before/after) with the reason.

    The reason is required (the brief's "adjust objectives if needed"); an adjustment that
    changes nothing is refused, so the history only holds real changes.
    """
    _require_member(objective.pair, by)
    ensure_pair_open(objective.pair)
    reason = reason.strip()
    errors: dict[str, str | ValidationError] = {}
    if not reason:
        errors["reason"] = _("Say why the objective changes: it is kept in its history.")
    # A target date kept as it was is not checked again: the programme's dates may have
    # moved since it was set, and refusing it would block every other change.
    if target_date != objective.target_date and (
        date_error := _target_date_error(objective.pair, target_date)
    ):
        errors["target_date"] = date_error
    if not title.strip():
        errors["title"] = _("Say what the objective is.")
    if status not in ObjectiveStatus.values:
        errors["status"] = _("Choose a status.")
    if progress is None or not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage between 0 and 100.")
    if errors:
        raise ValidationError(errors)
    new = {
        "title": title.strip(),
        "success_criterion": success_criterion.strip(),
        "target_date": target_date,
        "status": status,
        "progress": progress,
    }
    with transaction.atomic():
        # Two members adjusting at once: the second one's "before" is the first one's "after".
        current = Objective.objects.select_for_update().get(pk=objective.pk)
        before = {f: _as_json(getattr(current, f)) for f in ADJUSTABLE}
        after = {f: _as_json(new[f]) for f in ADJUSTABLE}
        changed = [f for f in ADJUSTABLE if before[f] != after[f]]
        if not changed:
            raise ValidationError(_("Nothing changed: edit at least one field."))
        for field in changed:
            setattr(current, field, new[field])
        current.save(update_fields=[*changed, "updated_at"])
        change = ObjectiveChange.objects.create(
            objective=current,
            changed_by=by,
            reason=reason,
            before={f: before[f] for f in changed},
            after={f: after[f] for f in changed},
        )
    for field in changed:
        setattr(objective, field, new[field])
    return change


def add_task(
    *,
    pair: Pair,
    by,
    title: str,
    description: str = "",
    objective: Objective | None = None,
) -> PracticeTask:
    """Add a hands-on practice task for between sessions, optionally serving an objective."""
    _require_member(pair, by)
    ensure_pair_open(pair)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Say what the task is.")
    if objective is not None and objective.pair_id != pair.pk:
        errors["objective"] = _("Choose one of this pair's objectives.")
    if errors:
        raise ValidationError(errors)
    return PracticeTask.objects.create(
        pair=pair,
        objective=objective,
        title=title.strip(),
        description=description.strip(),
        created_by=by,
    )


def validate_evidence_link(link: str) -> None:
    """Only web links: a ``javascript:`` or ``data:`` link would run in the reader's page."""
    if link and urlsplit(link).scheme.lower() not in ("http", "https"):
        raise ValidationError({"evidence_link": _("Give a web link starting with https://.")})


def add_evidence(*, task: PracticeTask, by, link: str = "", note: str = "") -> PracticeTask:
    """The mentee shows what they did: a link (http or https only), a note, or both.
    Evidence stays editable until the mentor marks the task done."""
    if _require_member(task.pair, by) != "mentee":
        raise PermissionDenied
    ensure_pair_open(task.pair)
    link, note = link.strip(), note.strip()
    if task.done_at is not None:
        raise ValidationError(_("This task is already done: its evidence can no longer change."))
    if not link and not note:
        raise ValidationError(_("Give a link or a note (or both)."))
    validate_evidence_link(link)
    task.evidence_link = link
    task.evidence_note = note
    task.save(update_fields=["evidence_link", "evidence_note"])
    return task


def mark_task_done(*, task: PracticeTask, by) -> PracticeTask:
    """Only the mentor marks a task done (they judge the practice, the mentee shows it)."""
    if _require_member(task.pair, by) != "mentor":
        raise PermissionDenied
    ensure_pair_open(task.pair)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
    return task
