"""Regions are created on demand with their chain of ancestors and GB/T 2260 codes."""

from __future__ import annotations

from minsheng.store import session_scope
from minsheng.store.repositories.regions import ensure_region


def test_known_city_brings_its_province(engine):
    with session_scope(engine) as session:
        ensured = ensure_region(session, name="合肥市", province="安徽省", level="city")
        hefei = ensured.region
        assert [(r.name, r.code, r.level) for r in ensured.created] == [
            ("安徽省", "340000", "province"),
            ("合肥市", "340100", "city"),
        ]
        assert hefei.parent_id == ensured.created[0].id
        again = ensure_region(session, name="合肥市", province="安徽省", level="city")
        assert again.region.id == hefei.id
        assert again.created == []


def test_district_reuses_its_city(engine):
    with session_scope(engine) as session:
        ensure_region(session, name="合肥市", province="安徽省", level="city")
        ensured = ensure_region(session, name="庐阳区", province="安徽省", level="district")
        assert [(r.name, r.code) for r in ensured.created] == [("庐阳区", "340103")]


def test_unknown_region_is_stored_by_name_under_its_province(engine):
    with session_scope(engine) as session:
        ensured = ensure_region(session, name="某某县", province="安徽省", level="county")
        province, county = ensured.created
        assert (province.code, county.code, county.level) == ("340000", None, "county")
        assert county.parent_id == province.id
        again = ensure_region(session, name="某某县", province="安徽省", level="county")
        assert again.region.id == county.id
        assert again.created == []


def test_unknown_province_too(engine):
    with session_scope(engine) as session:
        ensured = ensure_region(session, name="某市", province="某省", level="city")
        assert [(r.name, r.code, r.level) for r in ensured.created] == [
            ("某省", None, "province"),
            ("某市", None, "city"),
        ]
