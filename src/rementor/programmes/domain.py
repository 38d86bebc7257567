"""Every write on programmes and enrolments goes through these functions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.audit.events import Event, acted_by, record
from rementor.programmes import starting_points
from rementor.programmes.models import (
    REOPEN_DAYS,
    STATUS_TRANSITIONS,
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    ProgrammeStatusChange,
    Role,
)
from rementor.programmes.queries import closed_at, last_closing, reopen_deadline
from rementor.programmes.signals import (
    programme_closing,
    programme_created,
    programme_status_changed,
)
from rementor.skills.models import Skill


def unique_programme_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "programme"
    slug, n = base, 2
    others = Programme.objects.exclude(pk=exclude_pk) if exclude_pk else Programme.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_programme(
    *,
    by,
    name: str,
    skills: Iterable[Skill] | None = None,
    copied_from: Programme | None = None,
    template: str | None = None,
    **fields: Any,
) -> Programme:
    """Create a draft programme. Without explicit skills, every active skill is in focus.

    ``copied_from``: an earlier programme whose weights (which the form does not show) the new
    one takes, and whose training modules the training app copies instead of installing the
    default ones (``starting_points``). Its people, pairs and texts stay where they are.
    ``template``: the key of the shipped template it starts from (the mentoring app installs
    that template's session plan).
    """
    if not fields.get("slug"):
        fields["slug"] = unique_programme_slug(name)
    fields.setdefault("languages", ["fr"])
    if copied_from is not None:
        fields = {**starting_points.hidden_settings_of(copied_from), **fields}
    programme = Programme(name=name, created_by=by, status=ProgrammeStatus.DRAFT, **fields)
    programme.full_clean()
    programme.save()
    programme.skills.set(skills if skills is not None else Skill.objects.filter(is_active=True))
    # The training app installs its default modules, or the copied programme's (programmes
    # imports no app above it).
    programme_created.send(
        sender=Programme, programme=programme, copied_from=copied_from, template=template
    )
    return programme


@transaction.atomic
def update_programme(
    *, programme: Programme, by, skills: Iterable[Skill] | None = None, **fields: Any
) -> Programme:
    """Change a programme's settings; the status moves only through ``change_programme_status``.

    Only the fields given are written: ``programme`` may have been read before someone else
    changed its status (or another setting), and saving it whole would write that back.
    """
    fields.pop("status", None)
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.full_clean()
    if fields:
        programme.save(update_fields=[*fields, "updated_at"])
    if skills is not None:
        programme.skills.set(skills)
    return programme


@acted_by
@transaction.atomic
def change_programme_status(
    *,
    programme: Programme,
    to: str,
    by,
    start_early: bool = False,
    close_early: bool = False,
) -> Programme:
    """Move along the workflow: the one write of a programme's status.

    An illegal move raises ValidationError naming the legal ones. Running before the start
    date needs ``start_early`` (the start date becomes today); closing before the end date
    needs ``close_early`` (the end date becomes today). Closing asks the apps above through
    ``signals.programme_closing`` (the matching app refuses while pairs are still active);
    reopening (closed -> running) is allowed for REOPEN_DAYS after the closing, and audited.
    """
    # Lock the row so that two managers clicking at once cannot both move it.
    current = Programme.objects.select_for_update().get(pk=programme.pk)
    if to not in ProgrammeStatus.values:
        raise ValidationError(_("“%(status)s” is not a programme status.") % {"status": to})
    _check_legal(current, to)
    today = timezone.localdate()
    dates: list[str] = []
    reopening = current.status == ProgrammeStatus.CLOSED
    if reopening:
        _check_reopen_window(current)
    if to == ProgrammeStatus.RUNNING and current.start_date > today:
        if not start_early:
            raise ValidationError(
                _(
                    "The programme starts on %(date)s: starting it now needs the explicit "
                    "choice to start early, which moves its start date to today."
                )
                % {"date": date_format(current.start_date)},
                code="start_early_needed",
            )
        current.start_date = today
        dates.append("start_date")
    if to == ProgrammeStatus.CLOSED:
        if current.end_date > today:
            if not close_early:
                raise ValidationError(
                    _(
                        "The programme ends on %(date)s: closing it now needs the explicit "
                        "choice to close early, which moves its end date to today."
                    )
                    % {"date": date_format(current.end_date)},
                    code="close_early_needed",
                )
            current.end_date = today
            dates.append("end_date")
            if current.start_date > today:  # never ends before it starts
                current.start_date = today
                dates.append("start_date")
        # The apps above may refuse (pairs still active); raising rolls everything back.
        programme_closing.send(sender=Programme, programme=current)
    ProgrammeStatusChange.objects.create(
        programme=current, from_status=current.status, to_status=to, changed_by=by
    )
    if reopening:
        record(
            event=Event.PROGRAMME_REOPENED,
            actor=by,
            target=current,
            details={"from": current.status, "to": to},
        )
    from_status = current.status
    current.status = to
    current.save(update_fields=["status", *dates, "updated_at"])
    programme_status_changed.send(
        sender=Programme, programme=current, from_status=from_status, to_status=to, by=by
    )
    programme.status = to
    programme.start_date, programme.end_date = current.start_date, current.end_date
    return current


def _check_legal(current: Programme, to: str) -> None:
    allowed = STATUS_TRANSITIONS[current.status]
    if to in allowed:
        return
    if allowed:
        nexts = ", ".join(str(ProgrammeStatus(s).label) for s in allowed)
        message = _(
            "A programme cannot go from %(from)s to %(to)s. From %(from)s it can go to: "
            "%(allowed)s."
        )
    else:
        nexts = ""
        message = _("A programme cannot go from %(from)s to %(to)s: %(from)s is final.")
    raise ValidationError(
        message
        % {
            "from": ProgrammeStatus(current.status).label,
            "to": ProgrammeStatus(to).label,
            "allowed": nexts,
        },
        code="illegal_transition",
    )


def _check_reopen_window(current: Programme) -> None:
    closing = last_closing(current)
    deadline = reopen_deadline(current, closing)
    if timezone.now() > deadline:
        raise ValidationError(
            ngettext(
                "A closed programme can be reopened only within %(days)d day of its closing; "
                "this one closed on %(date)s.",
                "A closed programme can be reopened only within %(days)d days of its closing; "
                "this one closed on %(date)s.",
                REOPEN_DAYS,
            )
            % {
                "days": REOPEN_DAYS,
                "date": date_format(timezone.localtime(closed_at(current, closing)).date()),
            },
            code="reopen_too_late",
        )


@transaction.atomic
def enroll(
    *,
    programme: Programme,
    person,
    role: str,
    status: str = EnrollmentStatus.INVITED,
    capacity: int | None = None,
) -> Enrollment:
    """Enrol a person, or update their one enrolment in this programme."""
    if role not in Role.values:
        raise ValidationError(_("“%(role)s” is not a programme role.") % {"role": role})
    enrollment, _created = Enrollment.objects.update_or_create(
        programme=programme,
        person=person,
        defaults={"role": role, "status": status, "capacity": capacity},
    )
    return enrollment


@transaction.atomic
def save_preferences(
    *,
    enrollment: Enrollment,
    pace: str = "",
    style: str = "",
    mode: str = "",
    slots: list[int] | None = None,
    languages: list[str] | None = None,
) -> Enrollment:
    """Store a participant's learning preferences and availability (and their languages)."""
    enrollment.pace, enrollment.style, enrollment.mode = pace, style, mode
    enrollment.slots = sorted(set(slots or []))
    enrollment.full_clean()
    enrollment.save(update_fields=["pace", "style", "mode", "slots", "updated_at"])
    if languages is not None:
        person = enrollment.person
        person.languages = list(languages)
        person.full_clean()
        person.save(update_fields=["languages", "updated_at"])
    return enrollment
