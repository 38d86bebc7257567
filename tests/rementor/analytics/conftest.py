from __future__ import annotations

import pytest

from tests.rementor.analytics.factories import exported_pair


@pytest.fixture
def pair(db):
    """The pair whose data tries every trap an export or the report can fall into."""
    pair, _mentee, _mentor = exported_pair()
    return pair
