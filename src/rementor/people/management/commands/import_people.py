"""``python -m rementor import_people FILE``: preview an HRIS file, then apply it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rementor.people import importing
from rementor.people.import_models import ImportStatus


class Command(BaseCommand):
    help = "Import employees from an HRIS export (CSV or XLSX): preview, then apply."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--preset", help="rementor, workday, successfactors, bamboohr, …")
        parser.add_argument("--dry-run", action="store_true", help="Preview only.")
        parser.add_argument(
            "--full-sync", action="store_true", help="Deactivate people missing from the file."
        )

    def handle(self, *args, file: Path, preset, dry_run, full_sync, **options) -> None:
        try:
            importing.check_size(file.stat().st_size)
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from None
        except importing.ImportFileError as error:
            raise CommandError(importing.describe(error.issues[0])) from None
        batch = importing.preview_import(
            data=data, filename=file.name, by=None, preset=preset, full_sync=full_sync
        )
        self._summary(batch)
        if batch.errors:
            for issue in batch.errors:
                self.stderr.write(importing.describe(issue))
            raise CommandError(
                _("%(count)s error(s): nothing was written.") % {"count": len(batch.errors)}
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        try:
            batch = importing.apply_import(batch=batch, by=None)
        except importing.ImportNotApplied as refused:
            raise CommandError(importing.render(refused.issue)) from None
        if batch.status == ImportStatus.APPLIED:
            self.stdout.write(self.style.SUCCESS(_("Import applied.")))

    def _summary(self, batch) -> None:
        self.stdout.write(
            _(
                "%(file)s (%(preset)s, %(encoding)s, SHA-256 %(sha)s): %(create)s to create, "
                "%(update)s to update, %(unchanged)s unchanged, %(deactivate)s to deactivate, "
                "%(errors)s error(s)."
            )
            % {
                "file": batch.filename,
                "preset": batch.preset or "?",
                "encoding": batch.encoding or "?",
                "sha": batch.sha256[:12],
                "create": batch.created_count,
                "update": batch.updated_count,
                "unchanged": batch.unchanged_count,
                "deactivate": batch.deactivated_count,
                "errors": batch.error_count,
            }
        )
        for entry in batch.plan:
            if entry["action"] == "update":
                fields = ", ".join(entry["changes"])
                self.stdout.write(f"  ~ {entry['employee_id']} {entry['name']}: {fields}")
            elif entry["action"] == "deactivate":
                self.stdout.write(f"  - {entry['employee_id']} {entry['name']}")
        for issue in batch.warnings:
            self.stdout.write(self.style.WARNING(importing.describe(issue)))
