"""``python -m rementor match SLUG [--dry-run] [--publish] [--start]``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rementor.matching import domain, queries
from rementor.matching.models import RunStatus
from rementor.programmes.models import Programme


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Run the matching engine on a programme and print a summary; optionally publish."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help="the programme's short name (in its address)")
        parser.add_argument("--dry-run", action="store_true", help="compute, write nothing")
        parser.add_argument("--publish", action="store_true", help="publish the pairs found")
        parser.add_argument(
            "--start", action="store_true", help="with --publish: move the programme to running"
        )

    def handle(self, *args, slug: str, dry_run: bool, publish: bool, start: bool, **options):
        if dry_run and publish:
            raise CommandError("--dry-run and --publish exclude each other.")
        try:
            programme = Programme.objects.get(slug=slug)
        except Programme.DoesNotExist:
            raise CommandError(f"No programme with the short name {slug!r}.") from None
        try:
            with transaction.atomic():
                run = domain.create_run_now(programme=programme, by=None)
                self._summary(run)
                if dry_run:
                    raise _DryRun
                if publish:
                    if run.status != RunStatus.DONE:
                        raise CommandError("The run failed: nothing to publish.")
                    report = domain.publish_run(run=run, by=None, start_programme=start)
                    self.stdout.write(f"published {len(report.created)} pairs")
                    for line in report.skipped:
                        self.stdout.write(f"  skipped: {line}")
        except _DryRun:
            self.stdout.write("dry run: nothing was written")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if run.status == RunStatus.FAILED:
            raise CommandError(run.error)

    def _summary(self, run) -> None:
        self.stdout.write(
            f"run #{run.number}: {run.status}, matched {run.matched}, unmatched {run.unmatched}, "
            f"total score {run.total_score}, optimal {run.optimal}, {run.elapsed_s} s"
        )
        if run.status != RunStatus.DONE:
            return
        view = queries.run_view(run)
        for pair in view["pairs"]:
            self.stdout.write(
                f"  {pair.mentee.full_name} <- {pair.mentor.full_name}  {pair.score:.3f}  "
                f"{', '.join(pair.skills)}"
            )
        for item in view["unmatched"]:
            self.stdout.write(f"  unmatched: {item['person'].full_name}: {item['reason']}")
