"""The dashboard's filters: a department and a site keep the people of that department / site.

Figures about people (funnel, skills, mentors' growth, satisfaction) follow each person's own
department and site; figures about pairs (health, sessions, ideas) keep a pair when its mentee
or its mentor belongs to the department / site.
"""

from __future__ import annotations

from django.db.models import Q

from rementor.analytics.results_cache import cached
from rementor.programmes.models import Enrollment, Programme


def people_filter(prefix: str, department_id: int | None, site: str) -> Q:
    """The people of the department and site, reached through ``prefix``."""
    q = Q()
    if department_id is not None:
        q &= Q(**{f"{prefix}department_id": department_id})
    if site:
        q &= Q(**{f"{prefix}site": site})
    return q


def pairs_filter(prefix: str, department_id: int | None, site: str) -> Q:
    """A pair belongs to a department / site when its mentee or its mentor does."""
    if department_id is None and not site:
        return Q()
    return people_filter(f"{prefix}mentee__person__", department_id, site) | people_filter(
        f"{prefix}mentor__person__", department_id, site
    )


def filter_choices(*, programme: Programme) -> tuple[list[tuple[int, str]], list[str]]:
    """The departments (id, name) and sites of the programme's participants, for the
    dashboard's filters. Two queries, then none while no participant changes
    (:mod:`rementor.analytics.results_cache`)."""
    return cached(("filters", programme.pk), lambda: _filter_choices(programme))


def _filter_choices(programme: Programme) -> tuple[list[tuple[int, str]], list[str]]:
    enrolled = Enrollment.objects.filter(programme=programme).order_by()
    departments = list(
        enrolled.filter(person__department__isnull=False)
        .values_list("person__department_id", "person__department__name")
        .distinct()
    )
    departments.sort(key=lambda d: d[1].casefold())
    sites = sorted(
        enrolled.exclude(person__site="").values_list("person__site", flat=True).distinct(),
        key=str.casefold,
    )
    return departments, sites
