"""Writes on people and accounts."""

from __future__ import annotations

from django.db import transaction

from rementor.people.models import Person


@transaction.atomic
def set_manager(*, person: Person, manager: Person | None) -> Person:
    """Attach ``person`` to ``manager``; refuses (ValidationError) a reporting cycle."""
    person.manager = manager
    person.full_clean()
    person.save(update_fields=["manager", "updated_at"])
    return person
