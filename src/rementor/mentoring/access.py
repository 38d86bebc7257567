"""Loading a pair for a request, with the right 404/403 (see rementor.core.access), and who
a part of the pair page renders for."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from rementor.core.access import check_object_perm
from rementor.matching.models import Pair
from rementor.mentoring.models import MentoringGroup
from rementor.mentoring.rules import member_role


def pair_for(request: HttpRequest, pk: int, perm: str = "mentoring.view_pair") -> Pair:
    pair = get_object_or_404(
        Pair.objects.select_related(
            "programme",
            "mentee__person__user",
            "mentor__person__user",
            "mentee__person__department",
            "mentor__person__department",
            # The role swap's part of the pair page knows in the same query whether it shows.
            "reciprocal_phase",
            # And whether the pair meets in a group (its page links to the group's).
            "group_membership__group",
        ),
        pk=pk,
    )
    check_object_perm(request, perm, pair, know_perm="mentoring.know_pair")
    return pair


def viewer_of(context, pair: Pair) -> tuple[HttpRequest | None, object | None, str | None]:
    """The request a part of the pair page renders for, its user, and the user's role in
    ``pair`` ("mentee", "mentor", or None for a manager or a render without a request)."""
    request = context.get("request")
    user = request.user if request is not None else None
    return request, user, (member_role(user, pair) if user is not None else None)


def group_for(request: HttpRequest, pk: int, perm: str = "mentoring.view_group") -> MentoringGroup:
    """The mentoring group ``pk``: 404 for anyone who may not know it (not a member, not a
    manager), 403 for a member asking for another's action."""
    group = get_object_or_404(
        MentoringGroup.objects.select_related("programme", "mentor__person"), pk=pk
    )
    check_object_perm(request, perm, group, know_perm="mentoring.view_group")
    return group
