"""Reading observation files: CSV encodings and headers, any sheet laid out like the template."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from minsheng.collect import read_observation_file
from minsheng.errors import InputProblem, NotFound, UnsupportedFormat

ENGLISH_CSV = (
    "region,indicator,year,value,unit,source,note\n"
    "瑶海区,毛入园率,2021,96.5,%,statistical_bulletin,\n"
    "\n"
    "庐阳区,毛入园率,2021,,%,,not yet\n"
    '庐阳区,执业医师数,2022,3.3,人,,"two\nlines"\n'
    "庐阳区,执业医师数,2023,3.4,人,,\n"
)


def test_csv_with_bom_and_english_headers(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_bytes(ENGLISH_CSV.encode("utf-8-sig"))
    records = read_observation_file(path)
    assert [(r.sheet, r.row) for r in records] == [(None, 2), (None, 5), (None, 7)]
    assert records[0].values == {
        "region": "瑶海区",
        "indicator": "毛入园率",
        "year": "2021",
        "value": "96.5",
        "unit": "%",
        "source": "statistical_bulletin",
        "note": "",
    }
    assert records[1].get("note") == "two\nlines"
    assert records[0].column("region") == "region"
    assert records[0].file == "obs.csv"


def test_csv_without_bom(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_text(ENGLISH_CSV, encoding="utf-8")
    assert [r.get("region") for r in read_observation_file(path)] == ["瑶海区", "庐阳区", "庐阳区"]


def test_csv_in_gb18030_with_chinese_headers(tmp_path):
    path = tmp_path / "obs.csv"
    text = "地区,指标,年份,数值,单位\r\n瑶海区,毛入园率,2021,96.5,%\r\n"
    path.write_bytes(text.encode("gb18030"))
    (record,) = read_observation_file(path)
    assert record.row == 2
    assert record.values == {
        "region": "瑶海区",
        "indicator": "毛入园率",
        "year": "2021",
        "value": "96.5",
        "unit": "%",
    }
    assert record.column("value") == "数值"
    assert record.column("source") == "数据来源"  # absent: named as in the template


def test_csv_headers_in_any_case_width_and_order(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_text("Value ,ＹＥＡＲ,Indicator,REGION\n1,2021,x,y\n", encoding="utf-8")
    (record,) = read_observation_file(path)
    assert record.values == {"value": "1", "year": "2021", "indicator": "x", "region": "y"}


def test_tab_separated_csv(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_text("region\tindicator\tyear\tvalue\n瑶海区\tx\t2021\t1,200\n", encoding="utf-8")
    (record,) = read_observation_file(path)
    assert record.get("value") == "1,200"


def test_missing_column_names_file_and_column(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_text("region,indicator,value\n瑶海区,x,1\n", encoding="utf-8")
    with pytest.raises(InputProblem) as caught:
        read_observation_file(path)
    assert caught.value.file == "obs.csv"
    assert caught.value.field == "year"
    assert "年份" in str(caught.value)
    assert "obs.csv" in str(caught.value)


def test_workbook_missing_column_names_sheet(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append(["地区", "指标", "年份"])
    sheet.append(["瑶海区", "x", 2021])
    path = tmp_path / "obs.xlsx"
    workbook.save(path)
    with pytest.raises(InputProblem) as caught:
        read_observation_file(path)
    assert caught.value.file == "obs.xlsx[数据]"
    assert caught.value.field == "value"
    assert "数值" in caught.value.message


def test_first_sheet_with_the_headers_and_a_title_above_them(tmp_path):
    workbook = Workbook()
    notes = workbook.active
    notes.title = "封面"
    notes.append(["请见下一页"])
    data = workbook.create_sheet("监测")
    data.append(["2021年监测数据"])
    data.append([])
    data.append(["region", "indicator", "year", "value", "extra"])
    data.append(["瑶海区", "毛入园率", 2021, 96])
    data.append([None, None, None, None])
    data.append(["瑶海区", "毛入园率", 2022.0, 0.975])
    data["D6"].number_format = "0.0%"
    workbook.create_sheet("也有表头").append(["region", "indicator", "year", "value"])
    path = tmp_path / "obs.xlsx"
    workbook.save(path)
    records = read_observation_file(path)
    assert [(r.sheet, r.row, r.get("year"), r.get("value")) for r in records] == [
        ("监测", 4, "2021", "96"),
        ("监测", 6, "2022", "97.5%"),
    ]


def test_unsupported_and_missing_files(tmp_path):
    with pytest.raises(NotFound):
        read_observation_file(tmp_path / "nothing.csv")
    for name in ("obs.xls", "obs.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
        with pytest.raises(UnsupportedFormat):
            read_observation_file(tmp_path / name)


def test_corrupt_workbook_is_an_input_problem(tmp_path):
    path = tmp_path / "obs.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputProblem):
        read_observation_file(path)
