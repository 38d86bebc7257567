"""The one filter form the endpoint understands: ``<attribute> eq "<value>"``.

Identity providers look a user up before creating it (``userName eq "E1234"``, ``externalId
eq "..."``); nothing else is parsed, so no filter can reach the database as anything but
one equality on one indexed column. Anything else is refused (400 ``invalidFilter``).
"""

from __future__ import annotations

import json
import re

from django.db.models import QuerySet

from rementor.provisioning.documents import USER
from rementor.provisioning.errors import ScimError

MAX_FILTER = 1000
_EQ = re.compile(r'^\s*([A-Za-z:.0-9]+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$', re.I)
COLUMNS = {
    "username": "employee_id",
    "externalid": "scim_identity__external_id",
    "id": "pk",
}


def filtered(people: QuerySet, expression: str) -> QuerySet:
    if len(expression) > MAX_FILTER:
        raise ScimError(400, f"filter: at most {MAX_FILTER} characters.", "invalidFilter")
    match = _EQ.match(expression)
    if match is None:
        raise ScimError(
            400,
            'filter: only <attribute> eq "<value>" is supported, on userName, externalId or id.',
            "invalidFilter",
        )
    attribute = match.group(1)
    if attribute.lower().startswith(USER.lower() + ":"):
        attribute = attribute[len(USER) + 1 :]
    column = COLUMNS.get(attribute.lower())
    if column is None:
        raise ScimError(
            400,
            f"filter: {attribute} cannot be filtered on; use userName or externalId.",
            "invalidFilter",
        )
    try:
        value = json.loads(match.group(2))
    except ValueError:
        raise ScimError(400, "filter: the value is not a valid string.", "invalidFilter") from None
    if column == "pk":
        return (
            people.filter(pk=int(value)) if value.isdigit() and len(value) < 19 else people.none()
        )
    return people.filter(**{column: value})
