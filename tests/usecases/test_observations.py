"""import_observations on a real database: aliases, districts, all-or-nothing, drafts, outliers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, inspect, select, table

from minsheng.model.observation import ReviewState, Source
from minsheng.store import session_scope
from minsheng.store.repositories import observations
from minsheng.store.repositories.observations import current_values
from minsheng.store.tables import Indicator, Observation, Region
from minsheng.usecases import ObservationFileRejected, import_observations

HEFEI = "合肥市"
DOCTORS = "每千常住人口执业(助理)医师数"  # as Hefei's plan words it
DOCTORS_ALIAS = "每千人口执业（助理）医师数"  # another wording the catalogue knows
LIFE = "人均预期寿命"
BEDS = "每千常住人口医疗卫生机构床位数"
INSURANCE = "基本医疗保险参保率"  # unit %, not a gross ratio


@pytest.fixture
def database_url(hefei_database_url):
    """Every test here starts from the Hefei plan as imported (a copy of a template)."""
    return hefei_database_url


@pytest.fixture
def hefei(engine):
    return engine


def write_csv(path: Path, rows: list[tuple]) -> Path:
    lines = ["region,indicator,year,value,source"]
    lines += [",".join(str(cell) for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(engine, path: Path, *, draft: bool = False, author: str = "市卫健委"):
    with session_scope(engine) as session:
        return import_observations(session, path=path, region=HEFEI, author=author, draft=draft)


def values_by_name(engine, year: int, *, region: str | None = None) -> dict:
    """(indicator name, region name) → the current value and its source, for one year."""
    with session_scope(engine) as session:
        plan_id = session.scalar(select(Indicator.plan_id).where(Indicator.name == LIFE))
        names = dict(session.execute(select(Indicator.id, Indicator.name)).all())
        regions = dict(session.execute(select(Region.id, Region.name)).all())
        return {
            (names[key[0]], regions[key[1]]): (value.value, value.source)
            for key, value in current_values(session, plan_id=plan_id).items()
            if key[2] == year and (region is None or regions[key[1]] == region)
        }


def history(engine, name: str, region: str, year: int) -> list[tuple[float, str]]:
    """Every revision of one observation, oldest first, as (value, state)."""
    with session_scope(engine) as session:
        observation = session.scalar(
            select(Observation)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(Region, Region.id == Observation.region_id)
            .where(Indicator.name == name, Region.name == region, Observation.year == year)
        )
        assert observation is not None, f"no observation of {name} in {region} {year}"
        revisions = observations.revisions(session, observation_id=observation.id)
        return [(r.value, r.state) for r in revisions]


def every_table_count(engine) -> dict[str, int]:
    names = inspect(engine).get_table_names()
    assert {"regions", "plans", "observations", "observation_revisions", "audit_log"} <= set(names)
    with engine.connect() as connection:
        return {
            name: connection.scalar(select(func.count()).select_from(table(name))) for name in names
        }


def test_a_valid_csv_with_an_alias_and_a_district_is_recorded_approved(hefei, tmp_path):
    path = write_csv(
        tmp_path / "health.csv",
        [
            (HEFEI, LIFE, 2023, "80.0", "统计公报"),
            (HEFEI, DOCTORS_ALIAS, 2023, "3.2", "部门报送"),
            ("蜀山区", BEDS, 2023, "9.1", ""),
        ],
    )
    result = run(hefei, path)
    assert (result.region, result.recorded, result.state) == (HEFEI, 3, ReviewState.APPROVED)
    assert result.outliers == []
    assert values_by_name(hefei, 2023) == {
        (LIFE, HEFEI): (80.0, Source.STATISTICAL_BULLETIN.value),
        (DOCTORS, HEFEI): (3.2, Source.DEPARTMENT.value),  # stored under the plan's own name
        (BEDS, "蜀山区"): (9.1, Source.DEPARTMENT.value),  # no source given: a department's
    }
    # The plan's baselines are untouched by the import.
    assert values_by_name(hefei, 2020, region=HEFEI)[(DOCTORS, HEFEI)] == (3.1, Source.PLAN.value)
    assert history(hefei, DOCTORS, HEFEI, 2023) == [(3.2, ReviewState.APPROVED.value)]


def test_a_malformed_workbook_names_every_bad_cell_and_writes_nothing(hefei, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "填报"
    sheet.append(["地区", "指标", "年份", "数值", "单位", "数据来源", "备注"])
    sheet.append([HEFEI, LIFE, 2023, 80.1, "岁", None, None])  # row 2: fine
    sheet.append([HEFEI, DOCTORS, 2023, "三点二", "人", None, None])  # row 3: text value
    sheet.append([HEFEI, BEDS, 2031, 7.5, "张", None, None])  # row 4: after the period
    sheet.append([HEFEI, "每千人口拥有宠物医院数", 2023, 1.0, None, None, None])  # row 5
    sheet.append([HEFEI, INSURANCE, 2023, 120, "%", None, None])  # row 6: 120 %
    sheet.append(["芜湖市", LIFE, 2023, 80.0, "岁", None, None])  # row 7: not Hefei's
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    before = every_table_count(hefei)

    with pytest.raises(ObservationFileRejected) as caught:
        run(hefei, path)

    problems = caught.value.problems
    assert sorted((p.row, p.column) for p in problems) == [
        (3, "数值"),
        (4, "年份"),
        (5, "指标"),
        (6, "数值"),
        (7, "地区"),
    ]
    assert all((p.file, p.sheet) == ("bad.xlsx", "填报") for p in problems)
    by_row = {p.row: p.message for p in problems}
    assert "三点二" in by_row[3]
    assert "2031" in by_row[4]
    assert "每千人口拥有宠物医院数" in by_row[5]
    assert "120" in by_row[6]
    assert "芜湖市" in by_row[7]
    assert str(path) in str(caught.value)
    assert "5 problem(s), nothing imported" in str(caught.value)
    assert every_table_count(hefei) == before
    assert values_by_name(hefei, 2023) == {}  # not even the good row 2


def test_a_gross_ratio_may_pass_100_percent(hefei, tmp_path):
    """The control for row 6 above: the same 120 is fine for a 毛入学率."""
    path = write_csv(tmp_path / "ratio.csv", [(HEFEI, "高中阶段教育毛入学率", 2023, "120", "")])
    assert run(hefei, path).recorded == 1


def test_drafts_wait_and_a_later_approved_value_is_current(hefei, tmp_path):
    draft = write_csv(tmp_path / "draft.csv", [(HEFEI, DOCTORS, 2023, "3.3", "")])
    result = run(hefei, draft, draft=True)
    assert (result.recorded, result.state) == (1, ReviewState.DRAFT)
    assert history(hefei, DOCTORS, HEFEI, 2023) == [(3.3, ReviewState.DRAFT.value)]
    assert values_by_name(hefei, 2023) == {}  # a draft is not in force

    approved = write_csv(tmp_path / "approved.csv", [(HEFEI, DOCTORS_ALIAS, 2023, "3.25", "")])
    assert run(hefei, approved).state == ReviewState.APPROVED
    assert history(hefei, DOCTORS, HEFEI, 2023) == [
        (3.3, ReviewState.DRAFT.value),
        (3.25, ReviewState.APPROVED.value),
    ]
    assert values_by_name(hefei, 2023) == {(DOCTORS, HEFEI): (3.25, Source.DEPARTMENT.value)}


def test_a_draft_after_an_approved_value_leaves_the_approved_one_in_force(hefei, tmp_path):
    run(hefei, write_csv(tmp_path / "a.csv", [(HEFEI, DOCTORS, 2023, "3.25", "")]))
    run(hefei, write_csv(tmp_path / "b.csv", [(HEFEI, DOCTORS, 2023, "3.9", "")]), draft=True)
    assert values_by_name(hefei, 2023) == {(DOCTORS, HEFEI): (3.25, Source.DEPARTMENT.value)}


def build_history(engine, tmp_path) -> None:
    """Doctors per 1000 in 庐阳区: 2021–2023 rising about 3 % a year (2020 has no value)."""
    rows = [("庐阳区", DOCTORS, year, value, "") for year, value in
            ((2021, "3.00"), (2022, "3.10"), (2023, "3.18"))]  # fmt: skip
    assert run(engine, write_csv(tmp_path / "history.csv", rows)).outliers == []


def test_a_wild_value_is_stored_and_reported_as_an_outlier(hefei, tmp_path):
    build_history(hefei, tmp_path)
    before = every_table_count(hefei)
    wild = write_csv(tmp_path / "wild.csv", [("庐阳区", DOCTORS, 2024, "31.8", "")])
    result = run(hefei, wild)
    assert result.recorded == 1
    assert [(o.region, o.indicator, o.year, o.value, o.row) for o in result.outliers] == [
        ("庐阳区", DOCTORS, 2024, 31.8, 2)
    ]
    assert result.outliers[0].flags == ("outlier",)
    assert values_by_name(hefei, 2024) == {(DOCTORS, "庐阳区"): (31.8, Source.DEPARTMENT.value)}
    assert every_table_count(hefei)["observation_revisions"] == (
        before["observation_revisions"] + 1
    )


def test_an_ordinary_next_value_is_no_outlier(hefei, tmp_path):
    build_history(hefei, tmp_path)
    usual = write_csv(tmp_path / "usual.csv", [("庐阳区", DOCTORS, 2024, "3.27", "")])
    result = run(hefei, usual)
    assert (result.recorded, result.outliers) == (1, [])
