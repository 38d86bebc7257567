"""Every write on programmes and enrolments goes through these functions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rementor.audit.events import acted_by
from rementor.programmes.models import (
    STATUS_TRANSITIONS,
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    ProgrammeStatusChange,
    Role,
)
from rementor.programmes.signals import programme_created
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
    *, by, name: str, skills: Iterable[Skill] | None = None, **fields: Any
) -> Programme:
    """Create a draft programme. Without explicit skills, every active skill is in focus."""
    if not fields.get("slug"):
        fields["slug"] = unique_programme_slug(name)
    fields.setdefault("languages", ["fr"])
    programme = Programme(name=name, created_by=by, status=ProgrammeStatus.DRAFT, **fields)
    programme.full_clean()
    programme.save()
    programme.skills.set(skills if skills is not None else Skill.objects.filter(is_active=True))
    # The training app installs its default modules (programmes imports no app above it).
    programme_created.send(sender=Programme, programme=programme)
    return programme


@transaction.atomic
def update_programme(
    *, programme: Programme, by, skills: Iterable[Skill] | None = None, **fields: Any
) -> Programme:
    """Change a programme's settings; the status moves only through ``change_programme_status``."""
    fields.pop("status", None)
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    if skills is not None:
        programme.skills.set(skills)
    return programme


@acted_by
@transaction.atomic
def change_programme_status(*, programme: Programme, to: str, by) -> Programme:
    """Move along the workflow; an illegal move raises ValidationError naming the legal ones."""
    # Lock the row so that two managers clicking at once cannot both move it.
    current = Programme.objects.select_for_update().get(pk=programme.pk)
    if to not in ProgrammeStatus.values:
        raise ValidationError(_("“%(status)s” is not a programme status.") % {"status": to})
    allowed = STATUS_TRANSITIONS[current.status]
    if to not in allowed:
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
    ProgrammeStatusChange.objects.create(
        programme=current, from_status=current.status, to_status=to, changed_by=by
    )
    current.status = to
    current.save(update_fields=["status", "updated_at"])
    programme.status = to
    return current


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
