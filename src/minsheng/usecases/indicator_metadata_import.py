"""Indicator metadata from an XLSX or CSV file laid out as the export's
`indicator_metadata` table (English or Chinese headers): every row checked first, every
bad row named, and nothing written unless all are good."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from minsheng.collect.readers import TableLayout, read_table_file
from minsheng.collect.records import Records
from minsheng.errors import InputProblem
from minsheng.store.repositories import indicator_metadata as stored
from minsheng.usecases.indicator_metadata import MetadataProblems, clean_fields, edit_metadata
from minsheng.usecases.read.indicator_metadata import FIELDS, LABELS

ID_LABEL = "指标编号"
LAYOUT = TableLayout(
    fields=("indicator_id", *FIELDS),
    required=("indicator_id",),
    aliases={"indicator_id": (ID_LABEL, "指标id", "id"), **{f: (LABELS[f],) for f in FIELDS}},
    labels={"indicator_id": ID_LABEL, **LABELS},
    reported=None,
)
MAX_NAMED = 50  # problems named in one message; the rest are counted


@dataclass(frozen=True)
class MetadataImport:
    rows: int
    changed: int


@dataclass(frozen=True)
class _Row:
    number: int
    indicator_id: int
    fields: dict[str, str | None]


def import_metadata_file(session: Session, *, path: Path, author: str) -> MetadataImport:
    """Apply every row's fields (blank: back to what the plan says), all or none."""
    records = read_table_file(path, LAYOUT)
    rows, problems = _checked(records)
    known = stored.existing_indicator_ids(session, indicator_ids=[r.indicator_id for r in rows])
    problems += [
        (r.number, f"第{r.number}行 {ID_LABEL}：没有编号为 {r.indicator_id} 的指标")
        for r in rows
        if r.indicator_id not in known
    ]
    if problems:
        raise InputProblem(_summary(sorted(problems)), file=Path(path).name)
    changed = [
        edit_metadata(session, indicator_id=r.indicator_id, fields=r.fields, author=author)
        for r in rows
    ]
    return MetadataImport(len(rows), sum(1 for edit in changed if edit is not None))


Problem = tuple[int, str]
"""A row number and what is wrong there, named in Chinese."""


def _checked(records: Records) -> tuple[list[_Row], list[Problem]]:
    rows: list[_Row] = []
    problems: list[Problem] = []
    seen: set[int] = set()
    for record in records:
        text = record.get("indicator_id")
        if not text.isdigit():
            problems.append((record.row, f"第{record.row}行 {ID_LABEL}：应为整数，现为“{text}”"))
            continue
        if int(text) in seen:
            problems.append((record.row, f"第{record.row}行 {ID_LABEL}：指标 {text} 重复出现"))
        seen.add(int(text))
        try:
            fields = clean_fields({f: record.get(f) for f in FIELDS if f in record.values})
        except MetadataProblems as found:
            problems += [
                (record.row, f"第{record.row}行 {LABELS[f]}：{m}")
                for f, m in found.problems.items()
            ]
            continue
        rows.append(_Row(record.row, int(text), fields))
    return rows, problems


def _summary(problems: list[Problem]) -> str:
    named = "；".join(text for _, text in problems[:MAX_NAMED])
    more = f"；另有 {len(problems) - MAX_NAMED} 处" if len(problems) > MAX_NAMED else ""
    return f"{len(problems)} 处有误，未导入任何内容：{named}{more}"
