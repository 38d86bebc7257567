"""The retention rule, applied by ``python -m rementor purge``.

1. A programme closed more than ``RM_RETENTION_MONTHS`` months ago (the date it moved to
   *closed*, or its end date when that move was not recorded) keeps only its figures:
   enrolments (role, status), assessment levels, pairs (existence, dates, status), session
   dates, durations and statuses, pulse and check-in scores, objective statuses and progress,
   training completions. Every text typed in it is cleared — session notes, agendas,
   places and video call links, private notes and the pairs' messages (deleted), charters,
   the topic a junior chose for the role swap in their own words,
   objectives and tasks, pulse and check-in comments, ideas (and what changed when one was
   adopted; the adoption's date stays, for the figures), concerns, mentor applications,
   reviews and decision reasons, assessment wishes and evidence.
2. A participant whose programmes are ALL past retention is then anonymised like an erasure
   (:func:`rementor.privacy.erasure.anonymise_person`). Programme managers and sponsors are
   staff accounts: they are left alone.
3. Private notes and messages of pairs that ended (completed or ended early) more than
   ``RM_PRIVATE_NOTES_DAYS`` days ago are deleted, whatever the programme's status: a pair's
   thread is its private data.

Running it twice does nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from rementor.circles.models import Circle
from rementor.matching.models import CLOSED as CLOSED_PAIR_STATUSES
from rementor.matching.models import Pair
from rementor.mentoring.models import (
    Concern,
    GroupObjective,
    Idea,
    MentoringGroup,
    MentoringSession,
    MessageThreadState,
    ObjectiveChange,
    PairCharter,
    PairMessage,
    PracticeTask,
    PrivateNote,
    ReciprocalPhase,
)
from rementor.people.models import Person
from rementor.privacy.erasure import anonymise_person, placeholder_text, scrub_free_texts
from rementor.privacy.models import Erasure, ErasureCause, ProgrammePurge
from rementor.programmes.models import Programme, ProgrammeStatus


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """``moment`` minus whole calendar months (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    days = [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@dataclass
class PurgeReport:
    """What a purge did (or would do): counts per kind of record, never any content."""

    programmes: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def is_empty(self) -> bool:
        return not self.programmes and not any(self.counts.values())


def closing_dates() -> dict[int, dt.datetime]:
    """When each closed programme closed: its recorded move to *closed*, else its end date."""
    recorded = dict(
        Programme.objects.filter(status=ProgrammeStatus.CLOSED)
        .annotate(closed_at=Max("history__changed_at", filter=Q(history__to_status="closed")))
        .values_list("pk", "closed_at")
    )
    dates = {}
    for programme in Programme.objects.filter(pk__in=recorded).only("pk", "end_date"):
        closed_at = recorded[programme.pk]
        if closed_at is None:
            closed_at = dt.datetime.combine(
                programme.end_date, dt.time.max, tzinfo=timezone.get_current_timezone()
            )
        dates[programme.pk] = closed_at
    return dates


def programmes_past_retention(*, now: dt.datetime) -> list[Programme]:
    cutoff = months_before(now, settings.RM_RETENTION_MONTHS)
    past = [pk for pk, closed_at in closing_dates().items() if closed_at < cutoff]
    return list(Programme.objects.filter(pk__in=past).order_by("pk"))


def purge(*, dry_run: bool, now: dt.datetime | None = None) -> PurgeReport:
    """Apply the retention rule (module docstring). With ``dry_run`` everything is done in a
    transaction that is rolled back, so the report says exactly what a real run would do."""
    now = now or timezone.now()
    report = PurgeReport()
    with transaction.atomic():
        past = programmes_past_retention(now=now)
        already = set(ProgrammePurge.objects.values_list("programme_id", flat=True))
        past_ids = {p.pk for p in past}
        # Private notes first, so that those of people anonymised below are counted here.
        notes_cutoff = now - dt.timedelta(days=settings.RM_PRIVATE_NOTES_DAYS)
        ended = Pair.objects.filter(
            Q(status__in=CLOSED_PAIR_STATUSES, ended_at__lt=notes_cutoff)
            | Q(programme_id__in=past_ids)
        )
        deleted, _by_model = PrivateNote.objects.filter(session__pair__in=ended).delete()
        report.counts["private_notes"] += deleted
        deleted, _by_model = PairMessage.objects.filter(pair__in=ended).delete()
        report.counts["pair_messages"] += deleted
        MessageThreadState.objects.filter(pair__in=ended).delete()
        for programme in past:
            if programme.pk in already:
                continue
            counts = _purge_programme(programme)
            ProgrammePurge.objects.create(programme=programme, counts=counts)
            report.programmes.append(programme.name)
            report.counts["programmes"] += 1
            report.counts.update(counts)

        for person in _people_only_in(past_ids):
            anonymise_person(person=person, by=None, cause=ErasureCause.RETENTION)
            report.counts["people"] += 1

        if dry_run:
            transaction.set_rollback(True)
    report.counts = Counter({k: v for k, v in report.counts.items() if v})
    return report


def _people_only_in(programme_ids: set[int]):
    """Participants of these programmes enrolled nowhere else, not yet erased, not staff."""
    if not programme_ids:
        return Person.objects.none()
    return (
        Person.objects.filter(enrollments__programme_id__in=programme_ids)
        .exclude(enrollments__in=_enrolments_outside(programme_ids))
        .exclude(pk__in=Erasure.objects.values("person_id"))
        .exclude(Q(user__is_programme_manager=True) | Q(user__is_sponsor=True))
        .distinct()
        .order_by("pk")
    )


def _enrolments_outside(programme_ids: set[int]):
    from rementor.programmes.models import Enrollment

    return Enrollment.objects.exclude(programme_id__in=programme_ids)


def _purge_programme(programme: Programme) -> dict[str, int]:
    """Clear every text typed in ``programme`` (rule 1); counts per kind."""
    counts = Counter(scrub_free_texts(enrollments=programme.enrollments.all()))
    pairs = Pair.objects.filter(programme=programme)
    counts["session_notes"] += (
        MentoringSession.objects.filter(pair__in=pairs)
        .filter(~Q(shared_notes="") | ~Q(agenda="") | ~Q(location="") | ~Q(meeting_url=""))
        .update(shared_notes="", agenda="", location="", meeting_url="")
    )
    counts["charters"] += (
        PairCharter.objects.filter(pair__in=pairs)
        .filter(
            ~Q(confidentiality="")
            | ~Q(first_objectives="")
            | ~Q(mentee_commitments="")
            | ~Q(mentor_commitments="")
        )
        .update(
            confidentiality="", first_objectives="", mentee_commitments="", mentor_commitments=""
        )
    )
    counts["concerns"] += (
        Concern.objects.filter(pair__in=pairs)
        .filter(~Q(text="") | ~Q(resolution_note=""))
        .update(text="", resolution_note="")
    )
    idea = placeholder_text(gettext_noop("Idea"))
    counts["ideas"] += (
        Idea.objects.filter(pair__in=pairs)
        .exclude(title=idea, description="", adoption_change="")
        .update(title=idea, description="", adoption_change="")
    )
    task = placeholder_text(gettext_noop("Practice task"))
    counts["tasks"] += (
        PracticeTask.objects.filter(pair__in=pairs)
        .exclude(title=task, description="", evidence_link="", evidence_note="")
        .update(title=task, description="", evidence_link="", evidence_note="")
    )
    counts["reciprocal_topics"] += (
        ReciprocalPhase.objects.filter(pair__in=pairs).exclude(topic_text="").update(topic_text="")
    )
    ObjectiveChange.objects.filter(objective__pair__in=pairs).update(reason="", before={}, after={})
    group_objective = placeholder_text(gettext_noop("Objective"))
    counts["group_objectives"] += (
        GroupObjective.objects.filter(group__programme=programme)
        .exclude(title=group_objective)
        .update(title=group_objective)
    )
    # Group notes go like the pairs' session notes; the groups themselves stay (no text).
    counts["group_notes"] += (
        MentoringGroup.objects.filter(programme=programme)
        .exclude(shared_note="")
        .update(shared_note="", note_updated_by=None)
    )
    # Circles (members, meetings, notes, attendance) go with the programme's typed texts.
    by_model = Circle.objects.filter(programme=programme).delete()[1]
    counts["circles"] += by_model.get("circles.Circle", 0)
    return {k: v for k, v in counts.items() if v}
