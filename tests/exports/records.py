"""Observations the export tests record: Hefei and two districts, a few years."""

from __future__ import annotations

from minsheng.collect import RawRecord

HEFEI = "合肥市"
DOCTORS = "每千常住人口执业(助理)医师数"
BEDS = "每千常住人口医疗卫生机构床位数"
INSURANCE = "基本医疗保险参保率"


def hefei_records(doctors_2023: float = 3.25) -> list[RawRecord]:
    """Seven values; `doctors_2023` differs between calls to make a later revision."""
    rows = [
        (HEFEI, DOCTORS, 2021, "3.05", "统计公报"),
        (HEFEI, DOCTORS, 2022, "3.12", ""),
        (HEFEI, DOCTORS, 2023, str(doctors_2023), ""),
        ("庐阳区", DOCTORS, 2023, "3.4", ""),
        ("肥西县", BEDS, 2022, "5.9", "部门报送"),
        (HEFEI, BEDS, 2023, "6.8", ""),
        (HEFEI, INSURANCE, 2023, "96.5%", ""),
    ]
    fields = ("region", "indicator", "year", "value", "source")
    return [
        RawRecord("test", None, number, dict(zip(fields, map(str, row), strict=True)), {})
        for number, row in enumerate(rows, start=2)
    ]
