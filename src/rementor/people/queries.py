"""Read-side querysets for people, with their joins."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from rementor.core.lists import days_filter, words_filter
from rementor.people.models import ImportBatch, Person, User, name_sort_key

M = TypeVar("M", bound=Model)


def name_order(person: str = "") -> list[str]:
    """The ``order_by`` terms that list people as a French reader expects (``sort_name``:
    accents and case folded, last name then first name), with ties broken the same way on
    every database. ``person`` is the path to the person: ``""`` for people themselves,
    ``"person"`` for enrolments, ``"mentee__person"`` for pairs...
    """
    prefix = f"{person}__" if person else ""
    return [f"{prefix}{name}" for name in ("sort_name", "last_name", "first_name", "pk")]


def by_name(rows: QuerySet[M], *, person: str = "") -> QuerySet[M]:
    """``rows`` in the order of their people's names (see ``name_order``)."""
    return rows.order_by(*name_order(person))


def name_key(person: Person) -> tuple:
    """``name_order`` for people already loaded, to sort a list in Python the same way."""
    key = getattr(person, "sort_name", "") or name_sort_key(person.last_name, person.first_name)
    return (key, person.last_name, person.first_name, getattr(person, "pk", None) or 0)


def _left(person: str) -> Q:
    return Q(**{f"{person}__is_active" if person else "is_active": False})


def still_in_company(rows: QuerySet[M], *, person: str = "person") -> QuerySet[M]:
    """``rows`` without those whose person left the company (``Person.is_active`` False).

    The one test of who may still be matched, invited, reminded or e-mailed: enrolments
    (``person="person"``), accounts (``person="person"``: an account with no employee record,
    such as a programme manager's, is kept), pairs (``person="mentee__person"``...) or people
    themselves (``person=""``).
    """
    return rows.exclude(_left(person))


def left_company(rows: QuerySet[M], *, person: str = "person") -> QuerySet[M]:
    """The other side of ``still_in_company``: the rows whose person left."""
    return rows.filter(_left(person))


def reachable_users(users: QuerySet[User] | None = None) -> QuerySet[User]:
    """Accounts that may be e-mailed: open, and not of someone who left the company.

    Deactivating a person closes their account too, but a row written before that rule
    (or by hand) may still say otherwise: both are checked."""
    users = User.objects.all() if users is None else users
    return still_in_company(users.filter(is_active=True))


def has_left(person: Person) -> bool:
    """``left_company`` for one person already loaded."""
    return not person.is_active


def is_reachable(user: User | None) -> bool:
    """``reachable_users`` for one account already loaded (with its person)."""
    if user is None or not user.is_active:
        return False
    return user.person_id is None or not has_left(user.person)


SEARCH_LOOKUPS = (
    "first_name__icontains",
    "last_name__icontains",
    "email__icontains",
    "job_title__icontains",
    "employee_id__iexact",
)


def directory(
    *,
    search: str = "",
    department_id: int | None = None,
    site: str = "",
    active: bool | None = True,
) -> QuerySet[Person]:
    people = Person.objects.select_related("department", "manager")
    if active is not None:
        people = people.filter(is_active=active)
    if search:
        people = people.filter(words_filter(search, SEARCH_LOOKUPS))
    if department_id:
        people = people.filter(department_id=department_id)
    if site:
        people = people.filter(site=site)
    return by_name(people)


def reporting_chain(person: Person, *, depth: int) -> list[Person]:
    """The managers above ``person``, nearest first, at most ``depth`` of them."""
    chain: list[Person] = []
    seen = {person.pk}
    node = person.manager
    while node is not None and len(chain) < depth and node.pk not in seen:
        chain.append(node)
        seen.add(node.pk)
        node = node.manager
    return chain


def sites() -> list[str]:
    return list(
        Person.objects.exclude(site="").order_by("site").values_list("site", flat=True).distinct()
    )


def account_of(person: Person) -> User | None:
    """The person's login, if they have one."""
    return User.objects.filter(person=person).first()


def import_history(
    *,
    filename: str = "",
    status: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[ImportBatch]:
    """Imports newest first, without the rows and plans they carry (the list shows counts)."""
    batches = (
        ImportBatch.objects.select_related("created_by__person")
        .defer("rows", "plan", "table", "errors", "warnings")
        .order_by("-created_at", "-pk")
    )
    if filename:
        batches = batches.filter(filename__icontains=filename)
    if status:
        batches = batches.filter(status=status)
    return batches.filter(days_filter("created_at", date_from, date_to))
