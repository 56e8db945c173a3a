"""compare_indicator: one concept, by any wording, across Hefei, Lu'an and the nation."""

from __future__ import annotations

import pytest
from tests.conftest import SEEDS_DIR, database_with

from minsheng.errors import NotFound
from minsheng.evaluate import Status
from minsheng.ingest import parse_file
from minsheng.store import session_scope
from minsheng.usecases import (
    compare_indicator,
    ensure_reference_plan,
    import_observations,
    import_plan,
)
from minsheng.usecases.read import indicator_page

HEFEI = "000_7c865537b9a88152.txt"
LUAN = "001_efc89e334599d1ca.txt"
DOCTORS_ALIAS = "每千人口执业（助理）医师数"


def _compared(session) -> None:
    import_plan(session, parse_file(SEEDS_DIR / HEFEI), author="规划处")
    import_plan(session, parse_file(SEEDS_DIR / LUAN), author="规划处")
    ensure_reference_plan(session)


database_url = database_with("compared", _compared)
"""Hefei and Lu'an parsed from their seeds and the reference plan (a template's copy)."""


@pytest.fixture
def stored(engine, seeds_dir):
    return engine


def compare(engine, name: str, year: int | None = None):
    with session_scope(engine) as session:
        return compare_indicator(session, name=name, year=year)


def test_each_plan_has_its_own_baseline_and_target(stored):
    comparison = compare(stored, DOCTORS_ALIAS, year=2023)
    assert comparison.entry is not None
    assert comparison.entry.key == "physicians_per_1000"
    assert comparison.concept == comparison.entry.name
    rows = [
        (
            row.region,
            row.is_reference,
            row.evaluation.name,
            row.evaluation.baseline.raw,
            row.evaluation.target.raw,
            row.unit,
        )
        for row in comparison.rows
    ]
    assert rows == [
        ("合肥市", False, "每千常住人口执业(助理)医师数", "3.1", "3.6", "人"),
        ("六安市", False, "每千人口执业（助理）医师数", "2.81", "3.4", "人"),
        ("全国", True, "每千人口拥有执业（助理）医师数", "", "3.2", "人"),
    ]
    # Nothing reported after 2020 anywhere yet.
    assert {row.evaluation.status for row in comparison.rows} == {Status.NO_DATA}


def test_another_wording_finds_the_same_rows(stored):
    by_alias = compare(stored, DOCTORS_ALIAS, year=2023)
    by_hefei_name = compare(stored, "每千常住人口执业(助理)医师数", year=2023)
    assert [r.region for r in by_hefei_name.rows] == [r.region for r in by_alias.rows]
    assert by_hefei_name.concept == by_alias.concept


def test_a_recorded_value_shows_in_its_plans_row_only(stored, tmp_path):
    path = tmp_path / "hefei.csv"
    path.write_text("region,indicator,year,value\n合肥市,每千人口执业（助理）医师数,2023,3.2\n")
    with session_scope(stored) as session:
        import_observations(session, path=path, region="合肥市", author="市卫健委")
    rows = {row.region: row.evaluation for row in compare(stored, DOCTORS_ALIAS, 2023).rows}
    # 3.1 → 3.6: in 2023 the path is at 3.4; r = 0.1 / 0.3.
    assert (rows["合肥市"].value, rows["合肥市"].status) == (3.2, Status.STAGNATING)
    assert rows["合肥市"].ratio == pytest.approx(1 / 3)
    assert (rows["六安市"].value, rows["六安市"].status) == (None, Status.NO_DATA)
    assert (rows["全国"].value, rows["全国"].status) == (None, Status.NO_DATA)


def test_life_expectancy_across_plans(stored):
    rows = {
        row.region: (row.evaluation.baseline.raw, row.evaluation.target.raw)
        for row in compare(stored, "人均预期寿命", 2023).rows
    }
    assert rows == {"合肥市": ("79.81", "80.2"), "六安市": ("77.96", "78.8"), "全国": ("", "78.3")}


def test_an_unknown_indicator_is_not_found(stored):
    with pytest.raises(NotFound, match="每千人口拥有宠物医院数"):
        compare(stored, "每千人口拥有宠物医院数")


def test_an_indicator_page_lists_its_own_plan_and_the_reference_first_of_many(stored, monkeypatch):
    """A national database has 2,876 plans of one concept: the page lists this plan's row
    and the reference's whatever their place, then others up to the limit, in plan order,
    and says how many plans list the concept."""
    luan = next(row for row in compare(stored, DOCTORS_ALIAS).rows if row.region == "六安市")
    with session_scope(stored) as session:
        monkeypatch.setattr(indicator_page, "PEERS_SHOWN", 2)
        few = indicator_page.indicator_view(session, indicator_id=luan.indicator_id)
        monkeypatch.setattr(indicator_page, "PEERS_SHOWN", 50)
        every = indicator_page.indicator_view(session, indicator_id=luan.indicator_id)
    assert [(p.region, p.indicator_id == luan.indicator_id) for p in few.peers] == [
        ("六安市", True),
        ("全国", False),
    ]
    assert [p.region for p in every.peers] == ["合肥市", "六安市", "全国"]
    assert few.peer_count == every.peer_count == 3
