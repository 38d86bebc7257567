"""``python -m rementor report``: the PDF report and the exports from the command line."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command


def test_cli_writes_each_format(pair, tmp_path):
    slug = pair.programme.slug
    call_command(
        "report", slug, "--format", "pdf", "--audience", "sponsor", "-o", tmp_path / "r.pdf"
    )
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    call_command("report", slug, "--format", "xlsx", "--language", "en", "-o", tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO((tmp_path / "a.xlsx").read_bytes()))
    assert workbook.sheetnames == [
        "Participants",
        "Needs",
        "Pairs",
        "Sessions",
        "Objectives",
        "Pulses",
    ]
    call_command(
        "report",
        slug,
        "--format",
        "csv",
        "--dataset",
        "objectives",
        "--flavour",
        "excel-fr",
        "-o",
        tmp_path / "o.csv",
    )
    content = (tmp_path / "o.csv").read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert "'@Publier sur LinkedIn" in content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such", "--format", "pdf"], "No programme"),
        (["{slug}", "--format", "csv"], "--dataset"),
        (["{slug}", "--format", "pdf", "--dataset", "pairs"], "--dataset"),
        (["{slug}", "--format", "doc"], "invalid choice"),
        (["{slug}", "--format", "csv", "--dataset", "notes"], "invalid choice"),
        (["{slug}", "--format", "pdf", "--audience", "everyone"], "invalid choice"),
    ],
)
def test_cli_fails_clearly_on_bad_input(pair, tmp_path, args, message):
    args = [arg.format(slug=pair.programme.slug) for arg in args]
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "-o", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_cli_refuses_a_missing_directory(pair, tmp_path):
    with pytest.raises(CommandError, match="No such directory"):
        call_command(
            "report", pair.programme.slug, "--format", "pdf", "-o", tmp_path / "no" / "r.pdf"
        )
