from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rementor.audit.events import Departure
from rementor.circles.models import Circle, CircleMeeting, CircleMember
from rementor.circles.queries import circles_visible_to, is_active_member
from rementor.people.domain import deactivate_people
from rementor.programmes.models import EnrollmentStatus, Role
from tests.factories import EnrollmentFactory, UserFactory, client_for
from tests.rementor.circles.factories import make_circle, make_meeting

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def member(programme):
    user = UserFactory(email="mentor@example.org")
    EnrollmentFactory(programme=programme, person=user.person, role=Role.MENTOR)
    return user


@pytest.fixture
def circle(programme, member):
    return make_circle(programme, members=[member.person.enrollments.get()])


def _form(**fields):
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {
        "date": day.isoformat(),
        "time": "10:00",
        "time_zone": "Europe/Paris",
        "duration_minutes": "60",
        "location": "Salle 3",
        "agenda": "",
    }
    data.update(fields)
    return data


def test_manager_creates_a_circle_and_adds_an_accepted_participant(programme, manager, member):
    client = client_for(manager)
    response = client.post(reverse("circles:list", args=[programme.slug]), {"name": "Mentors"})
    circle = Circle.objects.get()
    assert response.url == reverse("circles:circle", args=[circle.pk])
    enrollment = member.person.enrollments.get()
    response = client.post(
        reverse("circles:member_add", args=[circle.pk]), {"enrollment": enrollment.pk}
    )
    assert response.status_code == 302
    assert list(circle.members.values_list("enrollment", flat=True)) == [enrollment.pk]


def test_adding_someone_outside_the_programme_is_refused(circle, manager):
    outsider = EnrollmentFactory(role=Role.MENTOR)
    response = client_for(manager).post(
        reverse("circles:member_add", args=[circle.pk]), {"enrollment": outsider.pk}, **EN
    )
    assert response.status_code == 400
    assert "Choose an accepted participant of this programme" in response.content.decode()
    assert not CircleMember.objects.filter(enrollment=outsider).exists()


def test_invited_participant_is_not_offered(circle, programme, manager):
    invited = EnrollmentFactory(programme=programme, status=EnrollmentStatus.INVITED)
    page = client_for(manager).get(reverse("circles:circle", args=[circle.pk]))
    assert invited.pk not in dict(page.context["add_form"].fields["enrollment"].choices)


def test_member_sees_the_circle_and_a_non_member_gets_404(circle, member, programme, stranger):
    url = reverse("circles:circle", args=[circle.pk])
    page = client_for(member).get(url, **EN)
    assert page.status_code == 200
    assert "Plan a meeting" not in page.content.decode()
    # Same programme, not in the circle.
    neighbour = UserFactory(email="neighbour@example.org")
    EnrollmentFactory(programme=programme, person=neighbour.person)
    assert client_for(neighbour).get(url).status_code == 404
    assert client_for(stranger).get(url).status_code == 404


def test_member_who_withdrew_loses_access(circle, member):
    enrollment = member.person.enrollments.get()
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save()
    assert client_for(member).get(reverse("circles:circle", args=[circle.pk])).status_code == 404


def test_member_who_left_the_company_loses_access(circle, member):
    deactivate_people(people=[member.person], by=None, reason=Departure.DIRECTORY)
    member.refresh_from_db()
    assert not circles_visible_to(member).exists()
    assert not is_active_member(member, circle)


def test_sponsor_sees_nothing(circle, sponsor):
    meeting = make_meeting(circle)
    client = client_for(sponsor)
    assert client.get(reverse("circles:circle", args=[circle.pk])).status_code == 404
    assert client.get(reverse("circles:meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("api:circle-list")).json()["results"] == []


def test_planning_a_meeting_in_year_9999_is_refused(circle, manager):
    response = client_for(manager).post(
        reverse("circles:meeting_new", args=[circle.pk]), _form(date="9999-12-31"), **EN
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not CircleMeeting.objects.exists()
    assert mail.outbox == []


def test_planning_a_meeting_without_a_place_names_the_field(circle, manager):
    response = client_for(manager).post(
        reverse("circles:meeting_new", args=[circle.pk]), _form(location=""), **EN
    )
    assert "Say where you will meet" in response.content.decode()


def test_agenda_with_a_script_is_escaped(circle, manager, member):
    client_for(manager).post(
        reverse("circles:meeting_new", args=[circle.pk]),
        _form(agenda="<script>alert('x')</script>"),
    )
    meeting = CircleMeeting.objects.get()
    html = client_for(member).get(reverse("circles:meeting", args=[meeting.pk])).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html


def test_member_writes_the_shared_note_and_attendance(circle, member, manager):
    meeting = make_meeting(circle)
    client = client_for(member)
    url = reverse("circles:meeting", args=[meeting.pk])
    assert client.post(url, {"text": "Bilan partagé"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.shared_note == "Bilan partagé"
    assert meeting.note_updated_by == member
    enrollment = member.person.enrollments.get()
    client.post(reverse("circles:attendance", args=[meeting.pk]), {"present": [enrollment.pk]})
    assert list(meeting.attendance.values_list("enrollment", flat=True)) == [enrollment.pk]
    # The manager reads it too.
    page = client_for(manager).get(url)
    assert "Bilan partagé" in page.content.decode()


def test_attendance_of_a_non_member_is_refused(circle, manager):
    meeting = make_meeting(circle)
    outsider = EnrollmentFactory(role=Role.MENTOR)
    client_for(manager).post(
        reverse("circles:attendance", args=[meeting.pk]), {"present": [outsider.pk]}
    )
    assert not meeting.attendance.exists()


def test_member_cannot_cancel_or_rename(circle, member):
    meeting = make_meeting(circle)
    client = client_for(member)
    assert client.post(reverse("circles:meeting_cancel", args=[meeting.pk])).status_code == 403
    assert (
        client.post(reverse("circles:rename", args=[circle.pk]), {"name": "X"}).status_code == 403
    )


def test_delete_asks_first(circle, manager, programme):
    client = client_for(manager)
    url = reverse("circles:delete", args=[circle.pk])
    page = client.get(url, **EN)
    assert "cannot be undone" in page.content.decode()
    assert Circle.objects.exists()
    assert client.post(url).url == reverse("circles:list", args=[programme.slug])
    assert not Circle.objects.exists()


def test_calendar_file_keeps_the_uid(circle, member):
    meeting = make_meeting(circle, sequence=2)
    response = client_for(member).get(reverse("circles:meeting_ics", args=[meeting.pk]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert f"UID:circle-{meeting.uid}@rementor" in body
    assert "SEQUENCE:2" in body


def test_home_page_lists_the_member_circles(circle, member):
    page = client_for(member).get(reverse("home"), **FR)
    html = page.content.decode()
    assert "Vos cercles" in html
    assert circle.name in html


@pytest.mark.parametrize("count", [1, 3])
def test_circle_list_queries_do_not_grow(programme, manager, count, django_assert_num_queries):
    for index in range(count):
        circle = make_circle(programme, name=f"Cercle {index}")
        make_meeting(circle)
        for _ in range(2):
            CircleMember.objects.create(
                circle=circle, enrollment=EnrollmentFactory(programme=programme)
            )
    client = client_for(manager)
    url = reverse("circles:list", args=[programme.slug])
    client.get(url)  # warm the session
    # session, user, programme, circles with their counts, the header's name
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["circles"]) == count


def test_api_lists_circles_and_meetings_for_members_only(circle, member, stranger, manager):
    meeting = make_meeting(circle, agenda="Tour de table")
    rows = client_for(member).get(reverse("api:circle-list")).json()["results"]
    assert [r["id"] for r in rows] == [circle.pk]
    meetings = client_for(member).get(reverse("api:circlemeeting-list")).json()["results"]
    assert meetings[0]["agenda"] == "Tour de table"
    assert client_for(stranger).get(reverse("api:circle-list")).json()["results"] == []
    detail = reverse("api:circlemeeting-detail", args=[meeting.pk])
    assert client_for(stranger).get(detail).status_code == 404
    assert client_for(manager).get(detail).status_code == 200


def test_once_everyone_accepted_is_in_the_circle_no_empty_form_is_offered(circle, manager):
    page = client_for(manager).get(reverse("circles:circle", args=[circle.pk]), **FR)
    html = page.content.decode()
    assert 'data-testid="add-member"' not in html
    assert "Plus personne à ajouter" in html


def test_an_accepted_participant_outside_the_circle_is_still_offered(circle, programme, manager):
    EnrollmentFactory(programme=programme, role=Role.MENTEE)
    page = client_for(manager).get(reverse("circles:circle", args=[circle.pk]), **EN)
    html = page.content.decode()
    assert 'data-testid="add-member"' in html
    assert 'data-testid="nobody-to-add"' not in html
