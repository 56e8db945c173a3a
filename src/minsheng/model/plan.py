"""The structured plan that ingestion produces and storage keeps.

These models are also the documented JSON schema of `minsheng parse` (see
docs/parse-schema.json, generated from them).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from minsheng.model.value import Value

DOMAINS: tuple[str, ...] = (
    "幼有所育",
    "学有所教",
    "劳有所得",
    "病有所医",
    "老有所养",
    "住有所居",
    "弱有所扶",
    "优军服务保障",
    "文体服务保障",
)
"""The nine domains of basic public service, in the plans' order."""


class Level(StrEnum):
    """Administrative level of the region a plan covers."""

    COUNTRY = "country"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    COUNTY = "county"


class Attribute(StrEnum):
    """指标属性: 预期性 is expected (guiding), 约束性 is binding (must be met)."""

    EXPECTED = "expected"
    BINDING = "binding"


class ColumnKind(StrEnum):
    """What a 专栏 (boxed column) holds."""

    INDICATORS = "indicators"
    SERVICES = "services"
    PROJECTS = "projects"
    OTHER = "other"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Period(_Frozen):
    """The plan's years; the base year is start - 1."""

    start: int
    end: int


PERIOD_NAMES: dict[int, str] = {2016: "十三五", 2021: "十四五", 2026: "十五五", 2031: "十六五"}
"""The five-year plans by their first year, as documents name them."""


def period_name(start: int | None) -> str | None:
    """十四五 for a plan starting in 2021; None for a period without a name."""
    return PERIOD_NAMES.get(start) if start is not None else None


class PlanMeta(_Frozen):
    region: str | None = Field(None, description="Region the plan covers, e.g. 合肥市")
    province: str | None = Field(None, description="Province, e.g. 安徽省")
    level: Level | None = None
    title: str | None = None
    issue_date: date | None = Field(None, description="Date the plan was issued or published")
    period: Period | None = None


class Heading(_Frozen):
    level: int = Field(description="1 for a chapter (第一章, 一、), 2 for a section, …")
    title: str = Field(description="The heading as written, numbering included")
    line: int


class Indicator(_Frozen):
    domain: str
    name: str = Field(description="Indicator name without its trailing unit")
    unit: str | None = None
    baseline: Value
    target: Value
    attribute: Attribute | None = None
    cumulative: bool = False
    notes: list[str] = Field(default_factory=list, description="Footnote definitions")
    line: int


class PreviousPlanResult(_Frozen):
    domain: str
    name: str
    unit: str | None = None
    target: Value
    actual: Value
    attribute: Attribute | None = None
    cumulative: bool = False
    line: int


class ServiceItem(_Frozen):
    domain: str
    name: str
    line: int


class Column(_Frozen):
    number: int
    title: str
    kind: ColumnKind
    body: list[str] = Field(default_factory=list)
    line: int


class KeyProject(_Frozen):
    column: int = Field(description="Number of the column that lists the project")
    name: str
    detail: str | None = None
    line: int


class ParseWarning(_Frozen):
    code: str
    message: str
    line: int | None = None


class ParsedPlan(_Frozen):
    """Everything `minsheng parse` extracts from one plan document."""

    source: str
    plan: PlanMeta
    outline: list[Heading]
    indicators: list[Indicator]
    indicator_table_notes: list[str] = Field(
        description="Footnotes under the current indicator table, as written"
    )
    previous_plan_results: list[PreviousPlanResult]
    service_items: list[ServiceItem]
    service_counts: dict[str, int] = Field(
        description="Items each domain declares in the service list (共计N项)"
    )
    columns: list[Column]
    projects: list[KeyProject]
    warnings: list[ParseWarning]
