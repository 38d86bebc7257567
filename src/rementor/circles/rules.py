"""Who may do what with circles. Managing (create, rename, members, meetings, delete) is the
programme managers'; the shared note and attendance are also the active members'."""

from __future__ import annotations

import rules

from rementor.circles.queries import is_active_member
from rementor.core.rules import is_programme_manager


@rules.predicate
def is_circle_member(user, circle) -> bool:
    return circle is not None and is_active_member(user, circle)


rules.add_perm("circles.manage_circles", is_programme_manager)
rules.add_perm("circles.view_circle", is_programme_manager | is_circle_member)
rules.add_perm("circles.write_note", is_programme_manager | is_circle_member)
