from django import template

from rementor.privacy.erasure import is_erased

register = template.Library()


@register.filter
def erased(person) -> bool:
    """Whether ``person``'s personal data was erased (the directory then offers no return).
    Only someone inactive can have been: an active person costs no query."""
    return not person.is_active and is_erased(person)
