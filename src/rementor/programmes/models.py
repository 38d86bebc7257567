"""The programme — the root object every later feature hangs off — and enrolments."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rementor.core.dates import check_day, years_after
from rementor.core.languages import validate_language_codes
from rementor.core.slots import validate_slots


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("programme status", "Draft")
    RECRUITING = "recruiting", pgettext_lazy("programme status", "Recruiting")
    MATCHING = "matching", pgettext_lazy("programme status", "Matching")
    RUNNING = "running", pgettext_lazy("programme status", "Running")
    CLOSED = "closed", pgettext_lazy("programme status", "Closed")


# The only legal moves. Going back from matching to recruiting lets a manager reopen
# applications when too few mentors were approved; a closed programme may run again only
# within REOPEN_DAYS of its closing (``domain.change_programme_status`` checks the date).
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ProgrammeStatus.DRAFT: (ProgrammeStatus.RECRUITING,),
    ProgrammeStatus.RECRUITING: (ProgrammeStatus.MATCHING, ProgrammeStatus.DRAFT),
    ProgrammeStatus.MATCHING: (ProgrammeStatus.RUNNING, ProgrammeStatus.RECRUITING),
    ProgrammeStatus.RUNNING: (ProgrammeStatus.CLOSED,),
    ProgrammeStatus.CLOSED: (ProgrammeStatus.RUNNING,),
}

# How long after closing a manager may still reopen a programme (a closing by mistake).
REOPEN_DAYS = 30


class MentorApplications(models.TextChoices):
    """Who may apply to mentor in a programme."""

    OPEN = "open", _("Everyone in the company")
    INVITED = "invited", _("Invited people only")


class VideoTool(models.TextChoices):
    """How a programme's pairs meet by video: the link shown on the session page, in the
    invitation and in the calendar feed."""

    NONE = "none", _("No video tool: pairs say where they meet")
    LINK = "link", _("A link typed for each session (Teams, Zoom, Meet…)")
    JITSI = "jitsi", _("A Jitsi room made for each session")


class Lead(models.TextChoices):
    """Who owns a pair's relationship: plans the next session and sets its agenda (PwC's
    programmes are led by the junior mentor, BNY's by the senior mentee; issue 17)."""

    MENTOR = "mentor", _("Mentor-led: the junior mentor proposes agendas and times")
    MENTEE = "mentee", _("Mentee-led: the senior mentee schedules and sets the agenda")


# The dates a programme may have (the form's help texts say so): it starts on 1 January 2000
# or later and at most five years from today, and lasts at most three years.
EARLIEST_START = dt.date(2000, 1, 1)
YEARS_AHEAD = 5
LONGEST_YEARS = 3


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name (in addresses)"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    # A new programme is invitation-only: nothing is announced to the whole company until the
    # manager decides to open the call (existing programmes kept the open call they had).
    mentor_applications = models.CharField(
        _("who may apply to mentor"),
        max_length=10,
        choices=MentorApplications.choices,
        default=MentorApplications.INVITED,
        help_text=_(
            "Everyone: any employee sees “Become a mentor” while the programme recruits. "
            "Invited only: only the people you invite as mentors can apply."
        ),
    )
    cadence_weeks = models.PositiveSmallIntegerField(
        _("weeks between sessions"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    session_minutes = models.PositiveSmallIntegerField(
        _("session length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(240)],
    )
    video_tool = models.CharField(
        _("video calls"),
        max_length=10,
        choices=VideoTool.choices,
        default=VideoTool.NONE,
        help_text=_(
            "A Jitsi room is a private address made at random for each session: nothing to "
            "install, and nobody can guess it."
        ),
    )
    lead = models.CharField(
        _("who leads each pair"),
        max_length=10,
        choices=Lead.choices,
        default=Lead.MENTOR,
        help_text=_(
            "The one who leads is asked to plan the next session; both see it on their pair page."
        ),
    )
    # Off by default: single sign-on admits only the people HR imported (rementor.sso).
    sso_self_registration = models.BooleanField(
        _("colleagues not yet imported may join through single sign-on"),
        default=False,
        help_text=_(
            "While the programme recruits, a colleague who signs in with the company account "
            "but is missing from the HR import gets a Rementor account instead of a refusal."
        ),
    )
    # Off for the programmes that existed before it: their pairs went live when published.
    pair_consent = models.BooleanField(
        _("both members accept their pair"),
        default=False,
        help_text=_(
            "When ticked, a published run proposes each pair: the mentor and the mentee see "
            "who they are paired with and why, and the pair goes live only when both accept."
        ),
    )
    consent_days = models.PositiveSmallIntegerField(
        _("days to answer a proposed pair"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    # The role swap (issue 17): off by default. When on, once a pair has held
    # ``reciprocal_after_sessions`` sessions, the senior mentors the junior for
    # ``reciprocal_sessions`` sessions on a topic the junior chooses.
    reciprocal_phase = models.BooleanField(
        _("end with a reciprocal phase"),
        default=False,
        help_text=_(
            "When ticked, each pair swaps roles after a number of sessions: the senior "
            "mentors the junior on a topic the junior chooses (career, leadership, business "
            "understanding…)."
        ),
    )
    reciprocal_after_sessions = models.PositiveSmallIntegerField(
        _("sessions held before the roles swap"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    reciprocal_sessions = models.PositiveSmallIntegerField(
        _("sessions in the reciprocal phase"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    # Group reverse mentoring (issue 17): off by default. When on, managers may gather a
    # mentor's pairs into a group (a "reverse advisory board") that meets as one.
    group_mentoring = models.BooleanField(
        _("allow group mentoring"),
        default=False,
        help_text=_(
            "When ticked, managers can gather a mentor's pairs into a group that meets "
            "together, with a shared group note. Each mentee keeps their own pair."
        ),
    )
    default_mentor_capacity = models.PositiveSmallIntegerField(
        _("mentees per mentor by default"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    max_mentor_capacity = models.PositiveSmallIntegerField(
        _("most mentees a mentor may take"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Raise it only if some mentors really have the time."),
    )
    reporting_line_depth = models.PositiveSmallIntegerField(
        _("reporting-line exclusion depth"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "A mentor is never paired with someone this many levels above or below them "
            "in the same reporting line."
        ),
    )
    languages = models.JSONField(_("languages"), default=list, validators=[validate_language_codes])
    # How mentor candidates are scored (the brief's three criteria); relative weights.
    weight_expertise = models.PositiveSmallIntegerField(
        _("weight of technical expertise"), default=50, validators=[MaxValueValidator(100)]
    )
    weight_communication = models.PositiveSmallIntegerField(
        _("weight of communication"), default=30, validators=[MaxValueValidator(100)]
    )
    weight_willingness = models.PositiveSmallIntegerField(
        _("weight of willingness to share"), default=20, validators=[MaxValueValidator(100)]
    )
    # The matching weights the manager last used (empty: the engine's documented defaults).
    match_weights = models.JSONField(_("matching weights"), default=dict, blank=True)
    skills = models.ManyToManyField(
        "skills.Skill", verbose_name=_("skills in focus"), blank=True, related_name="programmes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="programme_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(default_mentor_capacity__lte=models.F("max_mentor_capacity")),
                name="programme_default_capacity_within_max",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ProgrammeStatus]),
                name="programme_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(mentor_applications__in=[m.value for m in MentorApplications]),
                name="programme_mentor_applications_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = self._date_errors()
        if (
            self.default_mentor_capacity
            and self.max_mentor_capacity
            and self.default_mentor_capacity > self.max_mentor_capacity
        ):
            errors["default_mentor_capacity"] = _(
                "The default cannot exceed the most mentees a mentor may take (%(max)s)."
            ) % {"max": self.max_mentor_capacity}
        if errors:
            raise ValidationError(errors)

    def _date_errors(self) -> dict[str, ValidationError]:
        errors: dict[str, ValidationError] = {}
        start, end = self.start_date, self.end_date
        latest_start = years_after(timezone.localdate(), YEARS_AHEAD)
        if isinstance(start, dt.date):
            try:
                check_day(
                    start, field=self._label("start_date"), first=EARLIEST_START, last=latest_start
                )
            except ValidationError as error:
                errors["start_date"] = error
        if isinstance(end, dt.date):
            if "start_date" in errors or not isinstance(start, dt.date):
                first, last = EARLIEST_START, years_after(latest_start, LONGEST_YEARS)
            elif end < start:
                errors["end_date"] = ValidationError(
                    _("The programme cannot end before it starts.")
                )
                return errors
            else:
                first, last = start, years_after(start, LONGEST_YEARS)
            try:
                check_day(end, field=self._label("end_date"), first=first, last=last)
            except ValidationError as error:
                errors["end_date"] = error
        return errors

    @classmethod
    def _label(cls, name: str) -> str:
        return capfirst(cls._meta.get_field(name).verbose_name)

    @property
    def lead_role(self) -> str:
        """ "mentor" or "mentee": the member of each pair who plans the next session."""
        return Lead.MENTEE if self.lead == Lead.MENTEE else Lead.MENTOR

    @property
    def is_open_to_all_mentors(self) -> bool:
        return self.mentor_applications == MentorApplications.OPEN

    @property
    def starts_later(self) -> bool:
        """Its start date has not come yet (running now means starting early)."""
        return self.start_date > timezone.localdate()

    @property
    def ends_later(self) -> bool:
        """Its end date has not come yet (closing now means closing early)."""
        return self.end_date > timezone.localdate()


class ProgrammeStatusChange(models.Model):
    """Who moved the programme along its workflow, and when (a move from closed to running
    is a reopening)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=ProgrammeStatus.choices)
    to_status = models.CharField(max_length=20, choices=ProgrammeStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme}: {self.from_status} → {self.to_status}"

    @property
    def is_reopening(self) -> bool:
        return self.from_status == ProgrammeStatus.CLOSED


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class EnrollmentStatus(models.TextChoices):
    INVITED = "invited", pgettext_lazy("enrolment status", "Invited")
    APPLIED = "applied", pgettext_lazy("enrolment status", "Applied")
    ACCEPTED = "accepted", pgettext_lazy("enrolment status", "Accepted")
    DECLINED = "declined", pgettext_lazy("enrolment status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("enrolment status", "Withdrawn")
    COMPLETED = "completed", pgettext_lazy("enrolment status", "Completed")


class Pace(models.TextChoices):
    STEADY = "steady", _("Steady")
    INTENSIVE = "intensive", _("Intensive")


class Style(models.TextChoices):
    HANDS_ON = "hands_on", _("Hands-on practice")
    DEMONSTRATION = "demonstration", _("Demonstration")
    DISCUSSION = "discussion", _("Discussion")


class Mode(models.TextChoices):
    REMOTE = "remote", _("Remote")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class Enrollment(models.Model):
    """A person's part in one programme: at most one per person and programme."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="enrollments"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.INVITED,
    )
    # Only meaningful for mentors; null means "the programme's default".
    capacity = models.PositiveSmallIntegerField(
        _("mentee capacity"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    # Learning preferences (the brief's "cultural differences") and weekly availability.
    pace = models.CharField(_("preferred pace"), max_length=20, choices=Pace.choices, blank=True)
    style = models.CharField(_("preferred style"), max_length=20, choices=Style.choices, blank=True)
    mode = models.CharField(_("meeting mode"), max_length=20, choices=Mode.choices, blank=True)
    slots = models.JSONField(
        _("weekly availability"), default=list, blank=True, validators=[validate_slots]
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [
            "programme",
            "role",
            "person__sort_name",
            "person__last_name",
            "person__first_name",
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"], name="one_enrollment_per_person_and_programme"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="enrollment_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["programme", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} — {self.programme}"

    @property
    def effective_capacity(self) -> int:
        return self.capacity or self.programme.default_mentor_capacity
