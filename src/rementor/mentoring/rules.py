"""Who may see and act in a pair. Members act; managers oversee; nobody else knows it exists."""

from __future__ import annotations

import rules

from rementor.core.rules import is_programme_manager, is_signed_in
from rementor.mentoring.group_queries import group_role, writes_in_group
from rementor.programmes.rules import is_enrolled_in


def member_role(user, pair) -> str | None:
    """ "mentee", "mentor" or None: the signed-in user's place in ``pair``."""
    if pair is None or not user.is_authenticated or user.person_id is None:
        return None
    if pair.mentee.person_id == user.person_id:
        return "mentee"
    if pair.mentor.person_id == user.person_id:
        return "mentor"
    return None


@rules.predicate
def is_pair_member(user, pair) -> bool:
    return member_role(user, pair) is not None


@rules.predicate
def is_pair_mentee(user, pair) -> bool:
    return member_role(user, pair) == "mentee"


@rules.predicate
def is_pair_mentor(user, pair) -> bool:
    return member_role(user, pair) == "mentor"


rules.add_perm("mentoring.view_pair", is_signed_in & (is_pair_member | is_programme_manager))
rules.add_perm("mentoring.know_pair", is_signed_in & (is_pair_member | is_programme_manager))
# Writing in the pair's space (sessions, notes, objectives, ideas) is for its two members.
rules.add_perm("mentoring.act_in_pair", is_signed_in & is_pair_member)
rules.add_perm("mentoring.oversee_pairs", is_programme_manager)
# The role swap starts with the topic the junior (the pair's mentor) chooses: theirs alone.
rules.add_perm("mentoring.start_reciprocal", is_signed_in & is_pair_mentor)
# The pair's messages: its members only, as long as they are members (an ended pair's thread
# stays readable to them); managers know the pair but never read its messages.
rules.add_perm("mentoring.read_messages", is_signed_in & is_pair_member)
# "My progress" in a programme: its own participant, and nobody else — not even a manager
# (the page is always the viewer's own; managers know the programme: 403, outsiders 404).
rules.add_perm("mentoring.view_own_progress", is_signed_in & is_enrolled_in)


@rules.predicate
def has_employee_record(user) -> bool:
    return bool(user.is_authenticated and user.person_id is not None)


# A calendar feed of one's own sessions: anyone with an employee record (only they can be in
# a pair); an account without one has no session to show.
rules.add_perm("mentoring.subscribe_calendar", is_signed_in & has_employee_record)

# A programme's session plan and agenda library: its managers write them; a pair's own plan
# is its members' (``mentoring.act_in_pair``).
rules.add_perm("mentoring.edit_plan", is_programme_manager)


# Mentoring groups (``groups``): managers form and change them; the group's members (its
# mentor, its mentees while their pair runs or completed) open the group page, which the
# managers open too; the shared group note and objectives are written by the members whose
# pair still runs (read-only once it completed), group sessions are the mentor's.
@rules.predicate
def is_group_member(user, group) -> bool:
    return group is not None and group_role(user, group) is not None


@rules.predicate
def writes_in_group_of(user, group) -> bool:
    return group is not None and writes_in_group(user, group)


@rules.predicate
def is_group_mentor(user, group) -> bool:
    return group is not None and group_role(user, group) == "mentor"


rules.add_perm("mentoring.manage_groups", is_programme_manager)
rules.add_perm("mentoring.view_group", is_signed_in & (is_group_member | is_programme_manager))
rules.add_perm("mentoring.write_group_note", is_signed_in & writes_in_group_of)
rules.add_perm("mentoring.write_group_objectives", is_signed_in & writes_in_group_of)
rules.add_perm("mentoring.lead_group", is_signed_in & is_group_mentor)
