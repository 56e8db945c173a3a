"""Collects the problems a parse meets, so nothing is dropped in silence."""

from __future__ import annotations

from minsheng.model.plan import ParseWarning


class WarningSink:
    """An append-only list of warnings shared by the parsers of one document."""

    def __init__(self) -> None:
        self.items: list[ParseWarning] = []

    def add(self, code: str, message: str, line: int | None = None) -> None:
        self.items.append(ParseWarning(code=code, message=message, line=line))
