"""Read-side queries of mentor selection: where one may apply, which evidence is a link."""

from __future__ import annotations

import pytest

from rementor.programmes.models import EnrollmentStatus
from rementor.selection.queries import open_programmes_for, safe_link
from tests.factories import ProgrammeFactory, UserFactory
from tests.rementor.selection.factories import (
    RecruitingProgrammeFactory,
    candidate,
    recruiting_with_one_skill,
)


@pytest.fixture
def recruiting(programme):
    return recruiting_with_one_skill(programme)


@pytest.mark.django_db
def test_open_programmes_for_lists_where_one_may_apply(recruiting, pair_member):
    user = UserFactory()
    other = RecruitingProgrammeFactory()
    ProgrammeFactory()  # draft: not open
    candidate(other, user=user)
    mine = {p.slug: p.my_status for p in open_programmes_for(user)}
    assert mine == {recruiting.slug: None, other.slug: EnrollmentStatus.APPLIED}
    # The mentee of ``recruiting`` cannot apply there.
    assert recruiting not in list(open_programmes_for(pair_member))


@pytest.mark.parametrize(
    ("evidence", "link"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("ftp://example.org/file", None),
        ("J'anime la page LinkedIn de l'équipe", None),
        ("https://exa mple.org", None),
    ],
)
def test_only_http_links_are_rendered_as_links(evidence, link):
    assert safe_link(evidence) == link
