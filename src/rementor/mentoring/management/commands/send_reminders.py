from django.core.management.base import BaseCommand

from rementor.mentoring.reminders import send_reminders


class Command(BaseCommand):
    help = "Send the reminders due now (run daily; never sends the same reminder twice)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, send nothing")

    def handle(self, *args, dry_run: bool, **options) -> None:
        outcome = send_reminders(dry_run=dry_run)
        for kind, count in outcome.sent.items():
            self.stdout.write(f"{kind}: {count}{' (dry run)' if dry_run else ''}")
