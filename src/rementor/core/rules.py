"""Role predicates shared by every app's ``rules.py`` (and, later, the API)."""

from __future__ import annotations

import rules


@rules.predicate
def is_programme_manager(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_programme_manager)


@rules.predicate
def is_sponsor(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_sponsor)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)
