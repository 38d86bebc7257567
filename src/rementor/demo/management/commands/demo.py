from django.core.management.base import BaseCommand, CommandError

from rementor.core.links import site_root
from rementor.demo.company import DEMO_LOGINS, DEMO_PASSWORD, load_demo
from rementor.demo.scale import scale_demo


class Command(BaseCommand):
    help = "Load the demo company and programme (idempotent: running it twice changes nothing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--people",
            type=int,
            default=None,
            help="grow the company to this many people (500 or more) with a few hundred more "
            "pairs, for load tests (rementor.demo.scale)",
        )

    def handle(self, *args, **options) -> None:
        if options["people"] is not None and options["people"] < 500:
            raise CommandError("--people must be 500 or more.")
        load_demo(log=lambda line: self.stdout.write(f"  {line}"))
        if options["people"] is not None:
            report = scale_demo(
                people=options["people"], log=lambda line: self.stdout.write(f"  {line}")
            )
            if report is not None:
                self.stdout.write(
                    f"  load-test logins: manager-001 to manager-{report.managers:03d}, "
                    f"mentee-0001 / mentor-0001 to mentee-{report.pairs:04d} / "
                    f"mentor-{report.pairs:04d} (@example.com)"
                )
        # make demo sets RM_SITE_URL to the host and port it serves on.
        self.stdout.write(self.style.SUCCESS(f"Demo loaded. Sign in at {site_root()}/ with:"))
        for email, role in DEMO_LOGINS:
            self.stdout.write(f"  {email:<22} {role}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
