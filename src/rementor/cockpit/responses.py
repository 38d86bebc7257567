"""Who has answered in a programme — mentees' needs, invited mentors' applications, training —
and the reminders a manager sends, in one click, to those who have not.

Reads come from the apps below; the one write (sending reminders) goes through their domain
functions: ``mentoring.reminders.deliver_once`` (at most one e-mail per person, kind and day,
opt-outs respected), ``programmes.invitations.send_invitation`` (needs and applications: the
invitation again, with a fresh link that works) and ``training.domain.send_training_reminder``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.audit.events import Event, record
from rementor.mentoring import reminders
from rementor.mentoring.models import ReminderLog, ReminderOptOut
from rementor.people.queries import is_reachable, name_order
from rementor.programmes.invitations import send_invitation
from rementor.programmes.models import (
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    Role,
)
from rementor.skills.models import Assessment, AssessmentKind
from rementor.training.domain import send_training_reminder
from rementor.training.queries import TRAINEE_STATUSES, finished_condition, progress_of

NEEDS = "needs"
APPLICATIONS = "applications"
TRAINING = "training"
SECTIONS = (NEEDS, APPLICATIONS, TRAINING)

# The reminder kinds of ``ReminderLog``: training shares the daily reminders' kind, so that
# someone who stopped training reminders does not receive this one either.
REMINDER_KINDS = {NEEDS: "needs", APPLICATIONS: "application", TRAINING: reminders.TRAINING}

# Mentees asked for their needs (not those who declined or withdrew).
MENTEE_STATUSES = (EnrollmentStatus.INVITED, EnrollmentStatus.ACCEPTED, EnrollmentStatus.COMPLETED)
# Needs can be given until pairs run (the baseline is then the reference; see skills).
NEEDS_OPEN = (ProgrammeStatus.DRAFT, ProgrammeStatus.RECRUITING, ProgrammeStatus.MATCHING)


@dataclass(frozen=True)
class Row:
    """One person of a section: their enrolment, whether and when they answered, and (for
    training) their progress."""

    enrollment: Enrollment
    answered: bool
    answered_at: dt.datetime | None = None
    invited: bool = True
    progress: object = None


@dataclass
class Section:
    """One section of the page, as queries: the page shows one slice of ``people`` (``rows_of``
    turns it into rows), and the reminder goes to all of ``waiting``; nothing here loads
    everyone, so the page costs the same few queries at 50 people or 50,000."""

    key: str
    programme: Programme
    # Everyone of the section, those who have not answered first, then by name.
    people: QuerySet[Enrollment]
    # "n of total have answered": total counts those asked (for mentors: those invited).
    answered: int
    total: int
    # Who has not answered and could still answer now (the reminder's recipients).
    waiting: QuerySet[Enrollment]
    # Why nobody can be reminded now (the programme's status), or None.
    closed_reason: str | None = None
    # Mentors only: candidates who applied without an invitation.
    uninvited: int = 0

    def rows_of(self, enrollments: Iterable[Enrollment]) -> list[Row]:
        """The rows of ``enrollments`` (a page of ``people``): for training, two more queries."""
        enrollments = list(enrollments)
        if self.key == NEEDS:
            return [Row(e, e.given_at is not None, e.given_at) for e in enrollments]
        if self.key == APPLICATIONS:
            return [
                Row(
                    e,
                    e.status != EnrollmentStatus.INVITED,
                    e.applied_at,
                    e.invited_at is not None or e.status == EnrollmentStatus.INVITED,
                )
                for e in enrollments
            ]
        return [
            Row(p.enrollment, p.finished, progress=p)
            for p in progress_of(enrollments, self.programme)
        ]

    @property
    def rows(self) -> list[Row]:
        """Every row of the section (for a script or a test; the page shows a slice)."""
        return self.rows_of(self.people)


PEOPLE = ("person", "person__department", "person__user")


def _needs(programme: Programme) -> Section:
    given = Assessment.objects.filter(
        enrollment=OuterRef("pk"), kind=AssessmentKind.BASELINE, submitted_at__isnull=False
    ).values("submitted_at")[:1]
    mentees = (
        Enrollment.objects.filter(programme=programme, role=Role.MENTEE, status__in=MENTEE_STATUSES)
        .select_related(*PEOPLE)
        .annotate(given_at=Subquery(given))
        .order_by(F("given_at").asc(nulls_first=True), *name_order("person"))
    )
    counts = mentees.aggregate(total=Count("pk"), answered=Count("given_at"))
    section = Section(
        NEEDS, programme, mentees, counts["answered"], counts["total"], Enrollment.objects.none()
    )
    if programme.status in NEEDS_OPEN:
        section.waiting = mentees.filter(given_at__isnull=True)
    else:
        section.closed_reason = _("The pairs are formed: needs can no longer be given.")
    return section


def _applications(programme: Programme) -> Section:
    invited = Q(invited_at__isnull=False) | Q(status=EnrollmentStatus.INVITED)
    not_yet = Q(status=EnrollmentStatus.INVITED)
    mentors = (
        Enrollment.objects.filter(programme=programme, role=Role.MENTOR)
        # Someone who applied on their own and withdrew leaves no trace for managers.
        .exclude(Q(status=EnrollmentStatus.WITHDRAWN) & ~invited)
        .select_related(*PEOPLE)
        .annotate(applied_at=F("application__submitted_at"))
    )
    counts = mentors.aggregate(
        total=Count("pk", filter=invited),
        answered=Count("pk", filter=invited & ~not_yet),
        uninvited=Count("pk", filter=~invited),
    )
    # Those not yet first (0), then by name.
    first = Case(When(not_yet, then=Value(0)), default=Value(1))
    section = Section(
        APPLICATIONS,
        programme,
        mentors.order_by(first, *name_order("person")),
        counts["answered"],
        counts["total"],
        Enrollment.objects.none(),
        uninvited=counts["uninvited"],
    )
    if programme.status == ProgrammeStatus.RECRUITING:
        section.waiting = mentors.filter(not_yet).order_by(*name_order("person"))
    else:
        section.closed_reason = _(
            "The programme is not recruiting: invited mentors cannot apply now."
        )
    return section


def _training(programme: Programme) -> Section:
    finished = finished_condition([programme.pk])
    trainees = Enrollment.objects.filter(
        programme=programme, status__in=TRAINEE_STATUSES
    ).select_related(*PEOPLE)
    counts = trainees.aggregate(total=Count("pk"), answered=Count("pk", filter=finished))
    # Those not finished first (0), then by name, mentees before mentors of the same name.
    first = Case(When(finished, then=Value(1)), default=Value(0))
    people = trainees.alias(first=first).order_by(
        "first", "person__last_name", "person__first_name", "role", *name_order("person")
    )
    section = Section(
        TRAINING, programme, people, counts["answered"], counts["total"], Enrollment.objects.none()
    )
    if programme.status == ProgrammeStatus.CLOSED:
        section.closed_reason = _("The programme is closed.")
    else:
        section.waiting = people.exclude(finished).filter(status=EnrollmentStatus.ACCEPTED)
    return section


_BUILDERS = {NEEDS: _needs, APPLICATIONS: _applications, TRAINING: _training}


def section_of(*, programme: Programme, key: str) -> Section:
    """One section of the answers page (``key``: needs, applications or training)."""
    return _BUILDERS[key](programme)


def sections_of(*, programme: Programme) -> dict[str, Section]:
    """The three sections, in page order."""
    return {key: section_of(programme=programme, key=key) for key in SECTIONS}


def today_key(*, programme: Programme, today: dt.date | None = None) -> str:
    """The ``ReminderLog`` key: one reminder per programme, person, kind and day."""
    today = today or timezone.localdate()
    return f"programme:{programme.pk}:day:{today.isoformat()}"


@dataclass
class ReminderCounts:
    """Who a reminder goes to, or went to: the counts the page and the audit trail show."""

    sent: int = 0
    already_today: int = 0
    opted_out: int = 0
    unreachable: int = 0

    @property
    def asked(self) -> int:
        return self.sent + self.already_today + self.opted_out + self.unreachable

    def count(self, outcome: str) -> None:
        """Add what ``reminders.deliver_once`` answered for one person."""
        if outcome == reminders.SENT:
            self.sent += 1
        elif outcome == reminders.ALREADY_SENT:
            self.already_today += 1
        else:
            self.opted_out += 1


def _recipients(enrollments: Iterable[Enrollment]) -> tuple[list, int]:
    """(enrolment, account) pairs that may be e-mailed, and how many may not."""
    enrollments = list(enrollments)
    out = []
    for enrollment in enrollments:
        user = getattr(enrollment.person, "user", None)
        if is_reachable(user) and user.email:
            out.append((enrollment, user))
    return out, len(enrollments) - len(out)


# ``_recipients`` as a condition on enrolments: an open account with an address, of someone
# still in the company (``is_reachable``).
REACHABLE = Q(person__user__is_active=True, person__is_active=True) & ~Q(person__user__email="")


def reminder_preview(
    *, programme: Programme, section: Section, today: dt.date | None = None
) -> ReminderCounts:
    """What a click on the section's reminder button would do now (``sent``: how many people
    would get an e-mail). One query whatever the number of people: the same people as
    ``send_reminders`` e-mails, counted in the database."""
    kind = REMINDER_KINDS[section.key]
    opted = Exists(ReminderOptOut.objects.filter(kind=kind, user=OuterRef("person__user")))
    done = Exists(
        ReminderLog.objects.filter(
            kind=kind,
            key=today_key(programme=programme, today=today),
            user=OuterRef("person__user"),
        )
    )
    counts = section.waiting.order_by().aggregate(
        everyone=Count("pk"),
        reachable=Count("pk", filter=REACHABLE),
        opted_out=Count("pk", filter=REACHABLE & Q(opted)),
        already_today=Count("pk", filter=REACHABLE & ~Q(opted) & Q(done)),
    )
    return ReminderCounts(
        sent=counts["reachable"] - counts["opted_out"] - counts["already_today"],
        already_today=counts["already_today"],
        opted_out=counts["opted_out"],
        unreachable=counts["everyone"] - counts["reachable"],
    )


def _sender(key: str, enrollment: Enrollment, user, base_url: str, progress):
    if key == TRAINING:
        return partial(send_training_reminder, progress=progress, user=user, base_url=base_url)
    return partial(
        send_invitation, enrollment=enrollment, user=user, base_url=base_url, reminder=True
    )


@transaction.atomic
def send_reminders(
    *, programme: Programme, key: str, by, base_url: str, today: dt.date | None = None
) -> ReminderCounts:
    """E-mail everyone of section ``key`` who has not answered and still can, in their
    language, at most once a day per person and kind; returns the counts (sent, already
    reminded today, opted out, not reachable) and records them in the audit trail.

    Mails leave once the transaction commits, so a failure sends nothing and logs nothing.
    Refused (``ValidationError``) when nobody of the section can answer now.
    """
    section = section_of(programme=programme, key=key)
    if section.closed_reason:
        raise ValidationError(section.closed_reason, code="closed")
    kind = REMINDER_KINDS[key]
    day_key = today_key(programme=programme, today=today)
    recipients, unreachable = _recipients(section.waiting)
    progress = {}
    if key == TRAINING:
        # Each reminder names the modules left: two queries for all of them.
        enrollments = [enrollment for enrollment, _user in recipients]
        progress = {p.enrollment.pk: p for p in progress_of(enrollments, programme)}
    counts = ReminderCounts(unreachable=unreachable)
    for enrollment, user in recipients:
        send = _sender(key, enrollment, user, base_url, progress.get(enrollment.pk))
        outcome = reminders.deliver_once(
            kind=kind,
            key=day_key,
            user=user,
            send=partial(transaction.on_commit, send),
        )
        counts.count(outcome)
    record(
        event=Event.REMINDERS_SENT,
        actor=by,
        target=programme,
        details={
            "section": key,
            "sent": counts.sent,
            "already_today": counts.already_today,
            "opted_out": counts.opted_out,
            "unreachable": counts.unreachable,
        },
    )
    return counts
