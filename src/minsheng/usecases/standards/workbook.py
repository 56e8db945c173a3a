"""The five fields of many service items from an XLSX or CSV laid out as `standards export`
writes it (English or Chinese headers): every row checked first, every bad row named, and
nothing written unless all rows are good."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from minsheng.collect.readers import TableLayout, read_table_file
from minsheng.collect.records import Records
from minsheng.errors import InputProblem
from minsheng.ingest.parsers.standards import FIELD_LABELS
from minsheng.store.repositories import service_items
from minsheng.usecases.standards.edits import MAX_FIELD_LENGTH, edit_item
from minsheng.usecases.standards.search import FIELDS

ID_LABEL = "服务项目编号"
LAYOUT = TableLayout(
    fields=("item_id", *FIELDS),
    required=("item_id",),
    aliases={"item_id": (ID_LABEL, "项目编号", "id"), **{f: (FIELD_LABELS[f],) for f in FIELDS}},
    labels={"item_id": ID_LABEL, **FIELD_LABELS},
    reported=None,
)
MAX_NAMED = 50


@dataclass(frozen=True)
class WorkbookImport:
    rows: int
    changed: int


@dataclass(frozen=True)
class _Row:
    number: int
    item_id: int
    fields: dict[str, str]


Problem = tuple[int, str]


def import_standards_workbook(session: Session, *, path: Path, author: str) -> WorkbookImport:
    """Apply every row's fields to its item (columns left out keep the item's), all or none."""
    rows, problems = _checked(read_table_file(path, LAYOUT))
    for row in rows:
        if service_items.get_item(session, item_id=row.item_id) is None:
            problems.append(
                (row.number, f"第{row.number}行 {ID_LABEL}：没有编号为 {row.item_id} 的服务项目")
            )
    if problems:
        raise InputProblem(_summary(sorted(problems)), file=Path(path).name)
    changed = sum(_apply(session, row, author) for row in rows)
    return WorkbookImport(len(rows), changed)


def _apply(session: Session, row: _Row, author: str) -> bool:
    item = service_items.get_item(session, item_id=row.item_id)
    current = {name: getattr(item, name) for name in FIELDS}
    merged = current | row.fields
    return edit_item(session, item_id=row.item_id, fields=merged, author=author) is not None


def _checked(records: Records) -> tuple[list[_Row], list[Problem]]:
    rows: list[_Row] = []
    problems: list[Problem] = []
    seen: set[int] = set()
    for record in records:
        text, number = record.get("item_id"), record.row
        if not text.isdigit():
            problems.append((number, f"第{number}行 {ID_LABEL}：应为整数，现为“{text}”"))
            continue
        if int(text) in seen:
            problems.append((number, f"第{number}行 {ID_LABEL}：服务项目 {text} 重复出现"))
        seen.add(int(text))
        fields = {f: record.get(f) for f in FIELDS if f in record.values}
        long = [f for f, value in fields.items() if len(value) > MAX_FIELD_LENGTH]
        problems += [
            (number, f"第{number}行 {FIELD_LABELS[f]}：超过 {MAX_FIELD_LENGTH} 字") for f in long
        ]
        rows.append(_Row(number, int(text), fields))
    return rows, problems


def _summary(problems: list[Problem]) -> str:
    named = "；".join(text for _, text in problems[:MAX_NAMED])
    more = f"；另有 {len(problems) - MAX_NAMED} 处" if len(problems) > MAX_NAMED else ""
    return f"{len(problems)} 处有误，未导入任何内容：{named}{more}"
