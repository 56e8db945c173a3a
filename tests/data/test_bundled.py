"""The shipped seed plans stay in step with the documents and hold facts, not prose."""

from __future__ import annotations

from pathlib import Path

from minsheng.data.bundled import bundled_plans, facts_only
from minsheng.ingest import parse_file


def test_five_plans_are_shipped():
    assert [plan.plan.region for plan in bundled_plans()] == [
        "合肥市",
        "六安市",
        "崆峒区",
        "滁州市",
        "淮北市",
    ]


def test_shipped_plans_match_a_fresh_parse_of_the_seeds(seeds_dir):
    """Fails when the parser changes and `minsheng bundle` was not run again."""
    for shipped in bundled_plans():
        parsed = facts_only(parse_file(seeds_dir / shipped.source))
        assert shipped == parsed.model_copy(update={"source": Path(parsed.source).name})


def test_no_running_prose_is_shipped():
    for plan in bundled_plans():
        assert all(column.body == [] for column in plan.columns)
        assert all(project.detail is None for project in plan.projects)
        assert all(indicator.notes == [] for indicator in plan.indicators)
        assert plan.indicator_table_notes == []
