"""Validation: every bad cell reported where it is, nothing accepted; outliers flagged only."""

from __future__ import annotations

import dataclasses

import pytest
from openpyxl import Workbook

from minsheng.collect import (
    IndicatorSpec,
    RawRecord,
    outlier_years,
    read_observation_file,
    validate,
)
from minsheng.model.observation import CellProblem

HEADER = ["地区", "指标", "年份", "数值", "单位", "数据来源", "备注"]
FIELDS = ("region", "indicator", "year", "value", "unit", "source", "note")
COLUMNS = dict(zip(FIELDS, HEADER, strict=True))


def record(row, region, indicator, year, value, *, unit="", source="", note=""):
    values = dict(
        zip(COLUMNS, (region, indicator, str(year), str(value), unit, source, note), strict=True)
    )
    return RawRecord(file="f.csv", sheet=None, row=row, values=values, columns=COLUMNS)


def test_malformed_spreadsheet_reports_every_cell_and_accepts_nothing(tmp_path, make_context):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "填报"
    sheet.append(HEADER)
    for row in [
        ["瑶海区", "学前教育毛入园率", 2021, "abc", "%"],  # 2: not a number
        ["瑶海区", "学前教育毛入园率", 2031, 96, "%"],  # 3: year outside the period
        ["瑶海区", "不存在的指标", 2021, 5, ""],  # 4: unknown indicator
        ["瑶海区", "九年义务教育巩固率", 2021, 120, "%"],  # 5: a % above 100
        ["庐阳区", "学前教育毛入园率", 2021, 104, "%"],  # 6: fine, a gross ratio
        ["庐阳区", "每千人口执业（助理）医师数", 2021, 3.2, "万人"],  # 7: unit mismatch
        ["庐阳区", "执业医师数", 2021, 3.3, "人"],  # 8: duplicate of 7, by alias
        ["包河区", "学前教育毛入园率", 2022, 97, "%", "网上查的"],  # 9: region, source
        ["庐阳区", "每千人口执业（助理）医师数", 2022, "是", ""],  # 10: 是 for a number
        ["庐阳区", "每千人口执业（助理）医师数", 2023, -1, ""],  # 11: negative count
        ["庐阳区", "九年义务教育巩固率", 2022, "95%", "％"],  # 12: fine
    ]:
        sheet.append(row)
    path = tmp_path / "bad.xlsx"
    workbook.save(path)

    result = validate(read_observation_file(path), make_context("bad.xlsx"))

    assert result.rows == []
    assert not result.ok
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2, "数值", "数值“abc”不是数字"),
        (3, "年份", "年份2031不在规划期2020–2025内"),
        (4, "指标", "未知指标“不存在的指标”"),
        (5, "数值", "百分比应在0–100之间，不能为120"),
        (7, "单位", "单位“万人”与指标单位“人”不一致"),
        (8, "指标", "与第7行重复：同一地区、指标和年份只能填报一次"),
        (9, "地区", "未知地区“包河区”"),
        (9, "数据来源", "数据来源“网上查的”应为统计公报、部门报送、其他之一"),
        (10, "数值", "数值“是”不是数字：“是/否”只用于定性指标"),
        (11, "数值", "数值不能为负数（-1）"),
    ]
    assert {(p.file, p.sheet) for p in result.problems} == {("bad.xlsx", "填报")}
    assert str(result.problems[0]) == "bad.xlsx[填报] row 2, column 数值: 数值“abc”不是数字"


def test_valid_file_types_its_rows(make_context):
    result = validate(
        [
            record(2, "瑶海区", "毛入园率", 2020, "１０４．５", unit="%", source="部门报送"),
            record(3, "瑶海区", "九年义务教育巩固率", "2021.0", "99.1%", unit="％"),
            record(
                4,
                "庐阳区",
                "执业医师数",
                "2025年",
                "1,234",
                unit="（人）",
                source="other",
                note="口径调整",
            ),
        ],
        make_context(),
    )
    assert result.ok
    assert result.rows[0].indicator == "学前教育毛入园率"
    assert [(r.year, r.value, r.unit, r.source, r.note) for r in result.rows] == [
        (2020, 104.5, "%", "部门报送", None),
        (2021, 99.1, "%", None, None),
        (2025, 1234.0, "人", "其他", "口径调整"),
    ]
    assert [r.row for r in result.rows] == [2, 3, 4]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("是", 1.0), ("否", 0.0), ("Yes", 1.0), ("no", 0.0), ("1", 1.0), ("0", 0.0)],
)
def test_qualitative_yes_no(make_context, raw, expected):
    result = validate([record(2, "瑶海区", "城乡低保", 2021, raw)], make_context())
    assert result.problems == []
    assert result.rows[0].value == expected


@pytest.mark.parametrize("raw", ["2", "50%", "应保尽保"])
def test_qualitative_accepts_only_yes_or_no(make_context, raw):
    result = validate([record(2, "瑶海区", "城乡低保", 2021, raw)], make_context())
    assert result.rows == []
    assert [(p.column, p.message) for p in result.problems] == [
        (
            "数值",
            f"定性指标只能填“是”或“否”（或 1、0），不能填“{raw}”"
            if raw != "应保尽保"
            else "数值“应保尽保”不是数字",
        )
    ]


def test_percent_sign_only_for_percent_indicators(make_context):
    result = validate([record(2, "瑶海区", "执业医师数", 2021, "3%")], make_context())
    assert [p.message for p in result.problems] == ["数值“3%”带百分号，但指标单位是“人”"]


def test_blank_cells_are_named(make_context):
    result = validate([record(5, "", "", "", "1")], make_context())
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (5, "地区", "地区为空"),
        (5, "指标", "指标为空"),
        (5, "年份", "年份为空"),
    ]


def test_infer_indicator_spec():
    gross = IndicatorSpec.infer("学前教育毛入园率", "%")
    assert (gross.is_percent, gross.allows_over_100, gross.allows_negative) == (True, True, False)
    net = IndicatorSpec.infer("九年义务教育巩固率", "％")
    assert (net.is_percent, net.allows_over_100) == (True, False)
    growth = IndicatorSpec.infer("居民人均可支配收入增长", "%")
    assert growth.allows_negative
    count = IndicatorSpec.infer("城镇新增就业人数", "万人")
    assert (count.is_percent, count.allows_over_100) == (False, False)


# --- Outliers: the change against the region's own trend, with a floor ---------------

HISTORY = {2018: 10.0, 2019: 11.0, 2020: 12.0, 2021: 13.0}


def test_outlier_by_hand():
    # Other changes +1, +1, +1: expected +1, spread 0; allowance max(0, 0.3 × 13) = 3.9.
    # 40 is 26 off the trend: flagged; 14 is on it; 17.8 is 3.8 off: within the floor.
    assert outlier_years({**HISTORY, 2022: 40.0}, [2022]) == {2022}
    assert outlier_years({**HISTORY, 2022: 14.0}, [2022]) == set()
    assert outlier_years({**HISTORY, 2022: 17.8}, [2022]) == set()
    assert outlier_years({**HISTORY, 2022: 18.0}, [2022]) == {2022}


def test_the_issues_jump_is_flagged_and_smooth_wobbles_are_not():
    mortality = {2020: 9.8, 2021: 9.5, 2022: 9.3, 2023: 9.1}
    assert outlier_years({**mortality, 2024: 16.2}, [2024]) == {2024}  # +78 %
    assert outlier_years({**mortality, 2024: 8.8}, [2024]) == set()
    rates = {2020: 99.1, 2021: 99.3, 2022: 99.2, 2023: 99.5, 2024: 99.4}
    assert outlier_years(rates, list(rates)) == set()


def test_a_steady_trend_is_not_an_outlier_however_fast():
    # +10 a year is +33 % into 2021: the trend, not a jump.
    steady = {2018: 10.0, 2019: 20.0, 2020: 30.0, 2021: 40.0}
    assert outlier_years({**steady, 2022: 50.0}, [2022]) == set()
    assert outlier_years({**steady, 2022: 90.0}, [2022]) == {2022}


def test_a_short_history_allows_half_the_level():
    # One change to judge against is no trend: only 50 % of the level applies.
    assert outlier_years({2020: 10.0, 2021: 14.9}, [2021]) == set()
    assert outlier_years({2020: 10.0, 2021: 15.1}, [2021]) == {2021}
    assert outlier_years({2020: 10.0, 2021: 11.0, 2022: 500.0}, [2022]) == {2022}


def test_only_candidates_are_flagged():
    spiky = {2018: 10.0, 2019: 500.0, 2020: 12.0, 2021: 13.0, 2022: 14.0}
    assert outlier_years(spiky, [2019]) == {2019}
    assert outlier_years(spiky, [2022]) == set()


def test_outlier_is_flagged_not_rejected(make_context):
    history = {("瑶海区", "每千人口执业（助理）医师数"): {2017: 10, 2018: 11, 2019: 12, 2020: 13}}
    context = make_context(history=history)
    result = validate(
        [
            record(2, "瑶海区", "执业医师数", 2021, 40),
            record(3, "庐阳区", "执业医师数", 2021, 40),  # no history: nothing to compare
        ],
        context,
    )
    assert result.problems == []
    assert [r.flags for r in result.rows] == [("outlier",), ()]
    assert result.outliers == [result.rows[0]]

    calm = validate([record(2, "瑶海区", "执业医师数", 2021, 14)], context)
    assert calm.rows[0].flags == ()


def test_file_values_extend_the_history(make_context):
    history = {("瑶海区", "每千人口执业（助理）医师数"): {2018: 10, 2019: 11, 2020: 12}}
    result = validate(
        [
            record(2, "瑶海区", "执业医师数", 2021, 13),
            record(3, "瑶海区", "执业医师数", 2022, 40),
        ],
        make_context(history=history),
    )
    assert [r.flags for r in result.rows] == [(), ("outlier",)]


def test_problems_are_cell_problems(make_context):
    result = validate([record(2, "瑶海区", "执业医师数", 2030, "x")], make_context())
    assert all(isinstance(p, CellProblem) for p in result.problems)
    assert [p.column for p in result.problems] == ["年份", "数值"]


def test_a_value_outside_its_range_rule_is_flagged_not_rejected(make_context):
    name = "每千人口执业（助理）医师数"
    ranges = {(name, None): (1.0, 8.0), (name, "瑶海区"): (2.0, 5.0)}
    context = dataclasses.replace(make_context(), ranges=ranges)
    result = validate(
        [
            record(2, "瑶海区", "执业医师数", 2021, 6),  # within every region's, not 瑶海区's
            record(3, "庐阳区", "执业医师数", 2021, 6),
            record(4, "庐阳区", "执业医师数", 2022, 0.5),
        ],
        context,
    )
    assert result.problems == []
    assert [r.flags for r in result.rows] == [("outlier",), (), ("outlier",)]
