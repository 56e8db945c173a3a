"""Small text helpers shared by the parsers."""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"[\s\u00a0\u3000]+")
_TRAILING_PAREN = re.compile(r"^(?P<body>.*?)[（(](?P<inside>[^（）()]*)[)）]$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NON_UNITS = ("含", "不含", "包括", "其中")
MAX_UNIT_LENGTH = 10


def squash(text: str) -> str:
    """Remove all whitespace: Chinese typesetting spaces carry no meaning in names."""
    return _WHITESPACE.sub("", text)


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def split_unit(name: str) -> tuple[str, str | None]:
    """Split `人均预期寿命(岁)` into (`人均预期寿命`, `岁`); interior parentheses stay."""
    match = _TRAILING_PAREN.match(name)
    if not match or not match["body"]:
        return name, None
    inside = match["inside"]
    if len(inside) > MAX_UNIT_LENGTH or inside.startswith(_NON_UNITS):
        return name, None
    return match["body"], inside or None


def ends_with_unit(text: str) -> bool:
    return split_unit(squash(text))[1] is not None
