"""The template a department fills in: layout, protection, validation, instructions."""

from __future__ import annotations

from openpyxl import load_workbook

from minsheng.collect import messages as msg
from minsheng.collect import read_observation_file, validate, write_template

HEADERS = [
    "地区",
    "指标",
    "年份",
    "数值",
    "单位",
    "数据来源",
    "备注",
    "领域",
    "2020年基期值",
    "2025年目标值",
]


def _validation_for(sheet, cell):
    return [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]


def test_one_row_per_indicator_region_and_year(tmp_path, template_spec):
    path = write_template(template_spec, tmp_path / "t.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["填报", "填报说明"]
    sheet = workbook["填报"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 3 * 2 * 2
    assert rows[0] == [
        "瑶海区",
        "学前教育毛入园率",
        2021,
        None,
        "%",
        None,
        None,
        "幼有所育",
        "92",
        "≥95",
    ]
    assert rows[1][:3] == ["瑶海区", "学前教育毛入园率", 2022]
    assert rows[2][:3] == ["庐阳区", "学前教育毛入园率", 2021]
    assert {(row[0], row[1], row[2]) for row in rows} == {
        (region, name, year)
        for region in ("瑶海区", "庐阳区")
        for name in ("学前教育毛入园率", "每千人口执业（助理）医师数", "城乡低保")
        for year in (2021, 2022)
    }


def test_header_frozen_and_only_inputs_unlocked(tmp_path, template_spec):
    sheet = load_workbook(write_template(template_spec, tmp_path / "t.xlsx"))["填报"]
    assert sheet.freeze_panes == "A2"
    assert sheet.protection.sheet is True
    for row in (1, 2, 13):
        unlocked = {
            sheet.cell(row=1, column=col).value
            for col in range(1, 11)
            if not sheet.cell(row=row, column=col).protection.locked
        }
        assert unlocked == (set() if row == 1 else {"数值", "数据来源", "备注"})
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width


def test_data_validation(tmp_path, template_spec):
    sheet = load_workbook(write_template(template_spec, tmp_path / "t.xlsx"))["填报"]
    (number,) = _validation_for(sheet, "D2")
    assert number.type == "decimal"
    assert number.showErrorMessage
    (yes_no,) = _validation_for(sheet, "D10")  # 城乡低保 is qualitative: 是/否
    assert sheet["B10"].value == "城乡低保"
    assert yes_no.type == "list"
    assert yes_no.formula1 == '"是,否"'
    (source,) = _validation_for(sheet, "F13")
    assert source.type == "list"
    assert source.formula1 == '"统计公报,部门报送,其他"'
    (year,) = _validation_for(sheet, "C2")
    assert (year.type, year.formula1, year.formula2) == ("whole", "2021", "2022")
    assert sheet["C2"].protection.locked


def test_instructions_in_chinese(tmp_path, template_spec):
    workbook = load_workbook(write_template(template_spec, tmp_path / "t.xlsx"))
    text = "\n".join(
        str(cell.value) for row in workbook["填报说明"].iter_rows() for cell in row if cell.value
    )
    assert "合肥市“十四五”公共服务规划" in text
    assert "填报单位：市教育局" in text
    assert "填报年度：2021、2022" in text
    assert "是 = 已实现（导入时记为 1），否 = 未实现（导入时记为 0）" in text
    assert "应保尽保" in text
    assert "单位" in text
    assert "请勿修改" in text
    assert "毛入园率" in text


def test_filled_template_reads_back(tmp_path, template_spec, make_context):
    path = write_template(template_spec, tmp_path / "t.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["填报"]
    sheet["D2"] = 96.5
    sheet["F2"] = "统计公报"
    sheet["D3"] = 0.97  # typed as 97% in Excel
    sheet["D3"].number_format = "0%"
    sheet["D6"] = 3.2
    sheet["G6"] = "含乡村医生"
    sheet["D10"] = "是"
    sheet["D11"] = "否"
    workbook.save(path)

    records = read_observation_file(path)
    assert [(r.sheet, r.row) for r in records] == [
        ("填报", 2),
        ("填报", 3),
        ("填报", 6),
        ("填报", 10),
        ("填报", 11),
    ]  # rows with a blank 数值 are "not reported"
    assert records[0].values == {
        "region": "瑶海区",
        "indicator": "学前教育毛入园率",
        "year": "2021",
        "value": "96.5",
        "unit": "%",
        "source": "统计公报",
        "note": "",
    }
    assert records[1].get("value") == "97%"
    assert records[0].column("value") == "数值"

    result = validate(records, make_context("t.xlsx"))
    assert result.problems == []
    assert [(row.region, row.indicator, row.year, row.value) for row in result.rows] == [
        ("瑶海区", "学前教育毛入园率", 2021, 96.5),
        ("瑶海区", "学前教育毛入园率", 2022, 97.0),
        ("瑶海区", "每千人口执业（助理）医师数", 2021, 3.2),
        ("瑶海区", "城乡低保", 2021, 1.0),
        ("瑶海区", "城乡低保", 2022, 0.0),
    ]
    assert result.rows[0].source == "统计公报"
    assert result.rows[2].note == "含乡村医生"


def test_messages_hold_the_template_headers():
    template = [msg.HEADER_REGION, msg.HEADER_INDICATOR, msg.HEADER_YEAR, msg.HEADER_VALUE]
    assert template == HEADERS[:4]
