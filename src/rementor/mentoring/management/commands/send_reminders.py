from django.core.management.base import BaseCommand, CommandError

from rementor.mentoring.reminders import send_reminders
from rementor.mentoring.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders due now (run daily; never sends the same reminder twice)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, send nothing")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the sending for a task worker instead of sending from this process",
        )

    def handle(self, *args, dry_run: bool, enqueue: bool, **options) -> None:
        if enqueue:
            if dry_run:
                raise CommandError("--dry-run counts here: it cannot be queued.")
            result = send_due_reminders.enqueue()
            self.stdout.write(f"queued: {result.id}")
            return
        outcome = send_reminders(dry_run=dry_run)
        for kind, count in outcome.sent.items():
            self.stdout.write(f"{kind}: {count}{' (dry run)' if dry_run else ''}")
