"""Turn one indicator-table cell into a typed `Value`, never guessing.

Cells come from the indicator tables of Chinese public-service five-year plans
(十四五公共服务规划). `parse_value` receives one already-stripped cell and returns a
`Value` whose `raw` is that exact string; everything else is read from it.

Grammar, tried in this order on the cell:

1. Brackets around the whole cell (`[20]`, `［20］`, `【20】`, `〔20〕`) mark a five-year
   cumulative total: the inside is parsed by the rules below and `cumulative` is set,
   whatever kind the inside turns out to be. Nested brackets count as one pair.
   A trailing star (`3.82*`, `4629＊`) is the other cumulative mark plans use, explained
   in a footnote; it is peeled the same way.
2. Missing: empty, dashes (`-`, `—`, `——`, `－`), slashes, `…`/`...`, `无`, `暂无`.
3. No ASCII digit (after width folding): Chinese text is a QUALITATIVE commitment
   (`应保尽保`, `全覆盖`, also `≥全国平均`) with `text` = the cell without brackets;
   anything else (stray symbols, Latin text) is ODD.
4. One number, optionally with `%`, a unit and comparator words (`≥95%`, `95%以上`,
   `不低于90`, `约3`, `3左右`, `≥ 4.6`) → NUMBER, or COMPARISON when a comparator is
   present. A comparator both before and after is accepted only if both agree.
5. Two numbers joined by `~ ～ 〜 - — —— – 至 到` (`28~35`, `28%~35%`) → RANGE. A
   reversed range is kept as given, with a note.
6. Anything else → ODD with a note saying why; `number` stays None.

Decisions for ambiguous cells:

- Full-width ASCII (`１００`, `．`, `％`, `＞`, `［`, `～`, `，`) is folded to half width
  before matching; `raw` and the qualitative `text` keep the original characters.
- `,` is read as a thousands separator only in groups of three (`1,200`); `1,2` is ODD.
- A unit right after the number (`5万人`, `300个`, `2.5张`, `5‰`) is accepted only from
  a fixed list of unit words (`_UNITS`), recorded in `note` as "unit in cell: …". Words
  outside the list (`5栋楼`) make the cell ODD, so no free text is taken for a unit.
- The multipliers 万/亿/千万/百万 are never applied: `1.5万` is 1.5 with a note, because
  the table's unit column usually carries the multiplier already.
- `以上`/`以下` follow the Chinese legal reading and include the number: GE and LE.
  `达到` (reach) reads as GE.
- Trailing text that is neither unit nor comparator (`4.6个以上（城区）`), a second
  number in parentheses (`686(646)`) or after a slash (`<18/10`, `1.5/2`) → ODD.
- Chinese numerals are not numbers here: `翻一番` is QUALITATIVE.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from minsheng.model.value import Comparator, Value, ValueKind

_FULL_WIDTH_OFFSET = 0xFEE0

# Full-width ASCII (！ to ～) to half width, plus the ideographic space, the minus sign
# and the wave dash, so the patterns below only need the half-width spellings.
_FOLD: dict[int, int] = {code: code - _FULL_WIDTH_OFFSET for code in range(0xFF01, 0xFF5F)} | {
    0x3000: ord(" "),
    0x2212: ord("-"),
    0x301C: ord("~"),
}

_PREFIX_COMPARATORS: dict[str, Comparator] = {
    "≥": Comparator.GE,
    "≧": Comparator.GE,
    "⩾": Comparator.GE,
    ">=": Comparator.GE,
    "不低于": Comparator.GE,
    "不少于": Comparator.GE,
    "不小于": Comparator.GE,
    "大于等于": Comparator.GE,
    "至少": Comparator.GE,
    "达到": Comparator.GE,
    ">": Comparator.GT,
    "超过": Comparator.GT,
    "高于": Comparator.GT,
    "大于": Comparator.GT,
    "多于": Comparator.GT,
    "≤": Comparator.LE,
    "≦": Comparator.LE,
    "⩽": Comparator.LE,
    "<=": Comparator.LE,
    "不高于": Comparator.LE,
    "不超过": Comparator.LE,
    "不大于": Comparator.LE,
    "不多于": Comparator.LE,
    "小于等于": Comparator.LE,
    "至多": Comparator.LE,
    "<": Comparator.LT,
    "低于": Comparator.LT,
    "少于": Comparator.LT,
    "小于": Comparator.LT,
    "约": Comparator.APPROX,
    "大约": Comparator.APPROX,
    "≈": Comparator.APPROX,
}

_SUFFIX_COMPARATORS: dict[str, Comparator] = {
    "以上": Comparator.GE,
    "及以上": Comparator.GE,
    "以下": Comparator.LE,
    "及以下": Comparator.LE,
    "以内": Comparator.LE,
    "左右": Comparator.APPROX,
}

_MULTIPLIERS: tuple[str, ...] = ("万", "亿", "千万", "百万")

# Units seen after numbers in plan indicator tables; extend here rather than loosening
# the pattern, so unrelated trailing text keeps making a cell ODD.
_UNITS: tuple[str, ...] = (
    "人", "人次", "名", "位", "户", "个", "个百分点", "百分点", "张", "床", "所", "家",
    "间", "座", "处", "项", "件", "套", "册", "本", "部", "台", "辆", "条", "支", "种",
    "场", "次", "岁", "年", "月", "天", "日", "小时", "分钟", "元", "平方米", "㎡",
    "米", "公里", "公顷", "亩", "吨", "倍", "‰",
)  # fmt: skip

_RANGE_SEPARATORS: tuple[str, ...] = ("~", "-", "—", "——", "–", "―", "至", "到")


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so `>=` wins over `>` and `及以上` over `以上`."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_NUMBER = r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_UNIT = rf"(?: ?(?P<mult>{_alternation(_MULTIPLIERS)})?(?P<unit>{_alternation(_UNITS)})?)"

_SCALAR = re.compile(
    rf"(?:(?P<prefix>{_alternation(_PREFIX_COMPARATORS)}) ?)?"
    rf"(?P<number>{_NUMBER})(?: ?(?P<percent>%))?{_UNIT}"
    rf"(?: ?(?P<suffix>{_alternation(_SUFFIX_COMPARATORS)}))?"
)
_RANGE = re.compile(
    rf"(?P<low>{_NUMBER})(?: ?(?P<low_percent>%))? ?(?:{_alternation(_RANGE_SEPARATORS)}) ?"
    rf"(?P<high>{_NUMBER})(?: ?(?P<high_percent>%))?{_UNIT}"
)
_BRACKETED = re.compile(r"[\[【〔［](?P<inner>.*)[\]】〕］]", re.DOTALL)
_STARRED = re.compile(r"(?P<inner>.*?\S)\s*[*＊]", re.DOTALL)
_MISSING = re.compile(r"[-—–―/…]*|\.{3,}|无|暂无")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"[0-9]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_ANY_NUMBER = re.compile(_NUMBER)


def parse_value(raw: str) -> Value:
    """Type one table cell; `raw` is kept exactly as given and nothing is guessed."""
    cell, cumulative = _unbracket(raw.strip())
    value = _parse_cell(raw, cell)
    return value.model_copy(update={"cumulative": True}) if cumulative else value


def _unbracket(cell: str) -> tuple[str, bool]:
    """Peel brackets around the whole cell; they mark a five-year cumulative total."""
    cumulative = False
    while (match := _BRACKETED.fullmatch(cell) or _STARRED.fullmatch(cell)) is not None:
        cell, cumulative = match["inner"].strip(), True
    return cell, cumulative


def _parse_cell(raw: str, cell: str) -> Value:
    """Try the forms from the most to the least specific; ODD when none fits."""
    text = _SPACES.sub(" ", cell.translate(_FOLD))
    if _MISSING.fullmatch(text):
        return Value(raw=raw, kind=ValueKind.MISSING)
    if not _DIGIT.search(text):
        return _parse_words(raw, cell)
    for parse in (_parse_scalar, _parse_range):
        if (value := parse(raw, text)) is not None:
            return value
    return _odd(raw, _odd_note(text))


def _parse_words(raw: str, cell: str) -> Value:
    """A cell without digits is a commitment if it is Chinese text, else unreadable."""
    if _CJK.search(cell):
        return Value(raw=raw, kind=ValueKind.QUALITATIVE, text=cell)
    return _odd(raw, "no number and no Chinese text; kept verbatim")


def _parse_scalar(raw: str, text: str) -> Value | None:
    """One number with optional %, unit and comparator words before or after it."""
    match = _SCALAR.fullmatch(text)
    if match is None:
        return None
    found = {_PREFIX_COMPARATORS.get(match["prefix"]), _SUFFIX_COMPARATORS.get(match["suffix"])}
    found.discard(None)
    if len(found) > 1:
        return _odd(raw, "comparators before and after the number disagree; kept verbatim")
    comparator = found.pop() if found else None
    return Value(
        raw=raw,
        kind=ValueKind.COMPARISON if comparator else ValueKind.NUMBER,
        number=_to_float(match["number"]),
        comparator=comparator,
        percent=match["percent"] is not None,
        note=_unit_note(match),
    )


def _parse_range(raw: str, text: str) -> Value | None:
    """Two numbers joined by a range separator; a reversed range is kept, with a note."""
    match = _RANGE.fullmatch(text)
    if match is None:
        return None
    low, high = _to_float(match["low"]), _to_float(match["high"])
    reversed_note = "low is above high; kept as given" if low > high else None
    return Value(
        raw=raw,
        kind=ValueKind.RANGE,
        low=low,
        high=high,
        percent=bool(match["low_percent"] or match["high_percent"]),
        note=_join_notes(_unit_note(match), reversed_note),
    )


def _to_float(number: str) -> float:
    """Drop thousands separators; the pattern already made sure they are real ones."""
    return float(number.replace(",", ""))


def _unit_note(match: re.Match[str]) -> str | None:
    """Say which unit the cell carried; a multiplier is reported, never applied."""
    multiplier, unit = match["mult"] or "", match["unit"] or ""
    if not multiplier + unit:
        return None
    note = f"unit in cell: {multiplier}{unit}"
    return f"{note}; multiplier {multiplier} not applied" if multiplier else note


def _join_notes(*notes: str | None) -> str | None:
    """Several reasons can apply to one cell; keep them all, in order."""
    present = [note for note in notes if note]
    return "; ".join(present) if present else None


def _odd_note(text: str) -> str:
    """Explain an ODD cell by how many numbers it holds, the usual reason it is odd."""
    count = len(_ANY_NUMBER.findall(text))
    if count > 1:
        return f"{count} numbers that do not form a range; kept verbatim"
    return "number with text that is neither a unit nor a comparator; kept verbatim"


def _odd(raw: str, note: str) -> Value:
    """An uninterpreted cell: the raw text and the reason, never a number."""
    return Value(raw=raw, kind=ValueKind.ODD, note=note)
