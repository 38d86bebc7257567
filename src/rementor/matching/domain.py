"""The one adapter between Rementor and ``matchengine``: runs, overrides, publication.

Views, the API and the ``match`` command all call these keyword-only functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import matchengine
from rementor.audit.events import Event, acted_by, record
from rementor.core.links import site_root
from rementor.matching.instance import (
    build_instance,
    key_to_person_id,
    leavers,
    person_key,
)
from rementor.matching.models import (
    DEFAULT_WEIGHTS,
    OCCUPYING,
    MatchRun,
    OverrideKind,
    Pair,
    PairOverride,
    PairProposal,
    RunStatus,
)
from rementor.matching.proposals import close_expired, held_places, propose_pair
from rementor.matching.reasons import violation
from rementor.matching.signals import run_published
from rementor.matching.solving import execute_run
from rementor.matching.tasks import run_match
from rementor.people.queries import has_left, left_company
from rementor.programmes.domain import change_programme_status
from rementor.programmes.models import Enrollment, Programme, ProgrammeStatus, Role

ENGINE_VERSION = getattr(matchengine, "__version__", "1")


def clean_weights(weights: dict[str, float] | None) -> dict[str, float]:
    """Keep the four documented terms; refuse negative weights or an all-zero set."""
    merged = {**DEFAULT_WEIGHTS, **(weights or {})}
    cleaned = {term: float(merged[term]) for term in DEFAULT_WEIGHTS}
    if any(value < 0 for value in cleaned.values()) or sum(cleaned.values()) <= 0:
        raise ValidationError(_("Weights must be zero or more, and not all zero."))
    return cleaned


@transaction.atomic
def _create_run(*, programme: Programme, by, weights: dict[str, float]) -> MatchRun:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    instance, _people = build_instance(locked, weights=weights)
    number = (locked.match_runs.aggregate(top=Max("number"))["top"] or 0) + 1
    locked.match_weights = weights
    locked.save(update_fields=["match_weights", "updated_at"])
    return MatchRun.objects.create(
        programme=locked,
        number=number,
        created_by=by,
        weights=weights,
        instance=instance,
        left_out=leavers(locked),
        engine_version=ENGINE_VERSION,
    )


def start_match_run(
    *, programme: Programme, by, weights: dict[str, float] | None = None
) -> MatchRun:
    """Snapshot the programme's instance into a new run and queue the engine on it."""
    if programme.status == ProgrammeStatus.CLOSED:
        raise ValidationError(_("This programme is closed."))
    run = _create_run(programme=programme, by=by, weights=clean_weights(weights))
    record(event=Event.MATCH_RUN, actor=by, target=run, details={"number": run.number})
    # Queued once the run row is committed, so that a worker in another process never looks
    # for a run that does not exist yet (or never will, if an outer transaction rolls back).
    transaction.on_commit(lambda: run_match.enqueue(run_id=run.pk))
    return run


def create_run_now(
    *, programme: Programme, by, weights: dict[str, float] | None = None
) -> MatchRun:
    """Snapshot and solve at once, in this process (the command line, the demo)."""
    run = _create_run(programme=programme, by=by, weights=clean_weights(weights))
    record(event=Event.MATCH_RUN, actor=by, target=run, details={"number": run.number})
    return execute_run(run=run)


def _enrollments_in(programme: Programme, mentee: Enrollment, mentor: Enrollment) -> None:
    if (
        mentee.programme_id != programme.pk
        or mentor.programme_id != programme.pk
        or mentee.role != Role.MENTEE
        or mentor.role != Role.MENTOR
    ):
        raise ValidationError(_("This mentee and this mentor are not both in the programme."))


def _left_company(*enrollments: Enrollment) -> str:
    """Why these people cannot be paired any more, in words; "" if none of them left."""
    ids = [e.pk for e in enrollments]
    names = [
        e.person.full_name
        for e in left_company(Enrollment.objects.filter(pk__in=ids)).select_related("person")
    ]
    if not names:
        return ""
    return _("%(names)s left the company and cannot be paired any more.") % {
        "names": ", ".join(sorted(names))
    }


@acted_by
@transaction.atomic
def set_override(
    *, programme: Programme, mentee: Enrollment, mentor: Enrollment, kind: str, by
) -> PairOverride:
    """Pin a pair (replacing the mentee's previous pin) or forbid it."""
    _enrollments_in(programme, mentee, mentor)
    if kind == OverrideKind.PIN:
        gone = _left_company(mentee, mentor)
        if gone:
            raise ValidationError(gone)
        PairOverride.objects.filter(
            programme=programme, mentee=mentee, kind=OverrideKind.PIN
        ).delete()
        problem = violation_for(programme=programme, mentee=mentee, mentor=mentor)
        if problem:
            raise ValidationError(_("This pair cannot be pinned: %(why)s") % {"why": problem})
    override, _created = PairOverride.objects.update_or_create(
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        defaults={"kind": kind, "created_by": by},
    )
    return override


@acted_by
@transaction.atomic
def remove_override(*, override: PairOverride, by) -> None:
    override.delete()


def violation_for(*, programme: Programme, mentee: Enrollment, mentor: Enrollment) -> str | None:
    """The hard constraint a pair would break, in words; None when the pair is allowed."""
    mentee_person, mentor_person = mentee.person, mentor.person
    instance, _people = build_instance(programme)
    keys = [person_key(mentee_person.pk), person_key(mentor_person.pk)]
    problem = matchengine.load_instance(
        {
            **instance,
            "pinned": [],
            "forbidden": [pair for pair in instance["forbidden"] if pair == keys],
            "mentees": [_entry(instance, "mentees", mentee, programme)],
            "mentors": [_entry(instance, "mentors", mentor, programme)],
        }
    )
    found = matchengine.why_not(problem, person_key(mentee_person.pk), person_key(mentor_person.pk))
    return violation(found) if found else None


def _entry(instance: dict, side: str, enrollment: Enrollment, programme: Programme) -> dict:
    key = person_key(enrollment.person_id)
    for entry in instance[side]:
        if entry["id"] == key:
            return entry
    # Not currently matchable (already paired, no baseline yet...): describe them anyway.
    from rementor.matching.instance import _chains, _common

    chain = _chains([enrollment.person_id], programme.reporting_line_depth)[enrollment.person_id]
    entry = _common(enrollment, programme, chain)
    return {**entry, "capacity": 1} if side == "mentors" else entry


@dataclass
class PublishReport:
    created: list[Pair]
    skipped: list[str]
    # With consent to the pair (``Programme.pair_consent``): what was proposed instead.
    proposed: list[PairProposal] = field(default_factory=list)


@acted_by
def publish_run(*, run: MatchRun, by, start_programme: bool = False) -> PublishReport:
    """Turn a finished run's proposals into pairs and tell both members.

    Idempotent: pairs that already exist are kept, people paired since the run are skipped
    (with the reason). The database constraints stop anyone being paired twice even when two
    managers publish at the same moment. Refused as a whole (nothing written, nobody told) if
    a proposed pair's member left the company since the run: the run is stale, and its
    partner should be matched again with the others, so the manager runs the matching again.
    """
    if run.status != RunStatus.DONE:
        raise ValidationError(_("Only a finished run can be published."))
    if run.programme.status == ProgrammeStatus.CLOSED:
        raise ValidationError(_("This programme is closed."))
    proposals = [
        (key_to_person_id(p["mentee"]), key_to_person_id(p["mentor"]), p)
        for p in run.result.get("pairs", [])
    ]
    report = _publish(run=run, proposals=proposals, by=by)
    # With consent, pairs go live only once accepted: the programme starts from its tracker.
    consent = run.programme.pair_consent
    if start_programme and not consent and run.programme.status == ProgrammeStatus.MATCHING:
        # Asking to start it is the explicit choice: before its start date, it starts early
        # (the box on the matching page says so, and is not ticked then).
        change_programme_status(
            programme=run.programme, to=ProgrammeStatus.RUNNING, by=by, start_early=True
        )
    return report


@transaction.atomic
def _publish(*, run: MatchRun, proposals: list, by) -> PublishReport:
    programme = run.programme
    enrollments = {
        e.person_id: e
        for e in Enrollment.objects.select_for_update(of=("self",))
        .filter(programme=programme, person_id__in={x for p in proposals for x in p[:2]})
        .select_related("person__user")
    }
    # Checked on the rows just locked, before anything is written.
    leavers_named = _left_company(*enrollments.values())
    if leavers_named:
        raise ValidationError(
            _("This run cannot be published: %(why)s Run the matching again without them.")
            % {"why": leavers_named}
        )
    created, skipped, proposed = [], [], []
    if programme.pair_consent:
        close_expired(programme=programme)
    for mentee_pid, mentor_pid, proposal in proposals:
        mentee, mentor = enrollments.get(mentee_pid), enrollments.get(mentor_pid)
        if mentee is None or mentor is None:
            skipped.append(
                _("%(pair)s: someone left the programme.") % {"pair": proposal["mentee"]}
            )
            continue
        existing = Pair.objects.filter(mentee=mentee, status__in=OCCUPYING).first()
        if existing is not None:
            if existing.mentor_id != mentor.pk:
                skipped.append(
                    _("%(mentee)s already has a mentor.") % {"mentee": mentee.person.full_name}
                )
            continue
        if programme.pair_consent:
            try:
                with transaction.atomic():
                    proposed.append(
                        propose_pair(
                            programme=programme,
                            mentee=mentee,
                            mentor=mentor,
                            by=by,
                            run=run,
                            score=proposal["score"],
                            explanation=proposal["explanation"],
                            covered_skills=proposal["covered_skills"],
                        )
                    )
            except ValidationError as error:
                skipped.append(" ".join(error.messages))
            continue
        try:
            pair = create_pair(
                programme=programme,
                mentee=mentee,
                mentor=mentor,
                by=by,
                run=run,
                score=proposal["score"],
                explanation=proposal["explanation"],
                covered_skills=proposal["covered_skills"],
                notify=True,
            )
        except ValidationError as error:
            skipped.append(" ".join(error.messages))
            continue
        created.append(pair)
    if run.published_at is None:
        run.published_at, run.published_by = timezone.now(), by
        run.save(update_fields=["published_at", "published_by"])
    record(
        event=Event.MATCH_PUBLISHED,
        actor=by,
        target=run,
        details={"created": len(created), "proposed": len(proposed), "skipped": len(skipped)},
    )
    run_published.send(sender=MatchRun, run=run, created=len(created))
    return PublishReport(created=created, skipped=skipped, proposed=proposed)


@acted_by
def create_pair(
    *,
    programme: Programme,
    mentee: Enrollment,
    mentor: Enrollment,
    by,
    run: MatchRun | None = None,
    score: float | None = None,
    explanation: dict | None = None,
    covered_skills: Iterable[str] = (),
    notify: bool = True,
    check: bool = False,
) -> Pair:
    """Create one active pair in its own savepoint; ``check`` applies the hard constraints
    (for pairs a manager makes by hand). Raises ValidationError with the reason, always if
    a member left the company."""
    if programme.status == ProgrammeStatus.CLOSED:
        raise ValidationError(_("This programme is closed."))
    _enrollments_in(programme, mentee, mentor)
    gone = _left_company(mentee, mentor)
    if gone:
        raise ValidationError(gone)
    if check:
        problem = violation_for(programme=programme, mentee=mentee, mentor=mentor)
        if problem:
            raise ValidationError(problem)
    capacity = min(mentor.effective_capacity, programme.max_mentor_capacity)
    with transaction.atomic():
        Enrollment.objects.select_for_update().filter(pk=mentor.pk).first()
        taken = set(
            Pair.objects.filter(mentor=mentor, status__in=OCCUPYING).values_list("place", flat=True)
        )
        free = [place for place in range(1, capacity + 1) if place not in taken]
        # Places that open proposals hold are not free (consent to the pair).
        if len(free) <= held_places(mentor):
            raise ValidationError(
                _("%(mentor)s has no place left (capacity %(capacity)s).")
                % {"mentor": mentor.person.full_name, "capacity": capacity}
            )
        if Pair.objects.filter(mentee=mentee, status__in=OCCUPYING).exists():
            raise ValidationError(
                _("%(mentee)s already has a mentor.") % {"mentee": mentee.person.full_name}
            )
        if PairProposal.objects.holding().filter(mentee=mentee).exists():
            raise ValidationError(
                _("%(mentee)s already has a proposed mentor waiting for an answer.")
                % {"mentee": mentee.person.full_name}
            )
        try:
            with transaction.atomic():
                pair = Pair.objects.create(
                    programme=programme,
                    mentee=mentee,
                    mentor=mentor,
                    place=free[0],
                    mentor_capacity=capacity,
                    run=run,
                    score=score,
                    explanation=explanation or {},
                    covered_skills=list(covered_skills),
                    created_by=by,
                )
        except IntegrityError:
            raise ValidationError(
                _("Someone else paired %(mentee)s or %(mentor)s a moment ago; reload the page.")
                % {"mentee": mentee.person.full_name, "mentor": mentor.person.full_name}
            ) from None
    if notify:
        transaction.on_commit(lambda: notify_pair(pair=pair))
    return pair


def notify_pair(*, pair: Pair) -> None:
    """E-mail both members: who their partner is, why, and the first steps."""
    for member, partner, role in (
        (pair.mentee, pair.mentor, Role.MENTEE),
        (pair.mentor, pair.mentee, Role.MENTOR),
    ):
        if has_left(member.person):
            continue
        user = getattr(member.person, "user", None)
        email = user.email if user else member.person.email
        if not email:
            continue
        language = (user.language if user else "") or settings.LANGUAGE_CODE
        with translation.override(language):
            from rementor.matching.explain import pair_reasons

            context = {
                "member": member.person,
                "partner": partner.person,
                "is_mentee": role == Role.MENTEE,
                "programme": pair.programme,
                "reasons": pair_reasons(pair),
                # Proposed first: both accepted (or a manager did for them), it is now live.
                "confirmed": PairProposal.objects.filter(pair=pair).exists(),
                "link": site_root() + f"/programmes/{pair.programme.slug}/",
            }
            subject = _("Your reverse-mentoring pair: %(partner)s") % {
                "partner": partner.person.full_name
            }
            body = render_to_string("matching/email/pair_published.txt", context)
        send_mail(subject, body, None, [email])
