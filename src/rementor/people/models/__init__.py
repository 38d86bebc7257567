"""The people app's models: employees, departments and accounts (:mod:`.people`), and the
records of HRIS imports (:mod:`.importing`)."""

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
    "Department",
    "ImportBatch",
    "ImportPreset",
    "ImportStatus",
    "Person",
    "User",
    "UserManager",
    "name_sort_key",
    "normalise_email",
    "validate_time_zone",
]
