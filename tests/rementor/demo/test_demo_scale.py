import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rementor.demo.company import DEMO_PASSWORD
from rementor.matching.models import Pair
from rementor.mentoring.models import MentoringSession, Pulse
from rementor.people.models import Department, Person, User, name_sort_key
from rementor.people.queries import reporting_chain
from rementor.programmes.models import Programme
from tests.factories import client_for, log_in_through_form


@pytest.mark.django_db
def test_demo_scaled_to_people_is_a_large_company_with_working_logins():
    out = io.StringIO()
    call_command("demo", "--people", "700", stdout=out)

    assert Person.objects.count() == 700
    # Written with bulk_create, which skips Person.save: the sort key is set all the same.
    assert all(
        p.sort_name == name_sort_key(p.last_name, p.first_name) for p in Person.objects.all()
    )
    assert Department.objects.count() == 14
    assert len(set(Person.objects.values_list("site", flat=True))) >= 8
    assert max(len(reporting_chain(p, depth=10)) for p in Person.objects.all()) == 4
    programme = Programme.objects.get(slug="reverse-mentoring-2026")
    pairs = Pair.objects.filter(programme=programme)
    assert pairs.count() >= 50
    assert MentoringSession.objects.filter(pair__in=pairs, status="held").count() > 200
    assert Pulse.objects.filter(session__pair__in=pairs).count() > 200
    comments = Pulse.objects.filter(session__pair__in=pairs).exclude(comment="")
    assert comments.filter(comment_shared=True).exists()
    assert comments.filter(comment_shared=False).exists()
    assert not Pulse.objects.filter(comment="", comment_shared=True).exists()
    assert "manager-001 to manager-006" in out.getvalue()
    assert User.objects.get(email="manager-006@example.com").is_programme_manager

    for email in ("manager-001@example.com", "mentee-0001@example.com", "mentor-0030@example.com"):
        client = client_for(None)
        assert log_in_through_form(client, email=email, password=DEMO_PASSWORD).status_code == 302
        assert client.get("/").status_code == 200
    manager = client_for(User.objects.get(email="manager-001@example.com"))
    assert manager.get(f"/analytics/programmes/{programme.slug}/dashboard/").status_code == 200
    assert manager.get(f"/mentoring/programmes/{programme.slug}/pairs/").status_code == 200
    mentee = User.objects.get(email="mentee-0001@example.com")
    pair = Pair.objects.get(mentee__person=mentee.person)
    assert client_for(mentee).get(f"/mentoring/pairs/{pair.pk}/").status_code == 200

    # Once only: a second call adds nothing.
    call_command("demo", "--people", "900", stdout=io.StringIO())
    assert Person.objects.count() == 700
    # Written with bulk_create, which skips Person.save: the sort key is set all the same.
    assert all(
        p.sort_name == name_sort_key(p.last_name, p.first_name) for p in Person.objects.all()
    )


def test_demo_refuses_a_tiny_scaled_company():
    with pytest.raises(CommandError):
        call_command("demo", "--people", "100", stdout=io.StringIO())
