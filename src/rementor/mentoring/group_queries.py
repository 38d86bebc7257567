"""Who sees which mentoring groups, written once for the pages, the rules and "my data".

A group is seen by the programme's managers, by its mentor, and by the mentees whose pair in
the group is running or completed (a pair ended early closes the group to its mentee). Its
shared note and objectives are written by the members whose pair still runs: a completed
pair's mentee reads them only, as does the mentor once none of the group's pairs runs.
Members see each other's names and the group's own content only: never a pair's notes,
messages or check-ins."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rementor.matching.models import OCCUPYING, PairStatus
from rementor.mentoring.models import GroupMembership, MentoringGroup, MentoringSession
from rementor.people.queries import name_order

# A mentee keeps seeing the group once their pair completed; not once it ended early.
SEEING = (*OCCUPYING, PairStatus.COMPLETED)


def _is_manager(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_programme_manager)


def _member_filter(person_id: int) -> Q:
    return Q(mentor__person_id=person_id) | Q(
        members__pair__mentee__person_id=person_id, members__pair__status__in=SEEING
    )


def groups_visible_to(user) -> QuerySet[MentoringGroup]:
    """Every group for a programme manager, else those ``user`` is a member of."""
    if not (user.is_authenticated and user.is_active):
        return MentoringGroup.objects.none()
    if _is_manager(user):
        return MentoringGroup.objects.all()
    if user.person_id is None:
        return MentoringGroup.objects.none()
    return MentoringGroup.objects.filter(_member_filter(user.person_id)).distinct()


def group_role(user, group: MentoringGroup) -> str | None:
    """ "mentor", "mentee" or None: the signed-in user's place in ``group``."""
    if group is None or not (user.is_authenticated and user.is_active):
        return None
    if user.person_id is None:
        return None
    if group.mentor.person_id == user.person_id:
        return "mentor"
    seeing = group.members.filter(
        pair__mentee__person_id=user.person_id, pair__status__in=SEEING
    ).exists()
    return "mentee" if seeing else None


def writes_in_group(user, group: MentoringGroup) -> bool:
    """Whether ``user`` may write the group's note and objectives: a member whose pair in the
    group still runs (the mentor: while one of the group's pairs runs)."""
    role = group_role(user, group)
    if role is None:
        return False
    running = group.members.filter(pair__status__in=OCCUPYING)
    if role == "mentee":
        running = running.filter(pair__mentee__person_id=user.person_id)
    return running.exists()


def memberships(group: MentoringGroup) -> QuerySet[GroupMembership]:
    """The group's pairs, mentees' names loaded, in name order."""
    return group.members.select_related("pair__mentee__person", "pair__mentor__person").order_by(
        *name_order("pair__mentee__person")
    )


def group_of(pair) -> MentoringGroup | None:
    """The group ``pair`` belongs to, or None."""
    membership = GroupMembership.objects.filter(pair=pair).select_related("group").first()
    return membership.group if membership else None


def group_sessions(group: MentoringGroup) -> list[MentoringSession]:
    """One session per group session (the earliest-made of its key), newest first: when,
    how and where it stands — the same for every pair of the group session."""
    seen: set = set()
    shown = []
    sessions = (
        MentoringSession.objects.filter(
            group_key__isnull=False, pair__group_membership__group=group
        )
        .order_by("-starts_at", "pk")
        .only("pk", "group_key", "starts_at", "time_zone", "duration_minutes", "mode", "status")
    )
    for session in sessions:
        if session.group_key not in seen:
            seen.add(session.group_key)
            shown.append(session)
    return shown


def sessions_of_key(group: MentoringGroup, key) -> QuerySet[MentoringSession]:
    """The sessions of one group session that belong to pairs still in ``group``."""
    return MentoringSession.objects.filter(
        group_key=key, pair__group_membership__group=group
    ).order_by("pk")
