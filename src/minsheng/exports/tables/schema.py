"""What every exported table is made of: fields, keys, tables, packages and shared columns.

Rows are dicts of scalars keyed by field name; values keep their raw text beside their
reading (`baseline_raw`, `baseline_number`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from minsheng.exports.labels import header
from minsheng.exports.publication import Publication
from minsheng.model.value import Value

STANDARD_FIELDS = ("beneficiaries", "content", "standard", "funding", "lead_department")


@dataclass(frozen=True)
class Field:
    """A column: `type` is a Frictionless type (string, integer, number, boolean, date …)."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    fields: tuple[Field, ...]
    rows: list[dict[str, Any]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def header(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def labels(self) -> list[str]:
        """The Chinese headers, in the order of `header`."""
        return [header(self.name, f.name) for f in self.fields]


@dataclass(frozen=True)
class Package:
    """Tables published together: `name` is a lowercase identifier, `title` for people."""

    name: str
    title: str
    tables: list[Table] = field(default_factory=list)
    stem: str = ""
    """What file names start with, e.g. 合肥市-十四五 (empty: the name)."""
    region: str | None = None
    publication: Publication = field(default_factory=Publication)

    def file_stem(self) -> str:
        return self.stem or self.name

    def table(self, name: str) -> Table:
        return next(table for table in self.tables if table.name == name)

    @property
    def sample_data(self) -> bool:
        """Whether any row is synthetic 示例数据 (the package then says so at its top)."""
        return any(row.get(SAMPLE[0]) is True for table in self.tables for row in table.rows)


def make_fields(*specs: tuple[str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(*spec) for spec in specs)


def to_plan(*names: str) -> ForeignKey:
    """The foreign key from `names` to the plan table's id."""
    return ForeignKey(names, "plan", ("plan_id",))


PLAN_ID = ("plan_id", "integer", "The plan version's id in this database")
POSITION = ("position", "integer", "Order within the plan's table or list, from 0")
DOMAIN = ("domain", "string", "The domain (领域) the row belongs to")
UNIT = ("unit", "string", "Unit of measurement as the plan writes it")
ATTRIBUTE = ("attribute", "string", "约束性 (binding) or 预期性 (expected)")
ATTRIBUTE_CODE = ("attribute_code", "string", "The attribute's code: binding or expected")
CUMULATIVE = ("cumulative", "boolean", "The figure is a five-year total")
REGION = ("region", "string", "Region the value is for (the city, a district or a county)")
INDICATOR = ("indicator", "string", "Indicator name as in the plan")
YEAR = ("year", "integer", "Year the value describes")
VALUE = ("value", "number", "The value, in the indicator's unit")
SOURCE = ("source", "string", "Where the value comes from (规划文本, 统计公报, 部门报送, 其他)")
STATE = ("state", "string", "Review state: 草稿, 已提交, 已审核 or 已退回")
STATE_CODE = ("state_code", "string", "The state's code: draft, submitted, approved, returned")
AUTHOR = ("author", "string", "Who recorded the revision")
RECORDED_AT = ("recorded_at", "datetime", "When the revision was recorded (UTC)")
NOTE = ("note", "string", "Note recorded with the value")
SAMPLE = ("sample_data", "boolean", "Synthetic demonstration data (示例数据), not real")

SERVICE_ITEM_FIELDS = (
    ("beneficiaries", "string", "服务对象: who the service is for"),
    ("content", "string", "服务内容: what is provided"),
    ("standard", "string", "服务标准: how much, how often"),
    ("funding", "string", "支出责任: who pays"),
    ("lead_department", "string", "牵头负责单位: the department responsible"),
)


def value_fields(prefix: str, what: str, *parts: str) -> list[tuple[str, str, str]]:
    """The columns of a plan value's readings (`parts`), each named `prefix_part`."""
    described = {
        "raw": ("string", f"{what} exactly as written in the plan"),
        "kind": ("string", f"What the {what.lower()} is: number, comparison, range, …"),
        "comparator": ("string", "ge, gt, le, lt or about, for a comparison"),
        "number": ("number", f"The {what.lower()}'s number, when it has one"),
        "low": ("number", "Lower end of a range"),
        "high": ("number", "Upper end of a range"),
    }
    return [(f"{prefix}_{part}", *described[part]) for part in parts]


def value_row(prefix: str, dumped: dict[str, Any], *parts: str) -> dict[str, Any]:
    """The cells `value_fields` declares, read from a stored (dumped) value."""
    value = Value.model_validate(dumped)
    readings = {
        "raw": value.raw,
        "kind": value.kind.value,
        "comparator": value.comparator.value if value.comparator else None,
        "number": value.number,
        "low": value.low,
        "high": value.high,
    }
    return {f"{prefix}_{part}": readings[part] for part in parts}


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive times (stored as UTC), PostgreSQL aware ones: make them alike."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def public_file_name(path: str | None) -> str | None:
    """A file's name without its folder (Unix or Windows): no server path is published."""
    if not path:
        return path
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or None


def package_name(*parts: str) -> str:
    """A Frictionless name: lowercase letters, digits, '-', '_' and '.' only."""
    text = "-".join(("minsheng", *parts)).lower()
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "-" for ch in text)
