from django import template

from rementor.privacy.erasure import is_erased
from rementor.privacy.models import ErasureRequest, ErasureStatus

register = template.Library()


@register.simple_tag
def pending_erasure_count() -> int:
    """Erasure requests waiting for a programme manager (for their home page)."""
    return ErasureRequest.objects.filter(status=ErasureStatus.PENDING).count()


@register.filter
def erased(person) -> bool:
    """Whether ``person``'s personal data was erased (the directory then offers no return).
    Only someone inactive can have been: an active person costs no query."""
    return not person.is_active and is_erased(person)
