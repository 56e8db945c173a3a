"""One database for the report tests: the five seed plans, seeded once per module, and
Hefei's observations for 2021–2024 so that its statuses and warnings vary."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import Engine, select

from minsheng.collect.readers import RawRecord
from minsheng.data.bundled import bundled_plans
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.tables import Indicator, KeyProject, Plan, Region, ServiceItem
from minsheng.usecases.assignments import assign
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.observations import record_observations
from minsheng.usecases.projects import update_project
from minsheng.usecases.standards import edit_item

HEFEI = "合肥市"
HEFEI_DEPARTMENT = ("失业保险参保人数", "合肥市人社局")  # reports it: the 责任单位 of a warning
REGIONS = ("合肥市", "六安市", "崆峒区", "滁州市", "淮北市")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
# indicator → values by year; chosen so that 2023 has red, yellow and good verdicts
HEFEI_VALUES: dict[str, dict[int, str]] = {
    "人均预期寿命": {2021: "79.9", 2022: "80.0", 2023: "80.05", 2024: "80.1"},
    "每千常住人口执业(助理)医师数": {2022: "3.2", 2023: "3.0", 2024: "3.05"},
    "失业保险参保人数": {2022: "197", 2023: "196", 2024: "215"},
    "养老机构护理型床位占比": {2022: "48", 2023: "47", 2024: "56"},
    "学前教育普惠率": {2022: "86", 2023: "87", 2024: "87.5"},
    "每千常住人口医疗卫生机构床位数": {2023: "7.3", 2024: "8.0"},
    "孕产妇死亡率": {2023: "9.1", 2024: "8.5"},
    "人均体育场地面积": {2022: "2.3", 2023: "2.5", 2024: "2.55"},
}
REVISED_STANDARD = {
    "beneficiaries": "辖区内计划怀孕夫妇",
    "content": "提供健康教育、体格检查、临床实验室检查等孕前优生服务",
    "standard": "每对夫妇每孩次免费检查一次",
    "funding": "中央和地方财政共同负担",
    "lead_department": "市卫生健康委",
}


def seed_reports(engine: Engine) -> None:
    """The seed plans, Hefei's observations, one edited standard, one updated project and
    one indicator assigned to the department that reports it."""
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans())
    with session_scope(engine) as session:
        record_observations(session, records=hefei_records(), region=HEFEI, author="admin")
        plan_id = hefei_plan_id(session)
        item = session.scalars(
            select(ServiceItem).where(ServiceItem.plan_id == plan_id).order_by(ServiceItem.position)
        ).first()
        edit_item(session, item_id=item.id, fields=REVISED_STANDARD, author="admin")
        project = session.scalars(
            select(KeyProject).where(KeyProject.plan_id == plan_id).order_by(KeyProject.id)
        ).first()
        update_project(
            session, project_id=project.id, status="in_progress", progress=40, note=None,
            author="admin",
        )  # fmt: skip
        name, department = HEFEI_DEPARTMENT
        indicator = session.scalars(
            select(Indicator.id).where(Indicator.plan_id == plan_id, Indicator.name == name)
        ).one()
        assign(session, department=department, indicator_id=indicator, region_id=None,
               author="admin")  # fmt: skip


def hefei_records() -> list[RawRecord]:
    rows = [
        {"region": HEFEI, "indicator": name, "year": str(year), "value": value}
        for name, by_year in HEFEI_VALUES.items()
        for year, value in by_year.items()
    ]
    return [
        RawRecord(file="test", sheet=None, row=row, values=values, columns={})
        for row, values in enumerate(rows, start=2)
    ]


def hefei_plan_id(session) -> int:
    query = select(Plan.id).join(Region).where(Region.name == HEFEI, Plan.is_current)
    return session.scalar(query)


@pytest.fixture(scope="module")
def report_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A SQLite database seeded once for the module (seeding takes a few seconds)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    seed_reports(engine)
    yield engine
    engine.dispose()


def require_tool(name: str, package: str) -> str:
    """The tool's path; skip without it, except under CI where it must be installed."""
    found = shutil.which(name)
    if found is None:
        reason = f"`{name}` is not installed (Debian package {package})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; scripts/test installs it")
        pytest.skip(reason)
    return found


def pdf_text(pdf: Path) -> str:
    """The PDF's text in content order (cells stay whole), whitespace removed."""
    require_tool("pdftotext", "poppler-utils")
    done = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return "".join(done.stdout.split())


def render_pages(pdf: Path, folder: Path, prefix: str) -> list[Path]:
    """Every page as a PNG under `folder` (kept as a test artefact to look at)."""
    require_tool("pdftoppm", "poppler-utils")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(folder / prefix)], check=True)
    return sorted(folder.glob(f"{prefix}-*.png"))


def pdf_pages(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def headings(path: Path) -> list[str]:
    document = Document(str(path))
    level_one = ("Heading", "公文一级标题")  # the 公文 style since the GB/T 9704 layout
    return [p.text for p in document.paragraphs if p.style.name.startswith(level_one)]


def footer_has_page_field(path: Path) -> bool:
    footer = Document(str(path)).sections[0].footer
    return "PAGE" in "".join(
        t.text or "" for t in footer._element.iter() if t.tag.endswith("instrText")
    )
