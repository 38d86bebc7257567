"""Every write on a programme's channels: their addresses, the news, the test message."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

from rementor.audit.events import Event, acted_by, record
from rementor.channels import news as said
from rementor.channels.addresses import check_url
from rementor.channels.delivery import Outcome, post, remember
from rementor.channels.models import Kind, ProgrammeChannels
from rementor.channels.tasks import deliver
from rementor.programmes.models import Programme

logger = logging.getLogger(__name__)


def channels_of(programme: Programme) -> ProgrammeChannels:
    """The programme's row (unsaved and empty when none was ever set)."""
    existing = ProgrammeChannels.objects.filter(programme=programme).first()
    return existing or ProgrammeChannels(programme=programme)


@acted_by
@transaction.atomic
def save_channels(
    *,
    programme: Programme,
    by,
    teams_url: str = "",
    slack_url: str = "",
    remove: tuple[str, ...] = (),
) -> ProgrammeChannels:
    """Set or remove each address: an empty one keeps what is stored (pages never show it
    back in full, so an empty field cannot mean "remove"; ``remove`` lists the kinds to
    clear). The trail records which channel changed, never an address."""
    # get_or_create survives two managers saving the first addresses at once; the lock then
    # orders their writes.
    row, _created = ProgrammeChannels.objects.get_or_create(programme=programme)
    channels = ProgrammeChannels.objects.select_for_update().get(pk=row.pk)
    changes: dict[str, list[str]] = {"address_set": [], "address_removed": []}
    for kind, typed in ((Kind.TEAMS, teams_url), (Kind.SLACK, slack_url)):
        field = f"{kind}_url"
        if kind in remove:
            if getattr(channels, field):
                setattr(channels, field, "")
                changes["address_removed"].append(kind)
        elif typed.strip():
            url = check_url(kind, typed)
            if url != getattr(channels, field):
                setattr(channels, field, url)
                # A new address starts with no delivery history.
                for suffix in ("last_success_at", "last_failure_at", "last_status"):
                    setattr(channels, f"{kind}_{suffix}", None)
                changes["address_set"].append(kind)
    if any(changes.values()):
        channels.updated_by = by
        channels.save()
        record(
            event=Event.CHANNELS_CHANGED,
            actor=by,
            target=programme,
            details={key: kinds for key, kinds in changes.items() if kinds},
        )
    return channels


def send_test(*, programme: Programme, kind: str, by) -> Outcome | None:
    """Post a test message now, once (the manager waits for the answer on the page); None
    when the channel has no address. The outcome is kept like any delivery's."""
    channels = ProgrammeChannels.objects.filter(programme=programme).first()
    if channels is None or not channels.url_of(kind):
        return None
    outcome = post(
        channels.url_of(kind), said.payload(kind, said.trial_message(programme=programme))
    )
    remember(channels=channels, kind=kind, outcome=outcome)
    return outcome


def announce(*, programme: Programme, build: Callable[[], said.News | None]) -> None:
    """Once the current transaction commits (nothing is said of a write that rolls back),
    build the news and queue it to each of the programme's channels. Never raises into the
    writer: a failure here is logged and the write stands."""
    transaction.on_commit(lambda: _announce_now(programme, build), robust=True)


def _announce_now(programme: Programme, build: Callable[[], said.News | None]) -> None:
    try:
        channels = ProgrammeChannels.objects.filter(programme=programme).first()
        if channels is None or not channels.configured():
            return
        news = build()
        if news is None:
            return
        for kind in channels.configured():
            deliver.enqueue(channels_id=channels.pk, kind=kind, payload=said.payload(kind, news))
    except Exception:  # a queue that is down must not turn a saved write into an error page
        logger.exception("Programme %s: channel news could not be queued.", programme.pk)
