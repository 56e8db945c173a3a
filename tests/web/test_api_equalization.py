"""GET /api/v1/equalization over real HTTP: the documented JSON, and 4xx for bad input."""

from __future__ import annotations

from minsheng.store import create_engine_for, session_scope
from minsheng.usecases import import_observations
from minsheng.usecases.population import import_population
from tests.hefei import HEFEI_DISTRICTS

DISTRICTS = HEFEI_DISTRICTS
VALUES = (80.9, 81.4, 81.6, 81.2, 79.6, 79.8, 80.1, 79.3, 79.6)  # 示例数据
PEOPLE = (1_010_000, 660_000, 1_100_000, 1_250_000, 780_000, 900_000, 960_000, 900_000, 720_000)
MEASURES = {"cv", "gini", "theil_t", "theil_l", "max_min_ratio", "decomposition"}


def test_the_documented_json_and_bad_input(live_server, tmp_path):
    values = tmp_path / "values.csv"
    rows = [f"{d},人均预期寿命,2023,{v}" for d, v in zip(DISTRICTS, VALUES, strict=True)]
    values.write_text("region,indicator,year,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    people = tmp_path / "people.csv"
    rows = [f"{d},2023,{p}" for d, p in zip(DISTRICTS, PEOPLE, strict=True)]
    people.write_text("region,year,population\n" + "\n".join(rows) + "\n", encoding="utf-8")
    engine = create_engine_for(live_server.database_url)
    try:
        with session_scope(engine) as session:
            import_observations(session, path=values, region="合肥市", author="卫健委")
            import_population(session, path=people, author="统计局")
    finally:
        engine.dispose()
    with live_server.client() as client:
        found = client.get(
            "/api/v1/equalization",
            params={"plan": "合肥市", "indicator": "人均预期寿命", "year": 2023},
        )
        assert found.status_code == 200, found.text
        body = found.json()
        assert (body["indicator"], body["year"]) == ("人均预期寿命", 2023)
        assert [r["region"] for r in body["regions"]] == list(DISTRICTS)
        assert all(r["code"] and r["population"] for r in body["regions"])
        assert set(body["unweighted"]) == MEASURES and set(body["weighted"]) == MEASURES
        split = body["weighted"]["decomposition"]
        assert split["grouping"] == "urban_county"
        total = split["theil_t"]["between"] + split["theil_t"]["within"]
        assert abs(total - body["weighted"]["theil_t"]) < 1e-12
        assert body["reaching_target"]["of"] == len(DISTRICTS)
        unknown = client.get(
            "/api/v1/equalization", params={"plan": "合肥市", "indicator": "无此指标", "year": 2023}
        )
        assert unknown.status_code == 422
        nowhere = client.get(
            "/api/v1/equalization",
            params={"plan": "某市", "indicator": "人均预期寿命", "year": 2023},
        )
        assert nowhere.status_code == 404
