"""The national-floor comparator on standards worded as such documents word them."""

from __future__ import annotations

from minsheng.evaluate.standard_floor import Floor, Quantity, check_floor, quantities


def test_reads_amounts_frequencies_and_shares_whatever_the_wording():
    assert quantities("按每人每年不低于1200元标准发放，覆盖率达到95％") == [
        Quantity(1200, "元/人·年"),
        Quantity(95, "%"),
    ]
    assert quantities("每月补助 300 元；每年提供2次随访") == [
        Quantity(300, "元/月"),
        Quantity(2, "次/年"),
    ]
    assert quantities("补助标准0.12万元/人·年，随访4次/年") == [
        Quantity(1200, "元/人·年"),
        Quantity(4, "次/年"),
    ]
    assert quantities("免费提供，具体按国家规定执行") == []


def test_a_lower_local_number_of_the_same_measure_is_below_the_floor():
    found = check_floor("每人每年不低于80元", "每人每年不低于89元")
    assert found.result is Floor.BELOW
    assert [(p.measure, p.local, p.national) for p in found.pairs] == [("元/人·年", 80, 89)]


def test_equal_or_higher_meets_the_floor_and_only_like_measures_are_compared():
    assert check_floor("每人每年100元，每年2次", "每人每年89元，每年2次").result is Floor.MEETS
    # 元/月 and 元/人·年 measure different things: nothing to compare.
    assert check_floor("每月300元", "每人每年3600元").result is Floor.NOT_COMPARABLE
    assert check_floor("按规定执行", "每年1次").result is Floor.NOT_COMPARABLE
    assert check_floor(None, "每年1次").pairs == ()


def test_repeated_measures_compare_in_order_only_when_counts_agree():
    assert check_floor("0-6岁每年2次，孕产妇每年5次", "每年2次，每年5次").result is Floor.MEETS
    assert check_floor("每年1次，每年5次", "每年2次，每年5次").result is Floor.BELOW
    assert check_floor("每年3次", "每年2次，每年5次").result is Floor.NOT_COMPARABLE
