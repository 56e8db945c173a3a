"""The five seed plans as structured data, so a fresh clone can run without the documents.

Only the facts the parser extracts are kept — metadata, headings, indicators with their
values, the completion table, service items, column titles, key project names. Column
bodies, project descriptions and footnotes, which are the documents' own prose, are left
out.
Regenerate with `minsheng bundle ../shared/seeds` (see README).
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from minsheng.model.plan import ParsedPlan

PLANS_PACKAGE = "minsheng.data"
PLANS_FOLDER = "plans"


def facts_only(plan: ParsedPlan) -> ParsedPlan:
    """The plan without the documents' running prose."""
    return plan.model_copy(
        update={
            "indicators": [i.model_copy(update={"notes": []}) for i in plan.indicators],
            "indicator_table_notes": [],
            "columns": [column.model_copy(update={"body": []}) for column in plan.columns],
            "projects": [project.model_copy(update={"detail": None}) for project in plan.projects],
        }
    )


def write_bundle(plans: list[ParsedPlan], folder: Path) -> list[Path]:
    """One JSON file per plan, named by its source document's stem."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for plan in plans:
        path = folder / f"{Path(plan.source).stem}.json"
        data = facts_only(plan).model_dump(mode="json")
        data["source"] = Path(plan.source).name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written


def bundled_plans() -> list[ParsedPlan]:
    """The shipped seed plans, in file-name order."""
    folder = files(PLANS_PACKAGE).joinpath(PLANS_FOLDER)
    entries = sorted(
        (e for e in folder.iterdir() if e.name.endswith(".json")), key=lambda e: e.name
    )
    return [ParsedPlan.model_validate_json(entry.read_text(encoding="utf-8")) for entry in entries]


def bundle_folder() -> Path:
    """Where `minsheng bundle` writes: the package's own data folder in this checkout."""
    return Path(__file__).resolve().parent / PLANS_FOLDER
