"""Where a 公文 title breaks when it does not fit on one line.

GB/T 9704-2012 (7.3.2) asks that a title of several lines be broken "回行时，要做到词意完整，
排列对称，长短适宜，间距恰当": whole words on each line, lines of similar length, no short
tail such as "报告" alone. A pure function, so that the rule is tested on real titles.
"""

from __future__ import annotations

import unicodedata

LINE_WIDTH = 20.0  # 二号 (22 pt) characters in the 156 mm text block
MIN_TAIL = 4.0  # a last line shorter than this looks like a leftover
# a line may end after these (the end of a phrase in a plan's or report's title)
BREAK_AFTER = ("规划", "方案", "纲要", "计划", "”", "》", "）", "关于", "年度", "年", "的", "和")
# a line may start with these (the kind of document that ends the title)
BREAK_BEFORE = ("基本公共服务", "实施", "中期", "终期", "年度", "评估", "关于")
# phrases a line never breaks inside
WHOLE = ("基本公共服务均等化", "公共服务", "均等化", "评估报告", "年度报告", "情况报告")
NO_LINE_START = "，。、；：！？”’》）」』)]%"
NO_LINE_END = "“‘《（「『(["


def width(text: str) -> float:
    """Text width in full-width characters: CJK and full-width punctuation 1, the rest ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def title_lines(title: str, line_width: float = LINE_WIDTH) -> list[str]:
    """The title's lines: one if it fits, else two (or more) balanced at a phrase boundary."""
    title = title.strip()
    if width(title) <= line_width:
        return [title]
    best = min(_candidates(title, line_width), key=lambda cut: _cost(title, cut), default=None)
    if best is None:  # no acceptable break: cut at the width, the word processor's way
        best = _widest_cut(title, line_width)
    return [title[:best], *title_lines(title[best:], line_width)]


def _candidates(title: str, line_width: float) -> list[int]:
    """Cuts that keep words, numbers and quotations whole and leave a decent tail."""
    cuts = []
    for cut in range(1, len(title)):
        head, tail = title[:cut], title[cut:]
        if width(head) > line_width or width(tail) < MIN_TAIL:
            continue
        if _splits_token(title, cut) or tail[0] in NO_LINE_START or head[-1] in NO_LINE_END:
            continue
        if _inside_quotes(head) or _splits_phrase(title, cut):
            continue
        cuts.append(cut)
    return cuts


def _cost(title: str, cut: int) -> float:
    """Uneven lines cost their difference; a cut at no phrase boundary costs more."""
    head, tail = title[:cut], title[cut:]
    cost = abs(width(head) - min(width(tail), LINE_WIDTH))
    if width(tail) > width(head):
        cost += 1.0  # 公文 titles narrow downwards (正梯形), not upwards
    if not (head.endswith(BREAK_AFTER) or tail.startswith(BREAK_BEFORE)):
        cost += 10.0
    return cost


def _splits_token(title: str, cut: int) -> bool:
    """A number or a Latin word runs on: 2025 or 14th never break."""
    before, after = title[cut - 1], title[cut]
    return before.isascii() and after.isascii() and (before + after).strip().isalnum()


def _splits_phrase(title: str, cut: int) -> bool:
    for phrase in WHOLE:
        start = title.find(phrase)
        while start != -1:
            if start < cut < start + len(phrase):
                return True
            start = title.find(phrase, start + 1)
    return False


def _inside_quotes(head: str) -> bool:
    return head.count("“") > head.count("”") or head.count("《") > head.count("》")


def _widest_cut(title: str, line_width: float) -> int:
    cut = 1
    while cut < len(title) and width(title[: cut + 1]) <= line_width:
        cut += 1
    return cut
