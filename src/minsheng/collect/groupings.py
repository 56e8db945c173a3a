"""A grouping of districts for the Theil split, read from a file: a `region` (name or
GB/T 2260 code) and a `group` per row (地区, 分组), e.g. 主城区 / 新城区 / 县, or 南部 / 北部."""

from __future__ import annotations

from pathlib import Path

from minsheng.collect import messages as msg
from minsheng.collect.readers import TableLayout, read_table_file
from minsheng.collect.records import field_texts
from minsheng.errors import EmptyDocument, InputProblem

GROUPS = TableLayout(
    fields=("region", "group"),
    required=("region", "group"),
    aliases=msg.GROUP_ALIASES,
    labels=msg.GROUP_LABELS,
    reported="group",
)


def read_groups(path: Path | str) -> dict[str, str]:
    """Region name or code → group name; a region named twice is an error naming both rows."""
    records = read_table_file(path, GROUPS)
    if not len(records):
        raise EmptyDocument(msg.EMPTY_FILE, file=Path(path).name)
    groups: dict[str, str] = {}
    rows: dict[str, int] = {}
    for row, region, group in zip(
        records.rows, field_texts(records, "region"), field_texts(records, "group"), strict=True
    ):
        if region in groups:
            raise InputProblem(
                f"{region} is grouped twice (rows {rows[region]} and {row})",
                file=Path(path).name, row=row, field="region",
            )  # fmt: skip
        groups[region], rows[region] = group, row
    return groups
