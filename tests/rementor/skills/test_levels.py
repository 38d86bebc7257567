"""The proficiency scale (``skills.levels``)."""

from rementor.skills.levels import Level, level_scale


def test_level_scale_runs_from_0_to_4_with_descriptors():
    scale = level_scale()
    assert [row["value"] for row in scale] == [0, 1, 2, 3, 4]
    assert all(str(row["descriptor"]) for row in scale)
    assert Level.EXPERT.value == 4
