"""The matching app's reactions to other apps' signals (connected in apps.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import ngettext

from rementor.matching.models import OCCUPYING, Pair
from rementor.programmes.signals import programme_closing


@receiver(programme_closing, dispatch_uid="matching-no-active-pair-in-a-closed-programme")
def _refuse_closing_with_active_pairs(sender, *, programme, **kwargs) -> None:
    """A closed programme never keeps an active (or paused) pair: whoever closes it — the
    closing page, the API, a script — must complete or end them first."""
    count = Pair.objects.filter(programme=programme, status__in=OCCUPYING).count()
    if count:
        raise ValidationError(
            ngettext(
                "This programme still has %(count)d active or paused pair. Complete it or end "
                "it first (the pair's status page), or close the programme from its page, "
                "which does both in one step.",
                "This programme still has %(count)d active or paused pairs. Complete or end "
                "them first (each pair's status page), or close the programme from its page, "
                "which does both in one step.",
                count,
            )
            % {"count": count},
            code="active_pairs",
        )
