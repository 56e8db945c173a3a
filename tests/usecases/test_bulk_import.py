"""Imports of thousands of rows, written in bulk: exact revisions, both pointers, all or nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from minsheng.data.bundled import bundled_plans
from minsheng.model.plan import ParsedPlan
from minsheng.model.value import Value, ValueKind
from minsheng.store import session_scope
from minsheng.store.repositories import audit
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Region
from minsheng.usecases import ObservationFileRejected, import_observations, import_plan
from minsheng.usecases.plans import covered_regions, find_current_plan, targets_of

HEFEI = "合肥市"
YEARS = range(2020, 2026)
ROWS = 5_000


def widened(parsed: ParsedPlan, copies: int) -> ParsedPlan:
    """Hefei's plan with its indicators repeated under numbered names: room for 5,000 rows."""
    indicators = [
        indicator.model_copy(update={"name": f"{indicator.name}（{copy}）"} if copy else {})
        for copy in range(copies)
        for indicator in parsed.indicators
    ]
    return parsed.model_copy(update={"indicators": indicators, "source": "widened.json"})


@pytest.fixture
def big_plan(engine):
    """A plan of Hefei with 114 indicators × 10 regions × 6 years to report."""
    hefei = next(plan for plan in bundled_plans() if plan.plan.region == HEFEI)
    with session_scope(engine) as session:
        import_plan(session, widened(hefei, 3), author="规划处")
    return engine


def cells(engine, count: int = ROWS) -> list[list[str]]:
    """`count` valid rows (region, indicator, year, value, source), in template order."""
    with session_scope(engine) as session:
        plan = find_current_plan(session, region=HEFEI)
        regions = [r.name for r in covered_regions(session, plan, store_children=True)]
        indicators, _ = targets_of(session, plan)
        rows = [
            [region, i.name, str(year), _value(i, place, year), "部门报送"]
            for i in indicators
            for place, region in enumerate(regions)
            for year in YEARS
        ]
    assert len(rows) >= count
    return rows[:count]


def _value(indicator: Indicator, place: int, year: int) -> str:
    if Value.model_validate(indicator.target).kind is ValueKind.QUALITATIVE:
        return "1"
    return f"{10 + year - 2020 + place / 10:g}"


def corrected(row: list[str]) -> list[str]:
    """The row with another valid value: 是 becomes 否, a number grows by one."""
    value = "0" if row[3] == "1" else f"{float(row[3]) + 1:g}"
    return [*row[:3], value, row[4]]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["region", "indicator", "year", "value", "source"])
        writer.writerows(rows)
    return path


def run(engine, path: Path, *, draft: bool = False):
    with session_scope(engine) as session:
        return import_observations(session, path=path, region=HEFEI, author="卫健委", draft=draft)


def stored(engine) -> dict[tuple[str, str, int], list[tuple[float | None, str]]]:
    """Every observation of the current plan: its revisions' (value, state), oldest first."""
    with session_scope(engine) as session:
        plan = find_current_plan(session, region=HEFEI)
        query = (
            select(Region.name, Indicator.name, Observation.year, ObservationRevision)
            .join(Observation, Observation.id == ObservationRevision.observation_id)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(Region, Region.id == Observation.region_id)
            .where(Indicator.plan_id == plan.id)
            .order_by(ObservationRevision.id)
        )
        found: dict[tuple[str, str, int], list[tuple[float | None, str]]] = {}
        for region, name, year, revision in session.execute(query):
            found.setdefault((region, name, year), []).append((revision.value, revision.state))
        return found


def assert_pointers_agree_with_revisions(engine) -> None:
    """Every observation points at its newest revision, and its newest approved one."""
    with session_scope(engine) as session:
        newest = dict(
            session.execute(
                select(
                    ObservationRevision.observation_id, func.max(ObservationRevision.id)
                ).group_by(ObservationRevision.observation_id)
            ).all()
        )
        approved = dict(
            session.execute(
                select(ObservationRevision.observation_id, func.max(ObservationRevision.id))
                .where(ObservationRevision.state == "approved")
                .group_by(ObservationRevision.observation_id)
            ).all()
        )
        pointers = session.execute(
            select(Observation.id, Observation.latest_revision_id, Observation.current_revision_id)
        ).all()
    assert pointers
    assert {o: (latest, current) for o, latest, current in pointers} == {
        o: (newest.get(o), approved.get(o)) for o, _, _ in pointers
    }


def test_5000_rows_become_exactly_their_observations_and_revisions(big_plan, tmp_path):
    rows = cells(big_plan)
    before = stored(big_plan)  # the plan's own 2020 values for the city
    result = run(big_plan, write(tmp_path / "big.csv", rows))
    assert (result.recorded, result.unchanged) == (ROWS, 0)
    after = stored(big_plan)
    for region, name, year, value, _ in rows:
        key = (region, name, int(year))
        assert after[key] == [*before.get(key, []), (float(value), "approved")]
    assert len(after) == len({(r[0], r[1], int(r[2])) for r in rows} | set(before))
    assert_pointers_agree_with_revisions(big_plan)
    with session_scope(big_plan) as session:
        (entry,) = audit.entries(session, entity="observations")
        assert entry.detail == {"source": "big.csv", "rows": ROWS, "state": "approved"}


def test_one_bad_cell_among_5000_rows_writes_nothing_and_is_named(big_plan, tmp_path, row_counts):
    rows = cells(big_plan)
    rows[3000][3] = "三点二"  # line 3002 of the file: the header is line 1
    before = row_counts()
    with pytest.raises(ObservationFileRejected) as caught:
        run(big_plan, write(tmp_path / "bad.csv", rows))
    assert [(p.row, p.column) for p in caught.value.problems] == [(3002, "value")]
    assert "三点二" in caught.value.problems[0].message
    assert row_counts() == before


def test_importing_the_same_5000_rows_again_writes_nothing(big_plan, tmp_path, row_counts):
    path = write(tmp_path / "big.csv", cells(big_plan))
    run(big_plan, path)
    before = row_counts()
    result = run(big_plan, path)
    assert (result.recorded, result.unchanged) == (0, ROWS)
    assert row_counts() == before


def test_a_file_half_new_half_stored_adds_revisions_and_observations(big_plan, tmp_path):
    rows = cells(big_plan)
    run(big_plan, write(tmp_path / "first.csv", rows[:2000]))
    first = stored(big_plan)
    changed = [corrected(row) if i % 2 else row for i, row in enumerate(rows)]

    result = run(big_plan, write(tmp_path / "second.csv", changed))

    assert (result.recorded, result.unchanged) == (1000 + 3000, 1000)
    after = stored(big_plan)
    for i, (region, name, year, value, _) in enumerate(changed):
        key = (region, name, int(year))
        if i < 2000 and i % 2:  # stored and corrected: a second approved revision
            assert after[key] == [*first[key], (float(value), "approved")]
        elif i < 2000:  # stored and unchanged: nothing added
            assert after[key] == first[key]
        else:  # new
            assert after[key][-1] == (float(value), "approved")
    assert_pointers_agree_with_revisions(big_plan)


def test_drafts_over_approved_values_move_only_the_latest_pointer(big_plan, tmp_path):
    rows = cells(big_plan, 1000)
    run(big_plan, write(tmp_path / "approved.csv", rows))
    drafts = [corrected(row) for row in rows]
    result = run(big_plan, write(tmp_path / "drafts.csv", drafts), draft=True)
    assert result.recorded == 1000
    assert_pointers_agree_with_revisions(big_plan)
    with session_scope(big_plan) as session:
        moved = session.scalar(
            select(func.count()).where(
                Observation.latest_revision_id != Observation.current_revision_id
            )
        )
    assert moved == 1000  # the drafts are newest; the approved values stay in force
