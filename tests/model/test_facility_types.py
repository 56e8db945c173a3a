"""The facility-type catalogue: the types the plan needs, their radii and norms, lookup."""

from __future__ import annotations

import pytest

from minsheng.model.facility_types import NORM_KINDS, facility_type, facility_types

RADII = {5: 300.0, 10: 500.0, 15: 1000.0}  # GB 50180-2018 walking distances


def test_every_type_has_the_radius_of_its_life_circle():
    for kind in facility_types():
        assert kind.radius_m == RADII[kind.minutes], kind.code
        assert kind.code.isascii() and kind.code.isidentifier()
        assert kind.capacity_unit


def test_the_plan_types_are_there():
    expected = {
        "社区卫生服务中心": (15, 1000.0),
        "社区卫生服务站": (5, 300.0),
        "托育机构": (5, 300.0),
        "幼儿园": (5, 300.0),
        "小学": (10, 500.0),
        "初中": (15, 1000.0),
        "养老服务设施": (5, 300.0),
        "综合文化站": (15, 1000.0),
        "体育设施": (10, 500.0),
    }
    for name, (minutes, radius) in expected.items():
        kind = facility_type(name)
        assert kind is not None and kind.name == name
        assert (kind.minutes, kind.radius_m) == (minutes, radius)


@pytest.mark.parametrize(
    ("name", "kind", "value", "unit"),
    [
        ("托育机构", "per_thousand_residents", 4.5, "托位"),
        ("社区卫生服务中心", "residents_per_facility", 100_000, "床位"),
        ("社区养老服务站", "area_per_hundred_households", 30, "平方米"),
        ("全民健身设施", "area_per_resident", 2.6, "平方米"),
    ],
)
def test_norms(name, kind, value, unit):
    found = facility_type(name)
    assert found is not None and found.norm is not None
    assert (found.norm.kind, found.norm.value, found.capacity_unit) == (kind, value, unit)
    assert found.norm.text and found.norm.source


def test_norm_kinds_are_known_and_some_types_have_none():
    norms = [kind.norm for kind in facility_types()]
    assert all(norm.kind in NORM_KINDS for norm in norms if norm is not None)
    primary = facility_type("小学")
    assert primary is not None and primary.norm is None


@pytest.mark.parametrize(
    "text", ["childcare", " CHILDCARE ", "托育机构", "托 育 机 构", "托育", "ｃｈｉｌｄｃａｒｅ"]
)
def test_lookup_by_code_name_or_alias_tolerates_spaces_case_and_width(text):
    found = facility_type(text)
    assert found is not None and found.code == "childcare"


def test_unknown_type():
    assert facility_type("游泳馆") is None
    assert facility_type("") is None


def test_codes_and_names_are_unique():
    kinds = facility_types()
    assert len({k.code for k in kinds}) == len({k.name for k in kinds}) == len(kinds) >= 9
