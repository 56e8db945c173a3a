"""Cells of plan indicator tables become typed values; raw text is never lost or guessed."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from minsheng.model.cell import parse_value
from minsheng.model.value import Comparator, Value, ValueKind

K = ValueKind


GE, GT, LE, LT, APPROX = (
    Comparator.GE,
    Comparator.GT,
    Comparator.LE,
    Comparator.LT,
    Comparator.APPROX,
)

NUMBERS = [
    ("1.38", 1.38),
    ("12.50", 12.5),
    ("100", 100.0),
    ("-3.2", -3.2),
    ("10390", 10390.0),
    ("1,200", 1200.0),
    ("1,234,567.5", 1234567.5),
    ("１００", 100.0),
    ("１．３８", 1.38),
    ("１，２００", 1200.0),
    ("0", 0.0),
]

PERCENTS = [("100%", 100.0), ("95％", 95.0), ("99.5%", 99.5), ("１００％", 100.0), ("95 %", 95.0)]

COMPARISONS = [
    ("≥95", GE, 95.0, False),
    ("≧95", GE, 95.0, False),
    ("⩾95", GE, 95.0, False),
    (">=95", GE, 95.0, False),
    ("＞=95", GE, 95.0, False),
    ("＞＝95", GE, 95.0, False),
    ("不低于90", GE, 90.0, False),
    ("不少于90", GE, 90.0, False),
    ("不小于90", GE, 90.0, False),
    ("大于等于90", GE, 90.0, False),
    ("至少3", GE, 3.0, False),
    ("达到95%", GE, 95.0, True),
    ("95以上", GE, 95.0, False),
    ("95%以上", GE, 95.0, True),
    ("95及以上", GE, 95.0, False),
    (">90", GT, 90.0, False),
    ("＞90", GT, 90.0, False),
    ("超过90", GT, 90.0, False),
    ("高于90", GT, 90.0, False),
    ("大于90", GT, 90.0, False),
    ("≤5", LE, 5.0, False),
    ("≦5", LE, 5.0, False),
    ("⩽5", LE, 5.0, False),
    ("<=5", LE, 5.0, False),
    ("＜=5", LE, 5.0, False),
    ("不高于5", LE, 5.0, False),
    ("不超过5", LE, 5.0, False),
    ("不大于5", LE, 5.0, False),
    ("小于等于5", LE, 5.0, False),
    ("5以下", LE, 5.0, False),
    ("5以内", LE, 5.0, False),
    ("5%以内", LE, 5.0, True),
    ("5及以下", LE, 5.0, False),
    ("<18", LT, 18.0, False),
    ("＜18", LT, 18.0, False),
    ("低于18", LT, 18.0, False),
    ("少于18", LT, 18.0, False),
    ("小于18", LT, 18.0, False),
    ("约3", APPROX, 3.0, False),
    ("大约3", APPROX, 3.0, False),
    ("≈3", APPROX, 3.0, False),
    ("3左右", APPROX, 3.0, False),
    ("≥ 4.6", GE, 4.6, False),
    ("≥95%", GE, 95.0, True),
    ("≥９５％", GE, 95.0, True),
    ("95 以上", GE, 95.0, False),
    ("≥95%以上", GE, 95.0, True),
    ("约3左右", APPROX, 3.0, False),
    ("≥-1", GE, -1.0, False),
]

RANGES = [
    ("28~35", 28.0, 35.0, False),
    ("28～35", 28.0, 35.0, False),
    ("28〜35", 28.0, 35.0, False),
    ("28-35", 28.0, 35.0, False),
    ("28－35", 28.0, 35.0, False),
    ("28—35", 28.0, 35.0, False),
    ("28——35", 28.0, 35.0, False),
    ("28–35", 28.0, 35.0, False),
    ("28至35", 28.0, 35.0, False),
    ("28到35", 28.0, 35.0, False),
    ("28 ~ 35", 28.0, 35.0, False),
    ("28%~35%", 28.0, 35.0, True),
    ("28~35%", 28.0, 35.0, True),
    ("２８％～３５％", 28.0, 35.0, True),
    ("1.5~2.5", 1.5, 2.5, False),
    ("-3~-1", -3.0, -1.0, False),
    ("35~28", 35.0, 28.0, False),
]

CUMULATIVE = [
    ("[20]", K.NUMBER, 20.0),
    ("［20］", K.NUMBER, 20.0),
    ("【20】", K.NUMBER, 20.0),
    ("〔20〕", K.NUMBER, 20.0),
    ("[19.77]", K.NUMBER, 19.77),
    ("[≥20]", K.COMPARISON, 20.0),
    ("【≥20】", K.COMPARISON, 20.0),
    ("[ 20 ]", K.NUMBER, 20.0),
    ("[[20]]", K.NUMBER, 20.0),
]

QUALITATIVE = [
    ("应保尽保", "应保尽保"),
    ("动态清零", "动态清零"),
    ("全覆盖", "全覆盖"),
    ("持续提升", "持续提升"),
    ("基本实现", "基本实现"),
    ("逐步提高", "逐步提高"),
    ("稳步提升", "稳步提升"),
    ("有所下降", "有所下降"),
    ("翻一番", "翻一番"),
    ("≥全国平均", "≥全国平均"),
    ("【全覆盖】", "全覆盖"),
    ("[ 全覆盖 ]", "全覆盖"),
]

MISSING = ["", "—", "——", "-", "－", "/", "／", "无", "暂无", "…", "……", "...", "--", "[—]"]

ODD = [
    "686(646)",
    "686（646）",
    "<18/10",
    "＜18/10",
    "1.5/2",
    "1,2",
    "28 35",
    "4.6个以上（城区）",
    "5栋楼",
    "≥3以下",
    "3左右以上",
    "x",
    "N/A",
    "%",
    "≥",
    "3.",
    "28~35左右",
    "1 200",
]

UNITS = [
    ("5万人", 5.0, "万人", "万"),
    ("300个", 300.0, "个", None),
    ("1.5万", 1.5, "万", "万"),
    ("2亿元", 2.0, "亿元", "亿"),
    ("2.5张", 2.5, "张", None),
    ("80岁", 80.0, "岁", None),
    ("5‰", 5.0, "‰", None),
    ("15 分钟", 15.0, "分钟", None),
    ("2个百分点", 2.0, "个百分点", None),
]


def _assert_only(value: Value, **fields: object) -> None:
    """Every field not named must keep its default, so no stray data sneaks in."""
    defaults = Value(raw=value.raw, kind=value.kind).model_dump()
    expected = defaults | {"raw": value.raw, "kind": value.kind} | fields
    assert value.model_dump() == expected


@pytest.mark.parametrize(("raw", "number"), NUMBERS)
def test_numbers(raw: str, number: float) -> None:
    _assert_only(parse_value(raw), kind=K.NUMBER, number=number)


@pytest.mark.parametrize(("raw", "number"), PERCENTS)
def test_percents(raw: str, number: float) -> None:
    _assert_only(parse_value(raw), kind=K.NUMBER, number=number, percent=True)


@pytest.mark.parametrize(("raw", "comparator", "number", "percent"), COMPARISONS)
def test_comparisons(raw: str, comparator: Comparator, number: float, percent: bool) -> None:
    value = parse_value(raw)
    _assert_only(value, kind=K.COMPARISON, number=number, comparator=comparator, percent=percent)


@pytest.mark.parametrize(("raw", "low", "high", "percent"), RANGES)
def test_ranges(raw: str, low: float, high: float, percent: bool) -> None:
    value = parse_value(raw)
    assert (value.kind, value.low, value.high, value.percent) == (K.RANGE, low, high, percent)
    assert value.number is None
    assert (value.note is not None) == (low > high)


@pytest.mark.parametrize(("raw", "kind", "number"), CUMULATIVE)
def test_cumulative(raw: str, kind: ValueKind, number: float) -> None:
    value = parse_value(raw)
    assert (value.raw, value.kind, value.number, value.cumulative) == (raw, kind, number, True)


@pytest.mark.parametrize(("raw", "text"), QUALITATIVE)
def test_qualitative(raw: str, text: str) -> None:
    value = parse_value(raw)
    assert (value.kind, value.text, value.number) == (K.QUALITATIVE, text, None)
    assert value.cumulative == raw.startswith(("[", "【"))


@pytest.mark.parametrize("raw", MISSING)
def test_missing(raw: str) -> None:
    value = parse_value(raw)
    assert (value.raw, value.kind, value.number, value.text) == (raw, K.MISSING, None, None)


@pytest.mark.parametrize("raw", ODD)
def test_odd_cells_are_kept_with_a_note_and_no_number(raw: str) -> None:
    value = parse_value(raw)
    assert (value.raw, value.kind, value.number, value.low, value.high) == (
        raw,
        K.ODD,
        None,
        None,
        None,
    )
    assert value.note


@pytest.mark.parametrize(("raw", "number", "unit", "multiplier"), UNITS)
def test_units_are_noted_and_multipliers_never_applied(
    raw: str, number: float, unit: str, multiplier: str | None
) -> None:
    value = parse_value(raw)
    assert (value.kind, value.number) == (K.NUMBER, number)
    assert value.note is not None
    assert f"unit in cell: {unit}" in value.note
    assert ("multiplier" in value.note) == (multiplier is not None)


def test_unit_with_comparator() -> None:
    value = parse_value("4.6个以上")
    assert (value.kind, value.comparator, value.number) == (K.COMPARISON, GE, 4.6)
    assert value.note == "unit in cell: 个"


def test_range_with_unit() -> None:
    value = parse_value("28~35万人")
    assert (value.kind, value.low, value.high) == (K.RANGE, 28.0, 35.0)
    assert value.note is not None
    assert "万" in value.note


def test_odd_note_counts_numbers() -> None:
    assert parse_value("686(646)").note == "2 numbers that do not form a range; kept verbatim"


def test_conflicting_comparators_are_explained() -> None:
    note = parse_value("≥3以下").note
    assert note is not None
    assert "disagree" in note


# --- properties -------------------------------------------------------------------

FULL_WIDTH = str.maketrans("0123456789.,-%", "０１２３４５６７８９．，－％")
GE_PREFIXES = ["≥", "≧", "⩾", ">=", "＞=", "＞＝", "不低于", "不少于", "达到"]
GE_SUFFIXES = ["以上", "及以上"]
SEPARATORS = ["~", "～", "〜", "-", "－", "—", "——", "–", "至", "到"]
PERCENT_SIGNS = ["", "%", "％"]

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
non_negative = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
formats = st.sampled_from(["{:.0f}", "{:.1f}", "{:.2f}", "{:.6f}", "{:,.2f}", "{:,.0f}"])


def _text_of(number: float, fmt: str, full_width: bool) -> str:
    text = fmt.format(number)
    return text.translate(FULL_WIDTH) if full_width else text


def _as_float(text: str) -> float:
    return float(text.translate(str.maketrans("０１２３４５６７８９．－", "0123456789.-", "，,")))


@st.composite
def numeric_cells(draw: st.DrawFn) -> str:
    """Cells built from the numeric grammar, with or without a percent sign."""
    number = _text_of(draw(non_negative), draw(formats), draw(st.booleans()))
    sign = draw(st.sampled_from(PERCENT_SIGNS))
    shape = draw(st.sampled_from(["plain", "prefix", "suffix", "range"]))
    if shape == "prefix":
        return f"{draw(st.sampled_from(GE_PREFIXES))}{number}{sign}"
    if shape == "suffix":
        return f"{number}{sign}{draw(st.sampled_from(GE_SUFFIXES))}"
    if shape == "range":
        return f"{number}{sign}{draw(st.sampled_from(SEPARATORS))}{number}{sign}"
    return f"{number}{sign}"


@given(st.text())
@example("[")
@example("[]")
@example("【" * 50 + "1" + "】" * 50)
@example("1" + " " * 5000 + "x")
def test_never_raises_and_keeps_raw(raw: str) -> None:
    value = parse_value(raw)
    assert value.raw == raw
    assert isinstance(value.kind, ValueKind)


@given(st.text())
def test_fields_match_kind(raw: str) -> None:
    value = parse_value(raw)
    has_number = value.kind in (K.NUMBER, K.COMPARISON)
    assert (value.number is not None) == has_number
    assert (value.comparator is not None) == (value.kind == K.COMPARISON)
    assert (value.low is not None) == (value.high is not None) == (value.kind == K.RANGE)
    assert (value.text is not None) == (value.kind == K.QUALITATIVE)
    if value.kind == K.ODD:
        assert value.note


@given(finite, formats, st.booleans())
def test_formatted_float_parses_back(number: float, fmt: str, full_width: bool) -> None:
    text = _text_of(number, fmt, full_width)
    value = parse_value(text)
    assert (value.kind, value.number, value.percent) == (K.NUMBER, _as_float(text), False)


@given(finite, st.sampled_from(GE_PREFIXES), st.sampled_from(["", " "]))
def test_ge_prefix(number: float, prefix: str, space: str) -> None:
    value = parse_value(f"{prefix}{space}{number:.3f}")
    assert (value.kind, value.comparator, value.number) == (
        K.COMPARISON,
        GE,
        float(f"{number:.3f}"),
    )


@given(finite, st.sampled_from(GE_SUFFIXES))
def test_ge_suffix(number: float, suffix: str) -> None:
    value = parse_value(f"{number:.2f}{suffix}")
    assert (value.kind, value.comparator, value.number) == (
        K.COMPARISON,
        GE,
        float(f"{number:.2f}"),
    )


@given(st.text(), st.sampled_from(["[]", "［］", "【】", "〔〕"]))
def test_brackets_mark_cumulative_and_change_nothing_else(inner: str, brackets: str) -> None:
    raw = f"{brackets[0]}{inner}{brackets[1]}"
    outer, plain = parse_value(raw), parse_value(inner)
    assert outer.cumulative
    assert outer == plain.model_copy(update={"raw": raw, "cumulative": True})


@given(non_negative, non_negative, st.sampled_from(SEPARATORS), formats)
def test_ranges_keep_low_and_high(low: float, high: float, separator: str, fmt: str) -> None:
    low_text, high_text = fmt.format(low), fmt.format(high)
    value = parse_value(f"{low_text}{separator}{high_text}")
    assert (value.kind, value.low, value.high) == (
        K.RANGE,
        _as_float(low_text),
        _as_float(high_text),
    )


@given(numeric_cells())
def test_percent_iff_sign_present(raw: str) -> None:
    value = parse_value(raw)
    assert value.kind in (K.NUMBER, K.COMPARISON, K.RANGE)
    assert value.percent == ("%" in raw or "％" in raw)


@given(st.text())
def test_percent_only_when_sign_present(raw: str) -> None:
    value = parse_value(raw)
    if value.kind in (K.NUMBER, K.COMPARISON, K.RANGE):
        assert value.percent == ("%" in raw or "％" in raw)
    else:
        assert not value.percent


@given(st.text(alphabet="-—–―/…－／", min_size=1))
def test_dash_and_slash_runs_are_missing(raw: str) -> None:
    assert parse_value(raw).kind == K.MISSING


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1))
def test_chinese_text_without_digits_is_qualitative(raw: str) -> None:
    value = parse_value(raw)
    if raw in ("无", "暂无"):
        assert value.kind == K.MISSING
    else:
        assert (value.kind, value.text) == (K.QUALITATIVE, raw)
