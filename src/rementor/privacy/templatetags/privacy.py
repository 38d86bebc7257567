from django import template

from rementor.privacy.models import ErasureRequest, ErasureStatus

register = template.Library()


@register.simple_tag
def pending_erasure_count() -> int:
    """Erasure requests waiting for a programme manager (for their home page)."""
    return ErasureRequest.objects.filter(status=ErasureStatus.PENDING).count()
