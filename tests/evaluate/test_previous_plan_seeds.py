"""Verdicts on the previous plan (十三五) of the four seeds that print a completion table.

Each expectation was concluded by reading the table row by row: a row is listed here
when it is NOT simply achieved; every other row of the table is achieved.
"""

from __future__ import annotations

import pytest

from minsheng.evaluate import Status, previous_plan_verdict
from minsheng.ingest import parse_file

NOT_SIMPLY_ACHIEVED = {
    "000_7c865537b9a88152.txt": {  # 合肥市
        "学前三年毛入园率": Status.NOT_ACHIEVED,  # >100 asked, 100 reached
        "高中阶段教育毛入学率": Status.NOT_ACHIEVED,  # >100 asked, 100 reached
        "每千常住人口医疗卫生机构床位数": Status.NOT_ACHIEVED,  # 8.0 asked, 7.24 reached
        "城镇最低生活保障标准": Status.NOT_EVALUABLE,  # 670 asked, "686(646)": 646 falls short
    },
    "001_efc89e334599d1ca.txt": {  # 六安市
        "国民综合阅读率": Status.NOT_EVALUABLE,  # — / —
    },
    "003_2405b31521240998.txt": {},  # 滁州市: every target met
    "004_0c50dddbae650310.txt": {  # 淮北市
        "孕产妇死亡率": Status.NOT_EVALUABLE,  # target printed as "<18/10": not guessed
    },
}


@pytest.mark.parametrize("seed", sorted(NOT_SIMPLY_ACHIEVED))
def test_previous_plan_verdicts_match_a_careful_reading(seeds_dir, seed):
    plan = parse_file(seeds_dir / seed)
    assert plan.previous_plan_results, "the seed has a completion table"
    got = {
        r.name: previous_plan_verdict(r.target, r.actual, r.name)
        for r in plan.previous_plan_results
    }
    expected = {name: NOT_SIMPLY_ACHIEVED[seed].get(name, Status.ACHIEVED) for name in got}
    assert got == expected


def test_lower_is_better_rows_are_judged_the_right_way_round(seeds_dir):
    """Hefei: 孕产妇死亡率 <10 with 8.02, 城镇登记失业率 4.5以下 with <3.5 — both met."""
    plan = parse_file(seeds_dir / "000_7c865537b9a88152.txt")
    rows = {r.name: r for r in plan.previous_plan_results}
    for name in ("孕产妇死亡率", "婴儿死亡率", "城镇登记失业率"):
        row = rows[name]
        assert previous_plan_verdict(row.target, row.actual, name) is Status.ACHIEVED
