"""The README's layout names every package and top-level module of the source tree, and
docs/architecture.md exists beside it: a layout that drifts from the tree fails here."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "minsheng"


def layout_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Layout", 1)[1].split("\n## ", 1)[0]


def test_readme_layout_names_every_part_of_the_tree():
    layout = layout_section()
    parts = [p.name + "/" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()]
    parts += [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    parts += [p.name + "/" for p in (PACKAGE / "usecases").iterdir() if p.name == "read"]
    missing = [part for part in parts if not re.search(rf"\b{re.escape(part)}", layout)]
    assert missing == []


def test_architecture_doc_is_linked_and_names_the_registries():
    assert "docs/architecture.md" in layout_section()
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for registry in ("READERS", "REPORTS", "FORMATS", "web/api/__init__.py", "analytics/"):
        assert registry in doc
