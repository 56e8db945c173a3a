"""Range rules planners set are applied to uploads too, not only on the review page: a value
outside its region's range is stored and returned flagged, with the range in the reason."""

from __future__ import annotations

import csv

from tests.hefei import hefei_database

from minsheng.store import session_scope
from minsheng.usecases import import_observations
from minsheng.usecases.ranges import set_range


def test_an_uploaded_value_outside_its_range_is_flagged(tmp_path):
    engine, _ = hefei_database(tmp_path)
    with session_scope(engine) as session:
        set_range(
            session, plan="合肥市", indicator="孕产妇死亡率", region=None, low=0, high=9,
            author="规划处",
        )  # fmt: skip
    path = tmp_path / "values.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["region", "indicator", "year", "value", "source"])
        writer.writerow(["合肥市", "孕产妇死亡率", "2024", "10", "部门报送"])
        writer.writerow(["合肥市", "婴儿死亡率", "2024", "2.5", "部门报送"])
    with session_scope(engine) as session:
        found = import_observations(session, path=path, region="合肥市", author="卫健委")
    assert found.recorded == 2
    flagged = {row.indicator: row for row in found.outliers}
    assert set(flagged) == {"孕产妇死亡率"}
    assert flagged["孕产妇死亡率"].flags == ("outlier",)
    engine.dispose()
