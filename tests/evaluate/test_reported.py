"""The two accounts of a finished plan: what the new plan reports, what minsheng judged."""

from __future__ import annotations

from minsheng.evaluate import Status
from minsheng.evaluate.reported import Disagreement, disagreements
from minsheng.model.cell import parse_value

A, N = Status.ACHIEVED, Status.NOT_ACHIEVED


def check(target, actual, status, judged):
    return disagreements(parse_value(target), parse_value(actual), status, judged)


def test_agreeing_accounts_give_nothing_and_rounding_is_no_disagreement():
    assert check("≥4.6", "4.7", A, (parse_value("≥4.6"), 4.68, A)) == ()
    assert check("88", "90.5", A, (parse_value("88"), 90.46, A)) == ()


def test_each_way_two_accounts_differ_is_named():
    assert check("≥4.6", "4.1", N, None) == (Disagreement.UNMATCHED,)
    assert check("≥5", "4.1", N, (parse_value("≥4.6"), 4.1, N)) == (Disagreement.TARGET,)
    assert check("≥4.6", "4.7", A, (parse_value("≥4.6"), 4.1, N)) == (
        Disagreement.ACTUAL,
        Disagreement.STATUS,
    )
    assert check("≥4.6", "4.7", A, (parse_value("≥4.6"), None, Status.NO_DATA)) == (
        Disagreement.NO_VALUE,
    )


def test_a_worded_account_is_not_set_against_numbers():
    assert check("动态清零", "动态清零", A, (parse_value("动态清零"), 1.0, A)) == ()
    assert check("≥55", "基本完成", Status.NOT_EVALUABLE, (parse_value("≥55"), 50.0, N)) == ()
