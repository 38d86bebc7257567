"""Read-side querysets for people, with their joins."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rementor.people.models import Person, User


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
        for word in search.split():
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(job_title__icontains=word)
                | Q(employee_id__iexact=word)
            )
    if department_id:
        people = people.filter(department_id=department_id)
    if site:
        people = people.filter(site=site)
    return people


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
