"""The channels app's reactions to the apps below (connected in apps.py): each announces
after the writer's transaction commits, through ``domain.announce``."""

from __future__ import annotations

from django.dispatch import receiver

from rementor.channels import news
from rementor.channels.domain import announce
from rementor.matching.signals import run_published
from rementor.mentoring.signals import idea_logged
from rementor.programmes.signals import programme_status_changed


@receiver(run_published, dispatch_uid="channels-matching-published")
def _matching_published(sender, *, run, created: int, **kwargs) -> None:
    if created:  # publishing a run again creates nothing new: nothing to say
        programme = run.programme
        announce(
            programme=programme,
            build=lambda: news.matching_published(programme=programme, created=created),
        )


@receiver(programme_status_changed, dispatch_uid="channels-programme-milestone")
def _milestone(sender, *, programme, from_status: str, to_status: str, **kwargs) -> None:
    announce(
        programme=programme,
        build=lambda: news.status_changed(
            programme=programme, from_status=from_status, to_status=to_status
        ),
    )


@receiver(idea_logged, dispatch_uid="channels-idea-logged")
def _idea_logged(sender, *, idea, **kwargs) -> None:
    announce(programme=idea.pair.programme, build=lambda: news.idea_logged(idea=idea))
