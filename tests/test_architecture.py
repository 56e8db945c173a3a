"""Imports flow one way, checked against an allow-list of layers.

    web | cli  →  reports | exports  →  usecases  →
        ingest | collect | store | evaluate | analytics  →  model

A package may import itself and any layer to its right (skipping layers is fine); packages on
one level stay independent of each other. Shared modules at the package top (errors, labels,
settings, data and the package ``__init__``) each name what they may import and who may import
them. An import from or into a package these rules do not name (a new top-level package, say)
is itself a violation, so adding a package cannot sidestep them. ``analytics`` does not exist
yet; it is named so that it lands inside the rules.

The package ``__init__`` runs before any of its submodules, so everything it imports is
loaded by every layer, ``model`` included: it therefore sits at the bottom, beside ``model``.

Why a small AST walk rather than import-linter: it needs no extra dependency or configuration,
it checks any copy of the tree by path (the planted-import tests below run it on a copy in
``tmp_path``, which import-linter, resolving packages through ``sys.path``, cannot do without
shadowing the installed package), it applies third-party rules per package in the same pass,
and each failure reads ``file:line imports X (why)`` for every offending line. It parses the
whole tree in well under a second.

What it sees: ``import`` and ``from … import`` statements anywhere in a file (module level,
inside functions, inside ``if TYPE_CHECKING:``), with relative imports resolved against the
file's package; ``from minsheng import labels`` counts as importing ``minsheng.labels``. It
also sees a module named by string, as in ``importlib.import_module("minsheng.web")`` or an
ASGI factory string ``"minsheng.web.asgi:app"``.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "minsheng"
ROOT = "minsheng"  # the package __init__ itself

# Top to bottom. A package may import the levels below its own, never its own level's peers.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("web", "cli"),
    ("reports", "exports"),
    ("usecases",),
    ("ingest", "collect", "store", "evaluate", "analytics"),
    ("model",),
)
HEIGHT = {unit: len(LAYERS) - i for i, level in enumerate(LAYERS) for unit in level}
ABOVE_MODEL = frozenset(unit for unit, height in HEIGHT.items() if height > HEIGHT["model"])


@dataclass(frozen=True)
class Shared:
    """A module at the package top: what it may import, and which layers may import it."""

    imports: frozenset[str]
    importers: frozenset[str]


SHARED: dict[str, Shared] = {
    # Error types: imports nothing, importable by everyone.
    "errors": Shared(frozenset(), frozenset(HEIGHT)),
    # Process-level helpers (pausing the garbage collector): the same.
    "runtime": Shared(frozenset(), frozenset(HEIGHT)),
    # Limits on outside files (size, zip bombs), honoured by every reader: the same.
    "limits": Shared(frozenset(), frozenset(HEIGHT)),
    # Display labels built on the model's vocabulary (domains): everyone above the model.
    "labels": Shared(frozenset({"model", "errors"}), ABOVE_MODEL),
    # Process configuration (environment, paths): only where a process is wired together and
    # storage opened, never in the pure cores nor in the renderers (they get what they need).
    "settings": Shared(frozenset({"errors"}), frozenset({"store", "usecases", "web", "cli"})),
    # The bundled plans, read from package data: loaded by use cases and the edges.
    "data": Shared(
        frozenset({"model", "errors"}),
        frozenset({"usecases", "reports", "exports", "web", "cli"}),
    ),
    # The package __init__ runs on every import of any submodule, so it may import only what
    # model may (plus model itself); any layer above model may read e.g. __version__ from it.
    ROOT: Shared(frozenset({"model", "errors"}), ABOVE_MODEL),
}
UNITS = frozenset(HEIGHT) | frozenset(SHARED)

# Inside ingest: parsers and readers meet only in minsheng.ingest (both may use .document).
INNER_FORBIDDEN = (
    ("minsheng.ingest.parsers", "minsheng.ingest.readers"),
    ("minsheng.ingest.readers", "minsheng.ingest.parsers"),
)

DATABASE = frozenset({"sqlalchemy", "alembic", "psycopg"})
WEB = frozenset({"fastapi", "starlette", "jinja2", "uvicorn"})
CLI = frozenset({"typer", "rich"})
NETWORK = frozenset({"httpx", "requests"})
READERS = frozenset({"docx", "bs4", "pdfplumber", "pdfminer", "lxml"})
FRAMEWORKS = DATABASE | WEB | CLI | NETWORK

# Third-party top-level names a module may not import, by module prefix (rules add up, so
# minsheng.ingest.parsers gets ingest's and its own). The key ROOT matches the __init__ only.
THIRD_PARTY: dict[str, frozenset[str]] = {
    "minsheng.model": FRAMEWORKS | READERS | {"openpyxl", "matplotlib"},
    "minsheng.evaluate": FRAMEWORKS | READERS,
    "minsheng.analytics": FRAMEWORKS | READERS,
    "minsheng.ingest": DATABASE | WEB | CLI | NETWORK,
    "minsheng.ingest.parsers": READERS,
    "minsheng.collect": DATABASE | WEB | CLI | NETWORK,
    "minsheng.store": WEB | CLI,
    "minsheng.usecases": WEB | CLI,
    "minsheng.reports": {"fastapi", "starlette", "uvicorn"} | CLI,
    "minsheng.exports": {"fastapi", "starlette", "uvicorn"} | CLI,
    "minsheng.web": CLI,
    "minsheng.cli": {"fastapi", "starlette", "jinja2"},
    "minsheng.errors": FRAMEWORKS | READERS,
    "minsheng.runtime": FRAMEWORKS | READERS,
    "minsheng.labels": FRAMEWORKS | READERS,
    "minsheng.settings": FRAMEWORKS | READERS,
    "minsheng.data": FRAMEWORKS | READERS,
    ROOT: FRAMEWORKS | READERS,
}

# (importing module, imported module or package): deliberate exceptions, each with its reason.
KNOWN_EXCEPTIONS = frozenset(
    {
        # `minsheng serve` / `minsheng demo` exist to run the web app (create_app, and the
        # uvicorn factory string for workers): the CLI is the process's composition root.
        # Only this module is exempt, and web never imports cli.
        ("minsheng.cli.serve_command", "minsheng.web"),
    }
)


@dataclass(frozen=True, order=True)
class Violation:
    path: str
    line: int
    imported: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.imported} ({self.reason})"


def check_layering(root: Path) -> list[Violation]:
    """Every import in the package at `root` (a directory named minsheng) that breaks a rule."""
    modules = {module_name(root, path): path for path in python_files(root)}
    violations = []
    for module, path in sorted(modules.items()):
        shown = path.relative_to(root.parent).as_posix()
        for line, name in imports_of(module, path.name == "__init__.py", path.read_text("utf-8")):
            reason = broken_rule(module, resolved(name, modules))
            if reason:
                violations.append(Violation(shown, line, resolved(name, modules), reason))
    return sorted(set(violations))


def python_files(root: Path) -> Iterator[Path]:
    return (path for path in root.rglob("*.py") if "__pycache__" not in path.parts)


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The layer or shared module a dotted name belongs to: minsheng.store.tables → store."""
    return module.split(".")[1] if "." in module else ROOT


def resolved(name: str, modules: dict[str, Path]) -> str:
    """`from minsheng import labels` names the module minsheng.labels, not the package."""
    package, _, attribute = name.partition(":")
    if f"{package}.{attribute}" in modules or (package == ROOT and attribute in UNITS):
        return f"{package}.{attribute}"
    return package


@cache
def imports_of(module: str, is_package: bool, source: str) -> tuple[tuple[int, str], ...]:
    """(line, name) for each import; `from a import b` gives "a:b" (b may be a module)."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = absolute(package, node.level, node.module)
            found += [(node.lineno, f"{base}:{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = MODULE_STRING.fullmatch(node.value)
            if match and unit_of(match["module"]) in UNITS:
                found.append((node.lineno, match["module"]))
    return tuple(found)


MODULE_STRING = re.compile(r"(?P<module>minsheng(?:\.\w+)+)(?::\w+)?")


def absolute(package: str, level: int, module: str | None) -> str:
    if not level:
        return module or ""
    parts = package.split(".")
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, module] if module else base)


def broken_rule(importer: str, imported: str) -> str | None:
    """Why `importer` may not import `imported`, or None when it may."""
    top = imported.split(".", maxsplit=1)[0]
    if top != "minsheng":
        banned = [
            key
            for key, names in THIRD_PARTY.items()
            if top in names and (importer == key or (key != ROOT and within(importer, key)))
        ]
        return f"{banned[0]} stays free of {top}" if banned else None
    if any(within(importer, a) and within(imported, b) for a, b in KNOWN_EXCEPTIONS):
        return None
    for a, b in INNER_FORBIDDEN:
        if within(importer, a) and within(imported, b):
            return f"{a} may not import {b}: they meet only in minsheng.ingest"
    return unit_rule(unit_of(importer), unit_of(imported))


def unit_rule(source: str, target: str) -> str | None:
    """Why layer or shared module `source` may not import `target`, or None when it may."""
    if source == target:
        return None
    unknown = [unit for unit in (source, target) if unit not in UNITS]
    if unknown:
        return f"minsheng.{unknown[0]} is in no layer: add it to LAYERS or SHARED"
    if source in SHARED:
        allowed = SHARED[source].imports
        ok = target in allowed
        why = f"{describe(source)} may import only {', '.join(sorted(allowed)) or 'nothing'}"
    elif target in SHARED:
        ok = source in SHARED[target].importers
        who = ", ".join(u for level in LAYERS for u in level if u in SHARED[target].importers)
        why = f"{describe(target)} is for {who} only"
    else:
        ok = HEIGHT[source] > HEIGHT[target]
        why = (
            f"{source} may not import its peer {target}: one level stays independent"
            if HEIGHT[source] == HEIGHT[target]
            else f"layer {source} may not import layer {target}, which sits above it"
        )
    return None if ok else why


def describe(unit: str) -> str:
    return "the package __init__" if unit == ROOT else unit


def within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_package_follows_the_layers():
    violations = check_layering(PACKAGE)
    assert not violations, "\n".join(map(str, violations))


PLANTED = [
    # (file, code appended to it, the module it should be reported importing)
    ("model/__init__.py", "import minsheng.store", "minsheng.store"),
    ("model/plan.py", "from minsheng import web", "minsheng.web"),
    ("evaluate/engine.py", "import minsheng.store", "minsheng.store"),
    ("evaluate/rollup.py", "import minsheng.analytics", "minsheng.analytics"),
    ("evaluate/status.py", "from ..store import tables", "minsheng.store.tables"),
    ("evaluate/direction.py", "from minsheng.settings import get_settings", "minsheng.settings"),
    ("evaluate/engine.py", "def later():\n    import sqlalchemy", "sqlalchemy"),
    ("ingest/document.py", "import minsheng.usecases", "minsheng.usecases"),
    ("ingest/parsers/plan.py", "from ...collect import validate", "minsheng.collect.validate"),
    ("ingest/parsers/tables.py", "import docx", "docx"),
    (
        "ingest/parsers/text.py",
        "from minsheng.ingest.readers import base",
        "minsheng.ingest.readers.base",
    ),
    ("collect/readers.py", "import minsheng.usecases", "minsheng.usecases"),
    ("collect/template.py", "import minsheng.settings", "minsheng.settings"),
    ("store/database.py", "import minsheng.web", "minsheng.web"),
    (
        "store/tables/plans.py",
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from minsheng.usecases import plans",
        "minsheng.usecases.plans",
    ),
    ("usecases/plans.py", "import minsheng.exports", "minsheng.exports"),
    (
        "usecases/compare.py",
        "def later():\n    from minsheng.reports import annual",
        "minsheng.reports.annual",
    ),
    ("usecases/plans.py", "import fastapi", "fastapi"),
    ("exports/csv.py", "from minsheng.reports import charts", "minsheng.reports.charts"),
    ("reports/charts.py", "import minsheng.web.app", "minsheng.web.app"),
    ("web/app.py", "import minsheng.cli.main", "minsheng.cli.main"),
    ("cli/main.py", 'APP = "minsheng.web.asgi:app_from_environment"', "minsheng.web.asgi"),
    ("labels.py", "import minsheng.store", "minsheng.store"),
    ("errors.py", "from minsheng.model import plan", "minsheng.model.plan"),
    ("model/cell.py", "from minsheng import labels", "minsheng.labels"),
    (
        "exports/xlsx.py",
        "import importlib\nimportlib.import_module('minsheng.web')",
        "minsheng.web",
    ),
    ("collect/readers.py", "import minsheng.newthing", "minsheng.newthing"),
]


@pytest.fixture(scope="module")
def copied_tree(tmp_path_factory) -> tuple[Path, set[Violation]]:
    """A copy of the package's Python files, and what the checker reports on it untouched."""
    copy = tmp_path_factory.mktemp("layering") / "minsheng"
    shutil.copytree(PACKAGE, copy, ignore=_not_python)
    return copy, set(check_layering(copy))


@pytest.mark.parametrize(
    ("planted_in", "code", "imported"),
    PLANTED,
    ids=[f"{planted_in}→{imported}" for planted_in, _, imported in PLANTED],
)
def test_a_planted_import_is_reported(copied_tree, planted_in, code, imported):
    copy, before = copied_tree
    target = copy / planted_in
    original = target.read_text(encoding="utf-8")
    planted = f"{original.rstrip()}\n\n\n{code}\n"
    target.write_text(planted, encoding="utf-8")
    try:
        new = set(check_layering(copy)) - before
    finally:
        target.write_text(original, encoding="utf-8")

    where = (f"minsheng/{planted_in}", len(planted.splitlines()), imported)
    assert {(v.path, v.line, v.imported) for v in new} == {where}, new


def _not_python(directory: str, names: list[str]) -> set[str]:
    """Leave out everything but Python files (and the directories holding them)."""
    return {
        name
        for name in names
        if name == "__pycache__" or not (name.endswith(".py") or Path(directory, name).is_dir())
    }
