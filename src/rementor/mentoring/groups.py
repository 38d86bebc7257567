"""Every write on mentoring groups but their sessions (``group_sessions``): a manager forms a
group from one mentor's active pairs, adds or removes a pair, renames or dissolves it; its
members whose pair still runs write the shared group note and the group's objectives.

Only a programme that allows group mentoring has groups; a group gathers active pairs of one
mentor in one programme. Removing a pair or dissolving the group deletes the memberships
(and, when dissolving, the group and its note), never a pair, a session or a pair's notes."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.audit.events import acted_by
from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.group_queries import writes_in_group
from rementor.mentoring.models import GroupMembership, GroupObjective, MentoringGroup
from rementor.mentoring.models.groups import GROUP_NAME_MAX_LENGTH, GROUP_OBJECTIVE_MAX_LENGTH
from rementor.programmes.models import Programme


def _ensure_allowed(programme: Programme) -> None:
    if not programme.group_mentoring:
        raise ValidationError(_("This programme does not allow group mentoring."))


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if len(name) > GROUP_NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("Keep the name under %(max)s characters.") % {"max": GROUP_NAME_MAX_LENGTH}}
        )
    return name


def _check_pair(pair: Pair, *, programme: Programme, mentor_id: int) -> None:
    """A pair may join a group of ``mentor_id`` in ``programme`` while it is active."""
    if pair.programme_id != programme.pk:
        raise ValidationError({"pairs": _("Only pairs of this programme can join the group.")})
    if pair.mentor_id != mentor_id:
        raise ValidationError({"pairs": _("All the pairs of a group share the same mentor.")})
    if pair.status != PairStatus.ACTIVE:
        raise ValidationError({"pairs": _("Only active pairs can join a group.")})


def _join(group: MentoringGroup, pair: Pair) -> GroupMembership:
    try:
        with transaction.atomic():
            return GroupMembership.objects.create(group=group, pair=pair)
    except IntegrityError:
        message = _("The pair of %(mentee)s is already in a group.") % {
            "mentee": pair.mentee.person.full_name
        }
        raise ValidationError({"pairs": message}) from None


@acted_by
@transaction.atomic
def form_group(
    *, programme: Programme, by, pairs: Iterable[Pair], name: str = ""
) -> MentoringGroup:
    """A group of ``pairs`` (two or more active pairs of one mentor in ``programme``)."""
    _ensure_allowed(programme)
    pairs = list(Pair.objects.select_for_update().filter(pk__in=[p.pk for p in pairs]))
    if len(pairs) < 2:
        raise ValidationError({"pairs": _("Choose at least two pairs of the same mentor.")})
    mentor_id = pairs[0].mentor_id
    for pair in pairs:
        _check_pair(pair, programme=programme, mentor_id=mentor_id)
    group = MentoringGroup.objects.create(
        programme=programme, mentor_id=mentor_id, name=_clean_name(name), created_by=by
    )
    for pair in pairs:
        _join(group, pair)
    return group


@acted_by
@transaction.atomic
def rename_group(*, group: MentoringGroup, by, name: str) -> MentoringGroup:
    group.name = _clean_name(name)
    group.save(update_fields=["name"])
    return group


@acted_by
@transaction.atomic
def add_pair(*, group: MentoringGroup, by, pair: Pair) -> GroupMembership:
    """Add an active pair of the group's mentor; any other pair is refused."""
    _ensure_allowed(group.programme)
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    _check_pair(pair, programme=group.programme, mentor_id=group.mentor_id)
    return _join(group, pair)


@acted_by
@transaction.atomic
def remove_pair(*, group: MentoringGroup, by, pair: Pair) -> None:
    """Take ``pair`` out of the group: the pair and its sessions stay as they are."""
    deleted, _rows = GroupMembership.objects.filter(group=group, pair=pair).delete()
    if not deleted:
        raise ValidationError(_("This pair is not in the group."))


@acted_by
@transaction.atomic
def dissolve_group(*, group: MentoringGroup, by) -> None:
    """The group, its memberships and its shared note go; every pair, its sessions (group
    sessions included, in each pair's history) and its notes stay."""
    group.delete()


@acted_by
@transaction.atomic
def save_group_note(*, group: MentoringGroup, by, text: str) -> MentoringGroup:
    """The group's shared note, written by a member whose pair runs (who last wrote is kept)."""
    if not writes_in_group(by, group):
        raise ValidationError(_("Only the group's members can write its note."))
    group = MentoringGroup.objects.select_for_update().get(pk=group.pk)
    group.shared_note = (text or "").strip()
    group.note_updated_by = by
    group.note_updated_at = timezone.now()
    group.full_clean(exclude=["programme", "mentor", "created_by", "note_updated_by"])
    group.save(update_fields=["shared_note", "note_updated_by", "note_updated_at"])
    return group


def _ensure_member(group: MentoringGroup, by) -> None:
    if not writes_in_group(by, group):
        raise ValidationError(_("Only the group's members can change its objectives."))


@acted_by
@transaction.atomic
def add_group_objective(*, group: MentoringGroup, by, title: str) -> GroupObjective:
    """An objective of the whole group, added by one of its members."""
    _ensure_member(group, by)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Say what the group wants to achieve.")})
    if len(title) > GROUP_OBJECTIVE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": _("Keep the objective under %(max)s characters.")
                % {"max": GROUP_OBJECTIVE_MAX_LENGTH}
            }
        )
    return GroupObjective.objects.create(group=group, title=title, created_by=by)


@acted_by
@transaction.atomic
def mark_group_objective(*, objective: GroupObjective, by, achieved: bool) -> GroupObjective:
    """Mark a group objective achieved, or open again."""
    _ensure_member(objective.group, by)
    objective.achieved_at = timezone.now() if achieved else None
    objective.save(update_fields=["achieved_at"])
    return objective
