from django.core.management.base import BaseCommand

from rementor.core.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo company and programme (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options) -> None:
        load_demo(log=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000 with:"))
        for email, role in DEMO_LOGINS:
            self.stdout.write(f"  {email:<22} {role}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
