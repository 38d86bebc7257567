"""SCIM Users are HRIS people: read them, and write them by the HRIS import's rules.

A SCIM User is a ``people.Person``: ``userName`` is the employee ID (the import's key), and
only what the import keeps is kept — names, work e-mail, job title, department (created if
new), manager (a reporting cycle is refused). Attributes of the standard schemas that
Rementor has no field for (phone numbers, addresses, a password...) are ignored and never
stored; an attribute of no schema, or an extension Rementor does not declare, is refused.
Text is cleaned as the import cleans a cell, garbled accents are refused as it refuses them.

``active: false`` is a departure (``people.domain.deactivate_people``: account closed,
tokens and calendar feeds revoked, sessions ended, running pairs flagged by pair health);
``active: true`` brings a person back (``reactivate_people``: the account reopens, revoked
tokens stay revoked; an erased person cannot come back). An absent ``active`` changes
nothing. DELETE deactivates the same way, then answers 404 for that user.

Error details are protocol messages for the identity provider's logs, in English like the
RFC's attribute names they quote.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from rementor.audit.events import Departure, Event, record
from rementor.core.email_addresses import normalise_email
from rementor.people.changes import record_moves, snapshot
from rementor.people.domain import deactivate_people, reactivate_people
from rementor.people.importing import mojibake
from rementor.people.importing.validation import MAX_LENGTHS, clean_cell
from rementor.people.models import Department, Person
from rementor.privacy.models import Erasure
from rementor.provisioning.documents import ENTERPRISE, PATCH_OP, USER
from rementor.provisioning.errors import ScimError, invalid
from rementor.provisioning.models import ScimIdentity, ScimToken

# Attributes of RFC 7643's User and enterprise schemas that Rementor keeps no field for:
# accepted and dropped, so that an identity provider's default mapping works as it is.
IGNORED = {
    "nickname",
    "profileurl",
    "usertype",
    "preferredlanguage",
    "locale",
    "timezone",
    "password",
    "phonenumbers",
    "ims",
    "photos",
    "addresses",
    "groups",
    "entitlements",
    "roles",
    "x509certificates",
    "displayname",
    "id",
    "meta",
}
IGNORED_ENTERPRISE = {"employeenumber", "costcenter", "organization", "division"}
IGNORED_NAME = {"formatted", "middlename", "honorificprefix", "honorificsuffix"}
CORE = {"username": "userName", "name": "name", "title": "title", "emails": "emails"}
CORE |= {"active": "active", "externalid": "externalId", "schemas": "schemas"}
EXTENSION = {"department": "department", "manager": "manager"}


# --- reading ------------------------------------------------------------------------------


def visible_people():
    """Every person the identity provider may see: all of the HRIS, bar those it deleted and
    those erased (their record is a placeholder now: nothing to read, nothing to write)."""
    return (
        Person.objects.select_related("department", "scim_identity")
        .exclude(scim_identity__deleted_at__isnull=False)
        .exclude(Exists(Erasure.objects.filter(person_id=OuterRef("pk"))))
        .order_by("pk")
    )


def person_for(user_id: str) -> Person:
    if not user_id.isdigit() or len(user_id) > 18:
        raise ScimError(404, f"No user with id {user_id[:40]!r}.")
    person = visible_people().filter(pk=int(user_id)).first()
    if person is None:
        raise ScimError(404, f"No user with id {user_id}.")
    return person


def _identity(person: Person) -> ScimIdentity | None:
    try:
        return person.scim_identity
    except ScimIdentity.DoesNotExist:
        return None


def representation(person: Person, *, base: str) -> dict:
    """``person`` as a SCIM User (``base``: the endpoint's absolute address)."""
    location = f"{base}Users/{person.pk}"
    user: dict[str, Any] = {
        "schemas": [USER],
        "id": str(person.pk),
        "userName": person.employee_id,
        "name": {"givenName": person.first_name, "familyName": person.last_name},
        "displayName": person.full_name,
        "active": person.is_active,
    }
    identity = _identity(person)
    if identity is not None and identity.external_id:
        user["externalId"] = identity.external_id
    if person.job_title:
        user["title"] = person.job_title
    if person.email:
        # One address is kept (the primary one sent, else the first): no "primary" flag
        # or "type" to return, which would only echo the request.
        user["emails"] = [{"value": person.email}]
    extension: dict[str, Any] = {}
    if person.department_id:
        extension["department"] = person.department.name
    if person.manager_id:
        extension["manager"] = {
            "value": str(person.manager_id),
            "$ref": f"{base}Users/{person.manager_id}",
        }
    if extension:
        user["schemas"].append(ENTERPRISE)
        user[ENTERPRISE] = extension
    user["meta"] = {
        "resourceType": "User",
        "created": person.created_at.isoformat(),
        "lastModified": person.updated_at.isoformat(),
        "location": location,
    }
    return user


# --- the document a write asks for ----------------------------------------------------------


def _canonical(document: Any) -> dict:
    """A request body as Rementor's attributes, names in their canonical case (SCIM names
    are case-insensitive); refuses what belongs to no schema."""
    if not isinstance(document, dict):
        raise ScimError(400, "The body must be a JSON object.", "invalidSyntax")
    out: dict[str, Any] = {}
    for key, value in document.items():
        lowered = str(key).lower()
        if lowered == ENTERPRISE.lower():
            if value is None:
                continue
            if not isinstance(value, dict):
                raise invalid(ENTERPRISE, "must be an object.")
            for sub, sub_value in value.items():
                if str(sub).lower() != "schemas":
                    _set_extension(out, str(sub), sub_value)
        elif lowered.startswith(ENTERPRISE.lower() + ":"):
            _set_extension(out, key[len(ENTERPRISE) + 1 :], value)
        elif lowered.startswith(USER.lower() + ":"):
            _set_core(out, key[len(USER) + 1 :], value)
        elif lowered.startswith("urn:"):
            raise ScimError(
                400, f"{key}: this schema is not served here; remove it.", "invalidSyntax"
            )
        else:
            _set_core(out, str(key), value)
    return out


def _set_core(out: dict, key: str, value: Any) -> None:
    lowered = key.lower()
    if lowered in IGNORED:
        return
    if lowered not in CORE:
        raise ScimError(
            400, f"{key}: no such attribute in the User schema; remove it.", "invalidSyntax"
        )
    canonical = CORE[lowered]
    if canonical == "name" and isinstance(value, dict):
        value = {k: v for k, v in value.items() if k.lower() not in IGNORED_NAME}
        value = {("givenName" if k.lower() == "givenname" else k): v for k, v in value.items()}
        value = {("familyName" if k.lower() == "familyname" else k): v for k, v in value.items()}
        unknown = set(value) - {"givenName", "familyName"}
        if unknown:
            raise ScimError(
                400, f"name.{sorted(unknown)[0]}: no such attribute; remove it.", "invalidSyntax"
            )
    out[canonical] = value


def _set_extension(out: dict, key: str, value: Any) -> None:
    lowered = key.lower()
    if lowered in IGNORED_ENTERPRISE:
        return
    if lowered not in EXTENSION:
        raise ScimError(
            400,
            f"{ENTERPRISE}:{key}: no such attribute in the enterprise schema; remove it.",
            "invalidSyntax",
        )
    out[EXTENSION[lowered]] = value


def _text(attribute: str, value: Any, *, field: str, required: bool = False) -> str:
    """A value cleaned as the import cleans a cell, with the import's limits."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid(attribute, "must be a string.")
    if mojibake.looks_garbled(value):
        fixed = clean_cell(mojibake.repaired(value))[0]
        raise invalid(attribute, f"garbled accents (wrong encoding?); did you mean {fixed!r}?")
    text = clean_cell(value)[0]
    limit = MAX_LENGTHS.get(field)
    if limit and len(text) > limit:
        raise invalid(attribute, f"{len(text)} characters; at most {limit}.")
    if required and not text:
        raise invalid(attribute, "required; give a non-empty value.")
    return text


def _email(emails: Any) -> str | None:
    if emails in (None, []):
        return None
    if not isinstance(emails, list) or not all(isinstance(e, dict) for e in emails):
        raise invalid("emails", "must be a list of objects with a value.")
    if len(emails) > 10:
        raise invalid("emails", "too many addresses; send the work address.")
    chosen = next((e for e in emails if e.get("primary") is True), emails[0])
    value = normalise_email(_text("emails.value", chosen.get("value"), field="email"))
    if not value:
        return None
    try:
        validate_email(value)
    except ValidationError:
        raise invalid("emails.value", f"{value!r} is not an e-mail address.") from None
    return value


def _manager(value: Any, person: Person | None) -> Person | None:
    if value in (None, "", {}):
        return None
    if isinstance(value, dict):
        value = value.get("value")
    attribute = f"{ENTERPRISE}:manager.value"
    if not isinstance(value, str) or not value.isdigit() or len(value) > 18:
        raise invalid(attribute, "give the manager's id, as this endpoint returns it.")
    manager = visible_people().filter(pk=int(value)).first()
    if manager is None:
        raise invalid(attribute, f"no user with id {value}.")
    if person is not None and manager.pk == person.pk:
        raise invalid(attribute, "a person cannot be their own manager.")
    return manager


def _department(value: Any) -> Department | None:
    name = _text(f"{ENTERPRISE}:department", value, field="department")
    if not name:
        return None
    existing = Department.objects.filter(name__iexact=name).first()
    return existing or Department.objects.create(name=name)


def _active(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"  # Entra ID sends "False" as a string in PATCH
    if not isinstance(value, bool):
        raise invalid("active", "must be true or false.")
    return value


# --- writing ------------------------------------------------------------------------------


def _write(*, person: Person | None, document: dict, token: ScimToken, operation: str) -> Person:
    """Create (``person`` None) or replace ``person`` with ``document`` (canonical)."""
    schemas = document.get("schemas")
    if operation == "create" and (not isinstance(schemas, list) or USER not in schemas):
        raise ScimError(400, f"schemas: must list {USER}.", "invalidSyntax")
    name = document.get("name")
    if not isinstance(name, dict):
        raise invalid("name", "required: give name.givenName and name.familyName.")
    first_name = _text("name.givenName", name.get("givenName"), field="first_name", required=True)
    last_name = _text("name.familyName", name.get("familyName"), field="last_name", required=True)
    user_name = _text("userName", document.get("userName"), field="employee_id", required=True)
    if person is not None and user_name != person.employee_id:
        raise ScimError(
            400,
            f"userName: the employee ID is set once ({person.employee_id!r}); "
            "a new ID is a new person.",
            "mutability",
        )
    email = _email(document.get("emails"))
    external_id = _text("externalId", document.get("externalId"), field="") or None
    if external_id and len(external_id) > 255:
        raise invalid("externalId", "at most 255 characters.")
    active = _active(document.get("active"))
    title = _text("title", document.get("title"), field="job_title")

    if person is None and Person.objects.filter(employee_id=user_name).exists():
        raise ScimError(
            409,
            f"userName: employee ID {user_name!r} is already taken; "
            f'look it up with filter=userName eq "{user_name}".',
            "uniqueness",
        )
    if person is None and user_name.isdigit():
        # As the import: "123" where "000123" exists is that person with zeros lost
        # (Excel), not a new one.
        padded = Person.objects.filter(employee_id__endswith=user_name).values_list(
            "employee_id", flat=True
        )
        existing = next((i for i in padded if i.lstrip("0") == user_name.lstrip("0")), None)
        if existing is not None and existing != user_name:
            raise invalid(
                "userName",
                f"{user_name!r} looks like employee ID {existing!r} without its leading "
                "zeros; send the ID as the HRIS writes it.",
            )
    if (
        email
        and Person.objects.filter(email=email).exclude(pk=getattr(person, "pk", None)).exists()
    ):
        raise ScimError(409, f"emails.value: {email} belongs to another person.", "uniqueness")
    if (
        external_id
        and ScimIdentity.objects.filter(external_id=external_id)
        .exclude(person_id=getattr(person, "pk", None))
        .exists()
    ):
        raise ScimError(409, f"externalId: {external_id!r} belongs to another user.", "uniqueness")

    before = representation(person, base="") if person is not None else {}
    was = snapshot(person) if person is not None else None
    target = person or Person(employee_id=user_name)
    target.first_name, target.last_name = first_name, last_name
    target.email, target.job_title = email, title
    target.department = _department(document.get("department"))
    target.manager = _manager(document.get("manager"), person)
    if target.manager is not None:
        cycle = target.manager_cycle()
        if cycle:
            path = " → ".join(f"{p.full_name} ({p.employee_id})" for p in cycle)
            raise invalid(f"{ENTERPRISE}:manager", f"would make a reporting cycle: {path}.")
    try:
        target.full_clean(validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise invalid(field, " ".join(messages)) from None
    target.save()
    if was is not None:
        record_moves(moves=[(target, was)])
    ScimIdentity.objects.update_or_create(
        person=target, defaults={"external_id": external_id, "deleted_at": None}
    )
    if active is False and target.is_active:
        deactivate_people(people=[target], by=None, reason=Departure.SCIM)
    elif active is True and not target.is_active:
        try:
            reactivate_people(people=[target], by=None)
        except ValidationError as error:
            raise ScimError(400, f"active: {' '.join(error.messages)}", "mutability") from None
    target.refresh_from_db()
    after = representation(target, base="")
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    _audit(person=target, token=token, operation=operation, fields=changed)
    return target


def _audit(*, person: Person, token: ScimToken, operation: str, fields: list[str]) -> None:
    # Attribute names only: the values are in the record's own change history.
    fields = [f for f in fields if f != "meta"]
    details = {"token_id": token.pk, "token": token.prefix, "operation": operation}
    record(event=Event.SCIM_WRITE, target=person, details={**details, "fields": fields})


def _atomic_write(**kwargs) -> Person:
    try:
        with transaction.atomic():
            return _write(**kwargs)
    except IntegrityError:
        # Two requests racing for the same employee ID, e-mail or externalId.
        raise ScimError(409, "A unique attribute is already taken; retry.", "uniqueness") from None


def create_user(*, data: Any, token: ScimToken) -> Person:
    return _atomic_write(person=None, document=_canonical(data), token=token, operation="create")


def replace_user(*, person: Person, data: Any, token: ScimToken) -> Person:
    document = _canonical(data)
    document.setdefault("userName", person.employee_id)
    return _atomic_write(person=person, document=document, token=token, operation="replace")


def delete_user(*, person: Person, token: ScimToken) -> None:
    """The identity provider deleted the user: a departure, then 404 for that id."""
    with transaction.atomic():
        if person.is_active:
            deactivate_people(people=[person], by=None, reason=Departure.SCIM)
        ScimIdentity.objects.update_or_create(
            person=person, defaults={"deleted_at": timezone.now()}
        )
        _audit(person=person, token=token, operation="delete", fields=["active"])


# --- PATCH ---------------------------------------------------------------------------------

_FILTERED = re.compile(
    r'^emails\[\s*(?:type|primary)\s+eq\s+("[^"]*"|true|false)\s*\]\.value$', re.I
)


def patch_user(*, person: Person, data: Any, token: ScimToken, max_operations: int) -> Person:
    """Apply a PatchOp (RFC 7644 §3.5.2) to the person's current document, then write the
    result by the same rules as a replacement: all operations or none."""
    if not isinstance(data, dict) or PATCH_OP not in (data.get("schemas") or []):
        raise ScimError(400, f"schemas: must list {PATCH_OP}.", "invalidSyntax")
    operations = data.get("Operations", data.get("operations"))
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, "Operations: give a list of operations.", "invalidSyntax")
    if len(operations) > max_operations:
        raise ScimError(400, f"Operations: at most {max_operations} per request.", "tooMany")
    with transaction.atomic():
        # Locked from read to write: two PATCHes at once must not undo each other.
        person = Person.objects.select_for_update().get(pk=person.pk)
        document = _canonical(_writable(representation(person, base="")))
        for operation in operations:
            _apply(document, operation)
        return _atomic_write(person=person, document=document, token=token, operation="patch")


def _writable(user: dict) -> dict:
    user = copy.deepcopy(user)
    for key in ("id", "meta", "displayName"):
        user.pop(key, None)
    return user


def _apply(document: dict, operation: Any) -> None:
    if not isinstance(operation, dict):
        raise ScimError(400, "Operations: each operation must be an object.", "invalidSyntax")
    op = str(operation.get("op", "")).lower()
    if op not in ("add", "replace", "remove"):
        raise ScimError(400, "op: must be add, replace or remove.", "invalidSyntax")
    path = operation.get("path")
    value = operation.get("value")
    if path is None or path == "":
        if op == "remove":
            raise ScimError(400, "path: required for remove.", "noTarget")
        for key, item in _canonical(value).items():
            _put(document, key, item, op)
        return
    if not isinstance(path, str) or len(path) > 300:
        raise ScimError(400, "path: must be an attribute path.", "invalidPath")
    if _FILTERED.match(path):
        # Entra ID's way of writing the work address: the one address Rementor keeps.
        if op == "remove":
            document.pop("emails", None)
        else:
            document["emails"] = [{"value": value}]
        return
    if "[" in path:
        # Entra ID's default mapping writes addresses[type eq "work"].locality and the like:
        # attributes Rementor ignores, whatever the filter.
        if path.split("[", 1)[0].rsplit(":", 1)[-1].lower() in IGNORED:
            return
        raise ScimError(400, f"{path}: value filters are not supported here.", "invalidPath")
    head, _, sub = path.rpartition(".") if _is_sub(path) else (path, "", "")
    key = head if sub else path
    if op == "remove":
        value = None
    if sub:
        value = {sub: value}
    try:
        parsed = _canonical({key: value})
    except ScimError as error:
        raise ScimError(400, error.detail, "invalidPath") from None
    for name, item in parsed.items():
        if sub and op != "remove":
            current = document.get(name)
            item = {**(current if isinstance(current, dict) else {}), **item}
        elif sub:
            current = dict(document.get(name) or {})
            current.pop(next(iter(item)), None)
            item = current or None
        _put(document, name, item, op)
    if not parsed and op == "remove" and key.lower() == ENTERPRISE.lower():
        document.pop("department", None)
        document.pop("manager", None)


def _is_sub(path: str) -> bool:
    # "name.givenName", "urn:...:User:manager.value"; not the dots of a URN's "2.0".
    tail = path.rsplit(":", 1)[-1]
    return "." in tail


def _put(document: dict, key: str, value: Any, op: str) -> None:
    if key == "schemas":
        return
    if op == "remove" or value is None:
        document.pop(key, None)
    elif op == "add" and key == "emails" and isinstance(value, list):
        # Added to the list; the primary address (else the first) is the one kept.
        document["emails"] = [*value, *(document.get("emails") or [])]
    else:
        document[key] = value
