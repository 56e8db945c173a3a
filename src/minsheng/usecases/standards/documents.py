"""A standards document in: its items matched by name to the plans' service items, each
match stored as that level's version of the item's standard and, where no more local level
is stored, filling the item's five fields. Unmatched items are listed, never guessed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.ingest.parsers.standards import StandardEntry, StandardsDocument, parse_standards
from minsheng.ingest.readers import read_document
from minsheng.store.repositories import service_items, standard_levels
from minsheng.store.tables import ServiceItem, StandardLevel
from minsheng.store.tables.standards import STANDARD_LEVELS
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.standards.comparison import loose_key, name_key
from minsheng.usecases.standards.edits import edit_item
from minsheng.usecases.standards.search import FIELDS, plans_with_items

LEVEL_LABELS = {"national": "国家标准", "provincial": "省级标准", "city": "市级标准"}


@dataclass(frozen=True)
class Filled:
    """One document item matched to one plan's service item."""

    entry: str
    plan_region: str
    item_id: int
    item_name: str
    changed: bool  # the item's five fields changed


@dataclass(frozen=True)
class Unmatched:
    entry: str
    line: int
    plan_region: str
    reason: str


@dataclass(frozen=True)
class StandardsImport:
    source: str
    level: str
    as_of: date | None
    entries: int
    filled: list[Filled]
    unmatched: list[Unmatched]


def import_standards(
    session: Session,
    *,
    parsed: StandardsDocument,
    plans: Sequence[PlanSummary],
    level: str,
    as_of: date | None,
    author: str,
) -> StandardsImport:
    """Match every entry in every given plan; store and fill what matched, in one go."""
    if level not in STANDARD_LEVELS:
        raise InputProblem(f"level must be one of {', '.join(STANDARD_LEVELS)}", field="level")
    if not parsed.entries:
        raise InputProblem("no standards items found (numbered items with 服务对象：… 服务标准：…)")
    source = Path(parsed.source).name
    result = StandardsImport(source, level, as_of, len(parsed.entries), [], [])
    for plan in plans:
        items = service_items.items_of_plans(session, plan_ids=[plan.id])
        for entry in parsed.entries:
            _one(session, entry, plan=plan, items=items, result=result, author=author)
    return result


def _one(
    session: Session,
    entry: StandardEntry,
    *,
    plan: PlanSummary,
    items: list[ServiceItem],
    result: StandardsImport,
    author: str,
) -> None:
    found, reason = match_item(entry.name, items)
    if found is None:
        result.unmatched.append(Unmatched(entry.name, entry.line, plan.region.name, reason))
        return
    fields = {name: entry.fields.get(name) for name in FIELDS}
    version = StandardLevel(
        service_item_id=found.id,
        level=result.level,
        source=result.source,
        as_of=result.as_of,
        author=author,
        **fields,
    )
    standard_levels.add(session, version)
    changed = _fill(session, found, fields, result.level, author)
    result.filled.append(Filled(entry.name, plan.region.name, found.id, found.name, changed))


def match_item(name: str, items: Sequence[ServiceItem]) -> tuple[ServiceItem | None, str]:
    """The one item whose name equals `name` up to width and punctuation; failing that, the
    one equal without a leading qualifier (农村, 城乡 …). Two candidates: no match."""
    for key_of in (name_key, lambda text: loose_key(name_key(text))):
        key = key_of(name)
        found = [item for item in items if key_of(item.name) == key]
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            return None, f"规划中有 {len(found)} 个同名服务项目"
    return None, "规划清单中没有该服务项目"


def _fill(
    session: Session, item: ServiceItem, fields: dict[str, str | None], level: str, author: str
) -> bool:
    """The item's five fields take the document's unless a more local level is stored."""
    stored = standard_levels.latest_by_level(session, item_id=item.id)
    rank = STANDARD_LEVELS.index(level)
    if any(STANDARD_LEVELS.index(other) > rank for other in stored):
        return False
    merged = {name: fields[name] or getattr(item, name) for name in FIELDS}
    return edit_item(session, item_id=item.id, fields=merged, author=author) is not None


def import_standards_file(
    session: Session,
    *,
    path: Path,
    region: str | None,
    level: str,
    as_of: date | None,
    author: str,
) -> StandardsImport:
    """Read FILE (docx/pdf/txt/html) and import it into one plan, or every current plan."""
    parsed = parse_standards(read_document(path))
    if region:
        chosen = [PlanSummary.of(find_current_plan(session, region=region))]
    else:
        chosen = plans_with_items(session)
    return import_standards(
        session, parsed=parsed, plans=chosen, level=level, as_of=as_of, author=author
    )
