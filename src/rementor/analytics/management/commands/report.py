"""``python -m rementor report SLUG --format pdf|xlsx|csv [--dataset ...] [--flavour ...]
[--audience manager|sponsor] [--language fr|en] -o FILE``."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rementor.analytics import exports
from rementor.analytics.report.document import Audience, report_pdf
from rementor.audit.events import Event, record
from rementor.programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Write a programme's PDF impact report, or an XLSX/CSV export of its pairs, sessions, "
        "objectives or pulses."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help="the programme's short name (in its address)")
        parser.add_argument(
            "--format",
            dest="fmt",
            required=True,
            choices=["pdf", *(f.value for f in exports.Format)],
        )
        parser.add_argument(
            "--dataset",
            choices=list(exports.DATASETS),
            help="xlsx: one dataset (default: all in one workbook); csv: required",
        )
        parser.add_argument(
            "--flavour",
            choices=[f.value for f in exports.Flavour],
            default=exports.Flavour.STANDARD.value,
            help="csv: standard (',' UTF-8) or excel-fr (';' UTF-8 with BOM)",
        )
        parser.add_argument(
            "--audience",
            choices=Audience.values,
            default=Audience.MANAGER.value,
            help="pdf: the programme team's version (names) or the sponsors' (aggregates only)",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
        )
        parser.add_argument("-o", "--output", required=True, type=Path, help="file to write")

    def handle(self, *args, slug, fmt, dataset, flavour, audience, language, output, **options):
        try:
            programme = Programme.objects.get(slug=slug)
        except Programme.DoesNotExist:
            raise CommandError(f"No programme with the short name {slug!r}.") from None
        if fmt == "pdf" and dataset:
            raise CommandError("--dataset is for xlsx and csv exports, not the PDF report.")
        if fmt == "csv" and not dataset:
            raise CommandError(
                f"A CSV export holds one dataset: add --dataset ({', '.join(exports.DATASETS)})."
            )
        if not output.parent.is_dir():
            raise CommandError(f"No such directory: {output.parent}")
        with translation.override(language):
            if fmt == "pdf":
                content = report_pdf(programme=programme, audience=Audience(audience))
            else:
                content = exports.export(
                    programme=programme, fmt=fmt, dataset=dataset, flavour=flavour
                ).content
        output.write_bytes(content)
        record(
            event=Event.REPORT if fmt == "pdf" else Event.EXPORT,
            target=programme,
            details={
                "source": "command",
                "format": fmt,
                "dataset": dataset or "",
                "audience": audience if fmt == "pdf" else "",
            },
        )
        self.stdout.write(f"wrote {output} ({len(content):,} bytes)")
