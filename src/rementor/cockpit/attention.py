"""The programme managers' attention list: what waits for them, across every programme, each
item a count and a link to the page that lists exactly those items.

A constant number of queries whatever the number of programmes, pairs or people (twelve, or
thirteen when some running pair gave a low pulse): the programmes, erasure requests, open
concerns, applications, the running pairs' risks (five, six with a low pulse), the
latecomers (two: the last published runs, the people in no pair), training not finished.

What each item counts (the home page says it too, :func:`definitions`):

* pairs at risk — active or paused pairs that :func:`~rementor.mentoring.queries.pair_health`
  flags, in a programme that is not closed (the pairs page, "at risk, for any reason");
* pairs whose mentor or mentee left the company — among those, the ones flagged because a
  member was deactivated (the pairs page, "a member left the company");
* open concerns — not resolved yet, in any programme, closed ones included: someone waits
  for an answer (the concerns page, which opens on the open ones);
* mentor applications waiting for a decision — applied, neither approved nor declined, in a
  programme that is not closed (the candidates page, status "applied");
* latecomers — :func:`~rementor.matching.queries.latecomers` (the cockpit's latecomers page);
* training not finished — :func:`~rementor.training.queries.not_finished`, in a running
  programme (the training page, "only those who have not finished");
* erasure requests waiting — pending, for the whole company (the erasure requests page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.matching.models import Pair, PairStatus
from rementor.matching.queries import latecomers
from rementor.mentoring.models import Concern, ConcernStatus
from rementor.mentoring.queries import (
    ANY_RISK,
    LEFT_REASONS,
    MEMBER_LEFT,
    pair_risks,
)
from rementor.privacy.models import ErasureRequest, ErasureStatus
from rementor.programmes.models import EnrollmentStatus, Programme, ProgrammeStatus, Role
from rementor.selection.models import MentorApplication
from rementor.training.queries import NOT_FINISHED, not_finished_counts

# Items in the order the list shows them: the most pressing first.
AT_RISK = "at_risk"
LEAVERS = "leavers"
CONCERNS = "concerns"
APPLICATIONS = "applications"
LATECOMERS = "latecomers"
TRAINING = "training"
ERASURES = "erasures"
ORDER = (CONCERNS, AT_RISK, LEAVERS, APPLICATIONS, LATECOMERS, TRAINING)


@dataclass(frozen=True)
class Item:
    key: str
    count: int
    text: str  # the count in words, plural agreed ("3 pairs at risk")
    url: str


@dataclass(frozen=True)
class ProgrammeItems:
    programme: Programme
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Attention:
    erasures: Item | None
    programmes: tuple[ProgrammeItems, ...] = field(default=())

    @property
    def nothing_waiting(self) -> bool:
        return self.erasures is None and not self.programmes

    @property
    def total(self) -> int:
        return (self.erasures.count if self.erasures else 0) + sum(
            item.count for group in self.programmes for item in group.items
        )


def _texts() -> dict[str, Callable[[int], str]]:
    return {
        AT_RISK: lambda n: ngettext("%(count)d pair at risk", "%(count)d pairs at risk", n),
        LEAVERS: lambda n: ngettext(
            "%(count)d pair whose mentor or mentee left the company",
            "%(count)d pairs whose mentor or mentee left the company",
            n,
        ),
        CONCERNS: lambda n: ngettext("%(count)d open concern", "%(count)d open concerns", n),
        APPLICATIONS: lambda n: ngettext(
            "%(count)d mentor application waiting for a decision",
            "%(count)d mentor applications waiting for a decision",
            n,
        ),
        LATECOMERS: lambda n: ngettext(
            "%(count)d latecomer waiting for the next matching run",
            "%(count)d latecomers waiting for the next matching run",
            n,
        ),
        TRAINING: lambda n: ngettext(
            "%(count)d person has not finished their training",
            "%(count)d people have not finished their training",
            n,
        ),
        ERASURES: lambda n: ngettext(
            "%(count)d erasure request waiting for an answer",
            "%(count)d erasure requests waiting for an answer",
            n,
        ),
    }


def _urls(slug: str) -> dict[str, str]:
    pairs = reverse("mentoring:pairs", args=[slug])
    return {
        AT_RISK: f"{pairs}?risk={ANY_RISK}",
        LEAVERS: f"{pairs}?risk={MEMBER_LEFT}",
        CONCERNS: reverse("mentoring:concern_list", args=[slug]) + "?status=open",
        APPLICATIONS: reverse("selection:candidates", args=[slug])
        + f"?status={EnrollmentStatus.APPLIED}",
        LATECOMERS: reverse("cockpit:latecomers", args=[slug]),
        TRAINING: reverse("training:manage", args=[slug]) + f"?show={NOT_FINISHED}",
    }


def _item(key: str, count: int, url: str) -> Item:
    return Item(key=key, count=count, text=_texts()[key](count) % {"count": count}, url=url)


def _pair_counts(open_ids: list[int]) -> tuple[Counter, Counter]:
    """Pairs at risk, and pairs at risk because a member left, per programme: the flag and
    its reasons only (:func:`pair_risks`, the same as :func:`pair_health`'s), for the running
    pairs — closed pairs never are at risk."""
    running = Pair.objects.filter(
        programme__in=open_ids, status__in=(PairStatus.ACTIVE, PairStatus.PAUSED)
    )
    at_risk: Counter = Counter()
    leavers: Counter = Counter()
    for risk in pair_risks(running).values():
        if risk.at_risk:
            at_risk[risk.programme_id] += 1
        if any(reason in LEFT_REASONS for reason in risk.reasons):
            leavers[risk.programme_id] += 1
    return at_risk, leavers


def attention_list() -> Attention:
    """What waits for the programme managers (every manager oversees every programme)."""
    programmes = list(Programme.objects.order_by("-start_date", "name"))
    open_ids = [p.pk for p in programmes if p.status != ProgrammeStatus.CLOSED]
    erasures = ErasureRequest.objects.filter(status=ErasureStatus.PENDING).count()
    concerns = Counter(
        dict(
            Concern.objects.filter(status=ConcernStatus.OPEN)
            .order_by()
            .values("pair__programme")
            .annotate(n=Count("pk"))
            .values_list("pair__programme", "n")
        )
    )
    applications = Counter(
        dict(
            MentorApplication.objects.filter(
                enrollment__programme__in=open_ids,
                enrollment__role=Role.MENTOR,
                enrollment__status=EnrollmentStatus.APPLIED,
            )
            .order_by()
            .values("enrollment__programme")
            .annotate(n=Count("pk"))
            .values_list("enrollment__programme", "n")
        )
    )
    at_risk, leavers = _pair_counts(open_ids)
    late = {pk: len(ids) for pk, ids in latecomers(programmes).items()}
    training = not_finished_counts(
        [p.pk for p in programmes if p.status == ProgrammeStatus.RUNNING]
    )
    counts = {
        AT_RISK: at_risk,
        LEAVERS: leavers,
        CONCERNS: concerns,
        APPLICATIONS: applications,
        LATECOMERS: late,
        TRAINING: training,
    }
    groups = []
    for programme in programmes:
        urls = _urls(programme.slug)
        items = tuple(
            _item(key, counts[key].get(programme.pk, 0), urls[key])
            for key in ORDER
            if counts[key].get(programme.pk, 0)
        )
        if items:
            groups.append(ProgrammeItems(programme=programme, items=items))
    return Attention(
        erasures=_item(ERASURES, erasures, reverse("privacy:erasure_requests"))
        if erasures
        else None,
        programmes=tuple(groups),
    )


def definitions() -> list[tuple[str, str]]:
    """What each item counts, in words for the page (the module's docstring, shorter)."""
    return [
        (
            _("Open concerns"),
            _("Concerns raised by a mentee or a mentor and not resolved yet, in any programme."),
        ),
        (
            _("Pairs at risk"),
            _(
                "Active or paused pairs with no session for 30 days, low recent pulses, an "
                "open concern, or a mentor or mentee who left the company."
            ),
        ),
        (
            _("Pairs whose mentor or mentee left the company"),
            _(
                "Active or paused pairs with a member whose record was deactivated: end them "
                "or match the other member again."
            ),
        ),
        (
            _("Mentor applications waiting for a decision"),
            _("Applications sent, neither approved nor declined yet."),
        ),
        (
            _("Latecomers"),
            _(
                "People accepted in a programme that is matching or running, still in the "
                "company, in no active or paused pair, and not among the people the last "
                "published matching run was given: they were accepted, or gave their needs, "
                "after it. Before the first published run nobody is counted."
            ),
        ),
        (
            _("Training not finished"),
            _(
                "In a running programme, people accepted and still in the company who have "
                "not completed every published module for their role."
            ),
        ),
        (
            _("Erasure requests"),
            _("Requests to erase someone's personal data that nobody has answered yet."),
        ),
    ]
