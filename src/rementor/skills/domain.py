"""Writes on the skills taxonomy and on assessments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.programmes.domain import save_preferences
from rementor.programmes.models import EnrollmentStatus
from rementor.skills.models import Assessment, AssessmentItem, AssessmentKind, Skill, SkillCategory


@transaction.atomic
def save_taxonomy_entry(*, form: ModelForm, by) -> Skill | SkillCategory:
    """Save a validated category or skill form. ``by`` is kept for the audit trail."""
    return form.save()


@dataclass(frozen=True)
class ItemInput:
    """One skill's row of an assessment form."""

    skill_id: int
    level: int
    target: int | None = None
    priority: int = 0
    evidence: str = ""


def _check_item(item: ItemInput, kind: str) -> None:
    if not 0 <= item.level <= 4:
        raise ValidationError(_("Levels go from 0 to 4."))
    if kind in (AssessmentKind.BASELINE, AssessmentKind.FINAL):
        if item.target is not None and not 0 <= item.target <= 4:
            raise ValidationError(_("Levels go from 0 to 4."))
        if not 0 <= item.priority <= 3:
            raise ValidationError(_("Priorities go from 0 to 3."))


@transaction.atomic
def save_assessment(
    *,
    enrollment,
    kind: str,
    items: Iterable[ItemInput],
    wishes: str = "",
    submit: bool = True,
) -> Assessment:
    """Create or replace one participant's assessment of a kind, all items at once.

    Skills outside the programme's focus are refused; a submitted assessment records when.
    """
    allowed = set(enrollment.programme.skills.values_list("pk", flat=True))
    items = list(items)
    unknown = [i.skill_id for i in items if i.skill_id not in allowed]
    if unknown:
        raise ValidationError(_("Some skills are not part of this programme."))
    for item in items:
        _check_item(item, kind)
    assessment, _created = Assessment.objects.select_for_update().get_or_create(
        enrollment=enrollment, kind=kind
    )
    assessment.wishes = wishes
    if submit:
        assessment.submitted_at = timezone.now()
    assessment.save()
    assessment.items.all().delete()
    AssessmentItem.objects.bulk_create(
        [
            AssessmentItem(
                assessment=assessment,
                skill_id=item.skill_id,
                level=item.level,
                target=item.target,
                priority=item.priority,
                evidence=item.evidence,
            )
            for item in items
        ]
    )
    return assessment


@transaction.atomic
def submit_baseline(
    *,
    enrollment,
    items: Iterable[ItemInput],
    wishes: str,
    pace: str = "",
    style: str = "",
    mode: str = "",
    slots: list[int] | None = None,
    languages: list[str] | None = None,
) -> Assessment:
    """A mentee's needs: baseline self-assessment and learning preferences, all or nothing.

    Submitting confirms an invited mentee's participation (status "accepted").
    """
    assessment = save_assessment(
        enrollment=enrollment, kind=AssessmentKind.BASELINE, items=items, wishes=wishes
    )
    save_preferences(
        enrollment=enrollment, pace=pace, style=style, mode=mode, slots=slots, languages=languages
    )
    if enrollment.status == EnrollmentStatus.INVITED:
        enrollment.status = EnrollmentStatus.ACCEPTED
        enrollment.save(update_fields=["status", "updated_at"])
    return assessment
