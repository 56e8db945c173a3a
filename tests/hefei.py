"""Facts of the Hefei seed plan that many tests write data for: its districts and
counties in the gazetteer's order (by GB/T 2260 code), the first four 市辖区."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Engine

from minsheng.data.bundled import bundled_plans
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.import_plan import import_plan

HEFEI_DISTRICTS = (
    "瑶海区",
    "庐阳区",
    "蜀山区",
    "包河区",
    "长丰县",
    "肥东县",
    "肥西县",
    "庐江县",
    "巢湖市",
)
URBAN = 4  # the first four are 市辖区


def write_csv(path: Path, header: str, rows: Iterable[str]) -> Path:
    """A UTF-8 CSV file of `header` and `rows` (each already comma-joined)."""
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def hefei_database(folder: Path) -> tuple[Engine, int]:
    """A SQLite database in `folder` holding only the Hefei plan (from the bundled facts),
    and the plan's id: for tests that need one city and no demonstration data."""
    url = f"sqlite:///{folder / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    plan = next(plan for plan in bundled_plans() if plan.plan.region == "合肥市")
    with session_scope(engine) as session:
        return engine, import_plan(session, plan, author="test").plan_id
