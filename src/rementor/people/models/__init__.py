"""The people app's models: employees, departments and accounts (:mod:`.people`), and the
records of HRIS imports (:mod:`.importing`), the history of leaving, returning
and moving (:mod:`.changes`)."""

from rementor.people.models.changes import MOVES, PRESENCE, ChangeKind, PersonChange
from rementor.people.models.importing import ImportBatch, ImportPreset, ImportStatus
from rementor.people.models.people import (
    Department,
    Person,
    User,
    UserManager,
    name_sort_key,
    normalise_email,
    validate_time_zone,
)

__all__ = [
    "MOVES",
    "PRESENCE",
    "ChangeKind",
    "Department",
    "ImportBatch",
    "ImportPreset",
    "ImportStatus",
    "Person",
    "PersonChange",
    "User",
    "UserManager",
    "name_sort_key",
    "normalise_email",
    "validate_time_zone",
]
