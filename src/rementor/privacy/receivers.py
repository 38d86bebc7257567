"""The personal-data app's part when someone comes back: an erased person cannot."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from rementor.people.signals import people_returning
from rementor.privacy.models import Erasure


@receiver(people_returning, dispatch_uid="privacy.refuse_erased_people")
def refuse_erased_people(*, person_ids: list[int], **kwargs) -> None:
    """Inside the reactivation's transaction: refuses (ValidationError) when one of these
    people was erased, their record is only a placeholder now."""
    if Erasure.objects.filter(person_id__in=person_ids).exists():
        raise ValidationError(
            _("This person's personal data was erased: they cannot be reactivated.")
        )
