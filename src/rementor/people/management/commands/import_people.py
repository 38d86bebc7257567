"""``python -m rementor import_people FILE``: preview an HRIS file, then apply it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.people import importing
from rementor.people.models import ImportStatus


class Command(BaseCommand):
    help = "Import employees from an HRIS export (CSV or XLSX): preview, then apply."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--preset", help="rementor, workday, successfactors, bamboohr, …")
        parser.add_argument("--dry-run", action="store_true", help="Preview only.")
        parser.add_argument(
            "--full-sync",
            action="store_true",
            help="Deactivate people missing from the file, and close their accounts.",
        )
        parser.add_argument(
            "--pad-ids",
            action="store_true",
            help="Pad the employee IDs Excel stripped of their leading zeros, if the preview "
            "offers it (every padded ID must name an existing person).",
        )
        parser.add_argument(
            "--reactivate",
            action="store_true",
            help="Reactivate people in the file who had left, and reopen their accounts.",
        )

    def handle(
        self, *args, file: Path, preset, dry_run, full_sync, reactivate, pad_ids, **options
    ) -> None:
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
        if batch.pad_offer and pad_ids:
            batch = importing.pad_ids(batch=batch, by=None)
        elif batch.pad_offer:
            self.stderr.write(
                ngettext(
                    "%(count)s employee ID lost its leading zeros in Excel: add --pad-ids to "
                    "pad it to %(width)s digits.",
                    "%(count)s employee IDs lost their leading zeros in Excel: add --pad-ids to "
                    "pad them to %(width)s digits.",
                    batch.pad_offer["count"],
                )
                % batch.pad_offer
            )
        self._summary(batch, reactivate=reactivate)
        if batch.errors:
            for issue in batch.errors:
                self.stderr.write(importing.describe(issue))
            raise CommandError(
                ngettext(
                    "%(count)d error: nothing was written.",
                    "%(count)d errors: nothing was written.",
                    len(batch.errors),
                )
                % {"count": len(batch.errors)}
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        try:
            batch = importing.apply_import(batch=batch, by=None, reactivate=reactivate)
        except importing.ImportNotApplied as refused:
            raise CommandError(importing.render(refused.issue)) from None
        if batch.status == ImportStatus.APPLIED:
            self.stdout.write(self.style.SUCCESS(_("Import applied.")))
            if batch.reactivated_count:
                self.stdout.write(
                    ngettext(
                        "%(count)d person reactivated, with their account.",
                        "%(count)d people reactivated, with their accounts.",
                        batch.reactivated_count,
                    )
                    % {"count": batch.reactivated_count}
                )

    def _summary(self, batch, *, reactivate: bool) -> None:
        self.stdout.write(
            _(
                "%(file)s (%(preset)s, %(encoding)s, SHA-256 %(sha)s): %(create)s to create, "
                "%(update)s to update, %(unchanged)s unchanged, %(deactivate)s to deactivate."
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
            }
            + " "
            + ngettext("%(count)d error.", "%(count)d errors.", batch.error_count)
            % {"count": batch.error_count}
        )
        for entry in batch.plan:
            fields = ", ".join(f for f in entry.get("changes", {}) if f != "is_active")
            if entry["action"] == "update" and fields:
                self.stdout.write(f"  ~ {entry['employee_id']} {entry['name']}: {fields}")
        if batch.deactivations:
            self.stdout.write(
                ngettext(
                    "%(count)d account will be deactivated (signed out, API tokens revoked):",
                    "%(count)d accounts will be deactivated (signed out, API tokens revoked):",
                    len(batch.closed_accounts),
                )
                % {"count": len(batch.closed_accounts)}
            )
            account = _("account")
            for entry in batch.deactivations:
                flag = f" [{account}]" if entry.get("account") else ""
                self.stdout.write(f"  - {entry['employee_id']} {entry['name']}{flag}")
        if batch.returning:
            count = len(batch.returning)
            if reactivate:
                line = ngettext(
                    "%(count)d person in the file had left and will be reactivated:",
                    "%(count)d people in the file had left and will be reactivated:",
                    count,
                )
            else:
                line = ngettext(
                    "%(count)d person in the file had left: they stay inactive, with their "
                    "account closed (add --reactivate to let them back):",
                    "%(count)d people in the file had left: they stay inactive, with their "
                    "accounts closed (add --reactivate to let them back):",
                    count,
                )
            self.stdout.write(line % {"count": count})
            for entry in batch.returning:
                self.stdout.write(f"  + {entry['employee_id']} {entry['name']}")
        for issue in batch.warnings:
            self.stdout.write(self.style.WARNING(importing.describe(issue)))
