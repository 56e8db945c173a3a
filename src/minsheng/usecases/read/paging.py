"""One paging model: a `Slice` of a list, and the `Page` a list function returns."""

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
