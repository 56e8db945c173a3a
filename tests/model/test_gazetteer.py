"""The gazetteer knows every province, prefecture-level city and county-level unit of
China with its GB/T 2260 code and parent (tests/usecases/test_import_plan.py imports a
plan of a city outside the seeds)."""

from __future__ import annotations

from collections import Counter

import pytest

from minsheng.model.gazetteer import (
    CountyType,
    county_type,
    known_regions,
    province_of,
    regions_named,
)


def test_every_level_is_complete_with_unique_codes():
    levels = Counter(region.level for region in known_regions().values())
    assert levels["province"] == 34
    assert 330 <= levels["city"] <= 380
    assert levels["district"] + levels["county"] >= 2_800
    codes = list(known_regions())
    assert len(codes) == len(set(codes)) and all(len(c) == 6 and c.isdigit() for c in codes)


def test_each_unit_hangs_under_its_city_and_province():
    regions_by_code = known_regions()
    for region in regions_by_code.values():
        if region.level == "province":
            assert region.parent_code is None, region
            continue
        parent = regions_by_code[region.parent_code or ""]
        assert region.code[:2] == parent.code[:2], region  # the province's two digits
        province = province_of(region)
        assert province is not None and province.code == region.code[:2] + "0000", region
        if region.level in {"district", "county"} and parent.level == "city":
            municipal = parent.code.endswith("0100") and parent.name == province.name
            assert municipal or region.code[:4] == parent.code[:4], region


@pytest.mark.parametrize(
    ("name", "code", "parent", "kind"),
    [
        ("巩义市", "410181", "郑州市", CountyType.COUNTY_CITY),
        ("中牟县", "410122", "郑州市", CountyType.COUNTY),
        ("金水区", "410105", "郑州市", CountyType.URBAN_DISTRICT),
        ("崆峒区", "620802", "平凉市", CountyType.URBAN_DISTRICT),
        ("巢湖市", "340181", "合肥市", CountyType.COUNTY_CITY),
    ],
)
def test_county_level_units_know_their_city_and_type(name, code, parent, kind):
    (region,) = regions_named(name)
    assert region.code == code
    assert known_regions()[region.parent_code or ""].name == parent
    assert county_type(region) is kind


def test_repeated_names_are_all_known():
    assert len(regions_named("鼓楼区")) >= 3
    assert {province_of(r).name for r in regions_named("鼓楼区")} >= {"江苏省", "福建省"}
