"""A file's data rows as raw text: one `RawRecord` per row, or a whole file column by column.

Readers build `Records`, which keeps each field's cells in one list: reading, stripping and
filtering 100,000 rows is then a few passes in C over lists, and validation reads the
columns it checks without making a dict per row. A `Records` is still a sequence of
`RawRecord`s, each made when it is asked for (a problem's location, a preview).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from minsheng.collect import messages as msg


@dataclass(slots=True)
class RawRecord:
    """One data row of a file, before any typing; read-only by convention.

    `row` is the spreadsheet row number or the CSV line number where the row starts;
    `sheet` is None for CSV. `values` maps each field present in the file (see `FIELDS`)
    to its cell text, stripped, "" when blank. `columns` maps each field to the header the
    file gives it, so a problem can name the column the way the user wrote it. Not a
    frozen dataclass: frozen ones cost seven times as much to create.
    """

    file: str
    sheet: str | None
    row: int
    values: Mapping[str, str]
    columns: Mapping[str, str]

    def get(self, field: str) -> str:
        """The cell's text, "" when blank or when the file has no such column."""
        return self.values.get(field, "")

    def column(self, field: str) -> str:
        """The column's header as written in the file, else its template name."""
        return (
            self.columns.get(field)
            or msg.FIELD_LABELS.get(field)
            or msg.POPULATION_LABELS.get(field, field)
        )


@dataclass(frozen=True, eq=False)
class Records(Sequence[RawRecord]):
    """The data rows of one file or sheet, held column by column.

    `rows` are the rows' numbers (see `RawRecord.row`); `texts` maps each field present in
    the file to its cells' stripped text, one per row; `columns` maps fields to headers.
    """

    file: str
    sheet: str | None
    rows: list[int]
    texts: dict[str, list[str]]
    columns: dict[str, str]

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> RawRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[RawRecord]: ...
    def __getitem__(self, index: int | slice) -> RawRecord | list[RawRecord]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        number = self.rows[index]  # raises IndexError past the end, as a list does
        values = {field: texts[index] for field, texts in self.texts.items()}
        return RawRecord(self.file, self.sheet, number, values, self.columns)

    def __iter__(self) -> Iterator[RawRecord]:
        return map(self.__getitem__, range(len(self.rows)))


def field_texts(records: Sequence[RawRecord], field: str) -> list[str]:
    """One field's cell texts in record order, "" where a record has none."""
    if isinstance(records, Records):
        found = records.texts.get(field)
        return found if found is not None else [""] * len(records)
    return [record.values.get(field, "") for record in records]


def row_numbers(records: Sequence[RawRecord]) -> list[int]:
    """The records' row numbers, in order."""
    if isinstance(records, Records):
        return records.rows
    return [record.row for record in records]
