"""One paging model: a `Slice` of a list, the `Page` a list function returns, and the
`Numbered` page a web page links to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class Slice:
    """Which rows of a list to return: `limit` rows after skipping `offset`.

    `limit=None` is every row: exports and reports ask for it by name, `Slice.everything()`.
    """

    limit: int | None = 100
    offset: int = 0

    @classmethod
    def everything(cls) -> Slice:
        return cls(limit=None)

    def of(self, rows: Sequence[Item]) -> list[Item]:
        stop = None if self.limit is None else self.offset + self.limit
        return list(rows[self.offset : stop])


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One slice of rows and how many rows the filters match in all."""

    items: list[Item]
    total: int


@dataclass(frozen=True)
class Numbered:
    """Page `page` of `pages` of `size` rows each, as a web page links to them: a number
    past either end is the nearest page."""

    page: int
    pages: int
    size: int

    @classmethod
    def of(cls, page: int, total: int, size: int) -> Numbered:
        pages = max(1, -(-total // size))
        return cls(min(max(page, 1), pages), pages, size)

    @staticmethod
    def window_at(page: int, size: int) -> Slice:
        """The rows of page `page` (at least the first), before the list's length is known."""
        return Slice(size, (max(page, 1) - 1) * size)

    @property
    def window(self) -> Slice:
        return self.window_at(self.page, self.size)
