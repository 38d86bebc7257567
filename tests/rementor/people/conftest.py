from __future__ import annotations

import pytest

from rementor.people.importing import preview_import


@pytest.fixture
def preview(manager):
    """Previews an HRIS file as the programme manager: ``preview(data, filename, **options)``."""

    def run(data: bytes, filename: str = "people.csv", **kwargs):
        return preview_import(data=data, filename=filename, by=manager, **kwargs)

    return run
