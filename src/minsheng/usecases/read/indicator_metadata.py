"""An indicator's metadata as readers see it (Open SDG's metadata tabs): each field with
where it comes from — a planner's edit, the plan's text, the catalogue, the department
assignments — and the history of edits. Fields nobody has stated read 暂无."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from minsheng.evaluate.direction import direction_of
from minsheng.model.catalogue import Catalogue, CatalogueEntry
from minsheng.store.repositories import indicator_metadata as stored
from minsheng.store.tables import IndicatorMetadata, IndicatorMetadataRevision
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.clock import beijing
from minsheng.usecases.metadata_defaults import KNOWN, attribute_note, definition_from_notes
from minsheng.usecases.read.indicators import IndicatorRow, get_indicator, plan_indicators

FIELDS = ("definition", "formula", "data_source", "department", "frequency", "notes")
LABELS = {
    "definition": "定义",
    "formula": "计算方法",
    "data_source": "数据来源",
    "department": "责任单位",
    "frequency": "更新频率",
    "notes": "备注",
}
FREQUENCIES = {"annual": "年度", "quarterly": "季度", "monthly": "月度"}
DIRECTIONS = {
    "higher_is_better": "正向（越高越好）",
    "lower_is_better": "逆向（越低越好）",
    "within_band": "区间（保持在目标范围内）",
    "qualitative": "定性（按文字目标判断）",
}
ORIGINS = {
    "edited": "规划人员维护",
    "plan": "规划文本",
    "catalogue": "指标目录",
    "minsheng": "平台编写（据统计制度）",
    "assignments": "报送分工",
    "monitoring": "按年度监测",
}
MISSING = "暂无"

Found = dict[str, tuple[str | None, str | None]]
"""Field → (value, origin code), origin None where the value is None."""


@dataclass(frozen=True)
class MetadataEntry:
    """One field as shown: its Chinese label, its value (None: 暂无) and its origin."""

    name: str
    label: str
    value: str | None
    origin: str | None

    @property
    def shown(self) -> str:
        if self.value is None:
            return MISSING
        return FREQUENCIES.get(self.value, self.value) if self.name == "frequency" else self.value

    @property
    def origin_label(self) -> str:
        return ORIGINS.get(self.origin or "", "")


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class HistoryEntry:
    """One edit: who made it, when (Beijing time) and what it changed."""

    author: str
    at: datetime
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class IndicatorMetadataView:
    indicator_id: int
    name: str
    plan_id: int
    plan_region: str
    domain: str
    unit: str | None
    attribute: str | None
    cumulative: bool
    direction: str
    entries: tuple[MetadataEntry, ...]
    updated_by: str | None
    updated_at: datetime | None  # Beijing time
    history: tuple[HistoryEntry, ...] = ()

    @property
    def direction_label(self) -> str:
        return DIRECTIONS.get(self.direction, self.direction)

    def value(self, name: str) -> str | None:
        return next(entry.value for entry in self.entries if entry.name == name)

    def values(self) -> dict[str, str | None]:
        return {entry.name: entry.value for entry in self.entries}


def indicator_metadata(session: Session, *, indicator_id: int) -> IndicatorMetadataView:
    """One indicator's metadata with its history (`NotFound` for an unknown id)."""
    indicator = get_indicator(session, indicator_id=indicator_id)
    view = _views(session, [indicator])[0]
    history = _history(stored.revisions_of(session, indicator_id=indicator_id))
    return replace(view, history=history)


def plan_metadata(session: Session, *, plan_id: int) -> list[IndicatorMetadataView]:
    """The metadata of every indicator of one plan version, in the plan's order."""
    return _views(session, plan_indicators(session, plan_id=plan_id))


def derived_values(session: Session, *, indicator_id: int) -> dict[str, str | None]:
    """What the fields say without any planner's edit: what an edit is compared with."""
    indicator = get_indicator(session, indicator_id=indicator_id)
    departments = stored.departments_of(session, indicator_ids=[indicator_id])
    found = derived(indicator, _entry(catalogue_for(session), indicator), departments)
    return {name: value for name, (value, _) in found.items()}


def _views(session: Session, indicators: list[IndicatorRow]) -> list[IndicatorMetadataView]:
    ids = [indicator.id for indicator in indicators]
    edits = stored.stored_of(session, indicator_ids=ids)
    departments = stored.departments_of(session, indicator_ids=ids)
    catalogue = catalogue_for(session)
    return [
        _view(indicator, _entry(catalogue, indicator), departments, edits.get(indicator.id))
        for indicator in indicators
    ]


def _entry(catalogue: Catalogue, indicator: IndicatorRow) -> CatalogueEntry | None:
    return catalogue.get(indicator.catalogue_key) if indicator.catalogue_key else None


def derived(
    indicator: IndicatorRow, entry: CatalogueEntry | None, departments: Mapping[int, list[str]]
) -> Found:
    """The plan's notes, the catalogue's definitions and the assignments, field by field."""
    known = KNOWN.get(entry.key) if entry else None
    definitions = [
        (definition_from_notes(indicator.notes), "plan"),
        ((entry.definition if entry else None) or None, "catalogue"),
        (known.definition if known else None, "minsheng"),
    ]
    assigned = "、".join(departments.get(indicator.id, [])) or None
    note = attribute_note(indicator.attribute, cumulative=indicator.cumulative)
    return {
        "definition": next(((v, o) for v, o in definitions if v), (None, None)),
        "formula": _found(known.formula if known else None, "minsheng"),
        "data_source": _found(known.data_source if known else None, "minsheng"),
        "department": _found(assigned, "assignments"),
        "frequency": ("annual", "monitoring"),
        "notes": _found(note, "plan"),
    }


def _found(value: str | None, origin: str) -> tuple[str | None, str | None]:
    return (value, origin) if value else (None, None)


def _view(
    indicator: IndicatorRow,
    entry: CatalogueEntry | None,
    departments: Mapping[int, list[str]],
    edit: IndicatorMetadata | None,
) -> IndicatorMetadataView:
    found = derived(indicator, entry, departments)
    entries = tuple(_merged(name, found[name], edit) for name in FIELDS)
    return IndicatorMetadataView(
        indicator_id=indicator.id,
        name=indicator.name,
        plan_id=indicator.plan_id,
        plan_region=indicator.plan_region,
        domain=indicator.domain,
        unit=indicator.unit,
        attribute=indicator.attribute,
        cumulative=indicator.cumulative,
        direction=_direction(indicator, entry),
        entries=entries,
        updated_by=edit.updated_by if edit else None,
        updated_at=beijing(edit.updated_at) if edit else None,
    )


def _merged(
    name: str, found: tuple[str | None, str | None], edit: IndicatorMetadata | None
) -> MetadataEntry:
    """A planner's value where one is set, else what the plan or catalogue says."""
    own = getattr(edit, name) if edit else None
    value, origin = (own, "edited") if own is not None else found
    return MetadataEntry(name, LABELS[name], value, origin)


def _direction(indicator: IndicatorRow, entry: CatalogueEntry | None) -> str:
    """The direction the evaluator judges by: the target's, the catalogue's, the name's."""
    catalogue = entry.direction if entry else None
    return direction_of(indicator.name, indicator.baseline.number, indicator.target, catalogue)


def _history(revisions: list[IndicatorMetadataRevision]) -> tuple[HistoryEntry, ...]:
    """Each edit against the one before it (the first against nothing set), newest first."""
    entries, before = [], dict.fromkeys(FIELDS)
    for revision in revisions:
        after = {name: getattr(revision, name) for name in FIELDS}
        changes = tuple(
            Change(n, LABELS[n], _shown(n, before[n]), _shown(n, after[n]))
            for n in FIELDS
            if before[n] != after[n]
        )
        entries.append(HistoryEntry(revision.author, beijing(revision.created_at), changes))
        before = after
    return tuple(entries[::-1])


def _shown(name: str, value: str | None) -> str | None:
    return FREQUENCIES.get(value, value) if name == "frequency" and value else value
