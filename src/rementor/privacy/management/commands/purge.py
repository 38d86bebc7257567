"""python -m rementor purge [--dry-run]: apply the personal-data retention rule."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from rementor.audit.events import Event, record
from rementor.privacy.retention import purge


class Command(BaseCommand):
    help = (
        "Apply the retention rule. Programmes closed more than RM_RETENTION_MONTHS months ago "
        "(the date they moved to 'closed', else their end date) keep only their figures: every "
        "text typed in them is cleared and their private notes deleted; participants whose "
        "programmes are all past that point are anonymised (programme managers and sponsors "
        "are staff accounts, left alone). Private notes of pairs ended more than "
        "RM_PRIVATE_NOTES_DAYS days ago are deleted. A second run does nothing. With "
        "--dry-run, says what it would do and changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        report = purge(dry_run=dry_run)
        self.stdout.write(
            f"Retention: programmes closed more than {settings.RM_RETENTION_MONTHS} months ago; "
            f"private notes of pairs ended more than {settings.RM_PRIVATE_NOTES_DAYS} days ago."
        )
        if report.is_empty:
            self.stdout.write("Nothing to purge.")
            return
        verb = "Would purge" if dry_run else "Purged"
        for name in report.programmes:
            self.stdout.write(f"{verb} programme: {name}")
        for kind, count in sorted(report.counts.items()):
            self.stdout.write(f"  {kind}: {count}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        else:
            record(event=Event.PURGE, details={"counts": dict(report.counts)})
            self.stdout.write(self.style.SUCCESS("Done."))
