"""Access rows of mentoring groups. The matrix's "participant" is a mentee of the group; the
other participant (another programme) and the sponsor must not learn it exists (404); a
mentee asking for a manager's or the mentor's action gets 403; the shared note is the
members' (a manager knows the group: 403); the programme's group list is the managers'."""

import datetime as dt

from django.urls import reverse

from rementor.matching.models import Pair
from rementor.mentoring.group_sessions import plan_group_session
from rementor.mentoring.groups import add_group_objective
from tests.rementor.access import Row, signed_in
from tests.rementor.mentoring.factories import local
from tests.rementor.mentoring.group_factories import group_with_participant, mentor_with_pairs

GROUP_VIEW = {**signed_in(404), "participant": 200, "manager": 200}
GROUP_MANAGE = {**signed_in(404), "participant": 403, "manager": 200}
GROUP_MANAGE_POST = {**GROUP_MANAGE, "manager": 302}
# The mentor's actions: the mentee (participant) and the manager know the group: 403.
GROUP_LEAD = {**signed_in(404), "participant": 403, "manager": 403}
GROUP_NOTE_POST = {**signed_in(404), "participant": 302, "manager": 403}
PROGRAMME_MANAGE = {
    "anonymous": 302,
    "participant": 403,
    "other_participant": 404,
    "sponsor": 403,
    "manager": 200,
}


def group_setup(o):
    objects = group_with_participant(o["programme"], o["participant"])
    group = objects["group"]
    # An active pair of another mentor: adding it is refused (the manager is sent back).
    _other_mentor, extra = mentor_with_pairs(o["programme"], mentees=1)
    objects["other_pair"] = extra[0][0]
    objects["spare"] = Pair.objects.filter(group_membership__group=group).order_by("pk").last()
    sessions = plan_group_session(
        group=group,
        by=objects["mentor_user"],
        starts_at=local(10, 10),
        time_zone="Europe/Paris",
        duration_minutes=60,
    )
    objects["key"] = sessions[0].group_key
    objects["objective"] = add_group_objective(
        group=group, by=objects["mentor_user"], title="Pilot a team channel"
    )
    return objects


def _group(name):
    return lambda o: reverse(f"mentoring:{name}", args=[o["group"].pk])


def _group_key(name):
    return lambda o: reverse(f"mentoring:{name}", args=[o["group"].pk, o["key"]])


def _session_data(o):
    return {
        "date": (dt.date.today() + dt.timedelta(days=12)).isoformat(),
        "time": "10:00",
        "time_zone": "Europe/Paris",
        "duration_minutes": 60,
        "mode": "remote",
    }


def _list(o):
    return reverse("mentoring:group_list", args=[o["programme"].slug])


ROWS = {
    "mentoring:group_list": [
        Row("get", _list, PROGRAMME_MANAGE, setup=group_setup),
        # An empty form comes back with its errors.
        Row("post", _list, {**PROGRAMME_MANAGE, "manager": 400}, data={}, setup=group_setup),
    ],
    "mentoring:group": [Row("get", _group("group"), GROUP_VIEW, setup=group_setup)],
    "mentoring:group_note": [
        Row("post", _group("group_note"), GROUP_NOTE_POST, data={"text": "Vu"}, setup=group_setup)
    ],
    "mentoring:group_objective_add": [
        Row(
            "post",
            _group("group_objective_add"),
            GROUP_NOTE_POST,
            data={"title": "Try Teams"},
            setup=group_setup,
        )
    ],
    "mentoring:group_objective_mark": [
        Row(
            "post",
            lambda o: reverse(
                "mentoring:group_objective_mark", args=[o["group"].pk, o["objective"].pk]
            ),
            GROUP_NOTE_POST,
            data={"achieved": "1"},
            setup=group_setup,
        )
    ],
    "mentoring:group_add_pair": [
        Row(
            "post",
            _group("group_add_pair"),
            GROUP_MANAGE_POST,
            data=lambda o: {"pair": o["other_pair"].pk},
            setup=group_setup,
        )
    ],
    "mentoring:group_remove_pair": [
        Row(
            "post",
            lambda o: reverse("mentoring:group_remove_pair", args=[o["group"].pk, o["spare"].pk]),
            GROUP_MANAGE_POST,
            setup=group_setup,
        )
    ],
    "mentoring:group_dissolve": [
        Row("get", _group("group_dissolve"), GROUP_MANAGE, setup=group_setup),
        Row("post", _group("group_dissolve"), GROUP_MANAGE_POST, setup=group_setup),
    ],
    "mentoring:group_session_new": [
        Row("get", _group("group_session_new"), GROUP_LEAD, setup=group_setup),
        Row(
            "post",
            _group("group_session_new"),
            GROUP_LEAD,
            data=_session_data,
            setup=group_setup,
        ),
    ],
    "mentoring:group_session_cancel": [
        Row("post", _group_key("group_session_cancel"), GROUP_LEAD, setup=group_setup)
    ],
    "mentoring:group_session_held": [
        Row("post", _group_key("group_session_held"), GROUP_LEAD, setup=group_setup)
    ],
}
