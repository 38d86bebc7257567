"""Who takes part and what they asked for: the participants and their needs.

``participants``: one row per enrolment, with where each person stands (training, needs,
mentor application, pair), in one query whatever the programme's size. ``needs``: one row per
mentee, the baseline self-assessment's current level, target and priority per skill, in three
queries (the skills, the mentees, their answers).

Never exported here: the mentee's wishes, a mentor's motivation, evidence, reviews or the
reasons given for a decision — free text stays in the application; only dates and statuses
leave.
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rementor.analytics.exports.tables import Table, full_name, local_date, name_in_language
from rementor.matching.models import Pair, PairStatus
from rementor.people.queries import name_order
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.selection.models import Decision, MentorDecision
from rementor.skills.models import Assessment, AssessmentItem, AssessmentKind, Skill
from rementor.training.models import Audience, TrainingCompletion, TrainingModule

# A mentee who withdrew or was declined has no needs the programme answers any more.
_NOT_TAKING_PART = (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.DECLINED)


def _count(queryset, group: str) -> Coalesce:
    """How many rows of ``queryset`` (already tied to the outer enrolment), as a subquery."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _needs_given() -> Subquery:
    """When the outer enrolment submitted its baseline self-assessment (None: not yet)."""
    return Subquery(
        Assessment.objects.filter(
            enrollment=OuterRef("pk"), kind=AssessmentKind.BASELINE, submitted_at__isnull=False
        ).values("submitted_at")[:1]
    )


def _application_label(
    role: str, application: int | None, submitted, decided, decision: str | None
) -> str:
    """Where a mentor's application stands; empty for a mentee."""
    if role != Role.MENTOR:
        return ""
    if application is None:
        return pgettext("mentor application", "None")
    if decided and decision:
        return str(Decision(decision).label)
    if submitted:
        return pgettext("mentor application", "Submitted, awaiting a decision")
    return pgettext("mentor application", "Started, not submitted")


def participants(*, programme: Programme) -> Table:
    """Every enrolment of the programme: person, role, status, department, training modules
    done and asked for, the date the needs were given (mentees), where the application stands
    (mentors) and the status of the latest pair. One query."""
    modules = TrainingModule.objects.filter(programme=programme, is_published=True).filter(
        Q(audience=Audience.BOTH) | Q(audience=OuterRef("role"))
    )
    done = TrainingCompletion.objects.filter(
        enrollment=OuterRef("pk"), module__programme=programme, module__is_published=True
    ).filter(Q(module__audience=Audience.BOTH) | Q(module__audience=OuterRef("role")))
    decision = Subquery(
        MentorDecision.objects.filter(application__enrollment=OuterRef("pk"))
        .order_by("-decided_at", "-pk")
        .values("decision")[:1]
    )
    pair_status = Subquery(
        Pair.objects.filter(Q(mentee=OuterRef("pk")) | Q(mentor=OuterRef("pk")))
        .order_by("-created_at", "-pk")
        .values("status")[:1]
    )
    rows = (
        Enrollment.objects.filter(programme=programme)
        .annotate(
            modules_done=_count(done, "enrollment"),
            modules_total=_count(modules, "programme"),
            needs_given=_needs_given(),
            decision=decision,
            pair_status=pair_status,
        )
        .order_by("role", *name_order("person"))
        .values_list(
            "person__first_name",
            "person__last_name",
            "role",
            "status",
            "person__department__name",
            "modules_done",
            "modules_total",
            "needs_given",
            "application__pk",
            "application__submitted_at",
            "application__decided_at",
            "decision",
            "pair_status",
        )
    )
    roles = dict(Role.choices)
    statuses = dict(EnrollmentStatus.choices)
    pair_statuses = dict(PairStatus.choices)
    return Table(
        name="participants",
        title=_("Participants"),
        header=[
            _("Person"),
            _("Role"),
            _("Enrolment status"),
            _("Department"),
            _("Training modules done"),
            _("Training modules to do"),
            _("Needs given on"),
            _("Mentor application"),
            _("Pair status"),
        ],
        rows=[
            [
                full_name(first, last),
                str(roles.get(role, role)),
                str(statuses.get(status, status)),
                department or "",
                done_count,
                total,
                local_date(given) if role == Role.MENTEE else None,
                _application_label(role, application, submitted, decided, decided_as),
                str(pair_statuses.get(pair, pair)) if pair else pgettext("pair", "No pair"),
            ]
            for (
                first,
                last,
                role,
                status,
                department,
                done_count,
                total,
                given,
                application,
                submitted,
                decided,
                decided_as,
                pair,
            ) in rows
        ],
    )


def needs(*, programme: Programme) -> Table:
    """One row per mentee taking part (withdrawn and declined ones left out) with the date
    the baseline was submitted and, for each skill, the current level (0-4), the target
    (0-4) and the priority (0-3); empty cells when the needs are not given yet. Three
    queries: the skills (the programme's, and any other one a mentee answered), the
    mentees, their answers."""
    items = AssessmentItem.objects.filter(
        assessment__enrollment__programme=programme,
        assessment__enrollment__role=Role.MENTEE,
        assessment__kind=AssessmentKind.BASELINE,
        assessment__submitted_at__isnull=False,
    ).exclude(assessment__enrollment__status__in=_NOT_TAKING_PART)
    skills = list(
        Skill.objects.filter(
            Q(programmes=programme, is_active=True) | Q(pk__in=items.values("skill_id"))
        )
        .distinct()
        .values_list("pk", "name_fr", "name_en")
    )
    mentees = (
        Enrollment.objects.filter(programme=programme, role=Role.MENTEE)
        .exclude(status__in=_NOT_TAKING_PART)
        .annotate(needs_given=_needs_given())
        .order_by(*name_order("person"))
        .values_list(
            "pk",
            "person__first_name",
            "person__last_name",
            "person__department__name",
            "needs_given",
        )
    )
    answers = {
        (enrollment, skill): (level, target, priority)
        for enrollment, skill, level, target, priority in items.values_list(
            "assessment__enrollment_id", "skill_id", "level", "target", "priority"
        )
    }
    header = [_("Mentee"), _("Department"), _("Needs given on")]
    for _pk, name_fr, name_en in skills:
        name = name_in_language(name_fr, name_en)
        header += [
            _("%(skill)s: current level") % {"skill": name},
            _("%(skill)s: target") % {"skill": name},
            _("%(skill)s: priority") % {"skill": name},
        ]
    rows = []
    for pk, first, last, department, given in mentees:
        row: list[object] = [full_name(first, last), department or "", local_date(given)]
        for skill, _fr, _en in skills:
            row += list(answers.get((pk, skill), (None, None, None)))
        rows.append(row)
    return Table(name="needs", title=_("Needs"), header=header, rows=rows)
