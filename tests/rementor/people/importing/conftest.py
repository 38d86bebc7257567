from __future__ import annotations

import pytest

from rementor.people.importing import preview_import

HEADER = (
    "employee_id,first_name,last_name,email,job_title,department,site,manager_id,languages,"
    "time_zone"
)


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


@pytest.fixture
def preview(manager):
    def run(data: bytes, filename: str = "people.csv", **kwargs):
        return preview_import(data=data, filename=filename, by=manager, **kwargs)

    return run


def codes(issues: list[dict]) -> list[str]:
    return [issue["code"] for issue in issues]
