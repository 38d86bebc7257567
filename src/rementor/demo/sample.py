"""The demo company as an HRIS file in the Rementor template (``samples/``), and a broken one.

``samples/demo-company.csv`` is what the demo imports; ``samples/broken.csv`` shows every
error the import explains. After changing the demo company, regenerate the first (the CSV is
committed, so the demo and the README can point at it)::

    DJANGO_SETTINGS_MODULE=rementor.settings python -c "import django; django.setup(); \
        from rementor.demo.sample import write_demo_company_csv as w; w()"

``tests/rementor/demo/test_samples.py`` fails when the CSV is out of date.
"""

from __future__ import annotations

from pathlib import Path

from rementor.core.exports import csv_bytes
from rementor.demo.org_chart import company_people
from rementor.people.importing.presets import FIELDS

SAMPLES = Path(__file__).parent / "samples"
DEMO_COMPANY_CSV = SAMPLES / "demo-company.csv"
BROKEN_CSV = SAMPLES / "broken.csv"


def demo_company_rows() -> list[list[str]]:
    """The demo company's people as template rows, header first."""
    rows = [list(FIELDS)]
    for spec in company_people():
        rows.append(
            [
                spec.employee_id,
                spec.first_name,
                spec.last_name,
                spec.email,
                spec.job_title,
                spec.department or "",
                spec.site,
                spec.manager_id or "",
                ",".join(spec.languages),
                "Europe/Paris",
            ]
        )
    return rows


def write_demo_company_csv(path: Path = DEMO_COMPANY_CSV) -> Path:
    path.write_bytes(csv_bytes(demo_company_rows()))
    return path
