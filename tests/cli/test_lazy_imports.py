"""The `minsheng` command starts light: each command imports what it uses when it runs.

Every start used to pay for the whole library (storage, document readers, matplotlib,
openpyxl) before doing anything, even for `--help`.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

import minsheng.usecases
import minsheng.usecases.rounds
import minsheng.usecases.standards
from minsheng.cli import evaluate_command
from minsheng.evaluate import Method

# Top-level packages that no command needs merely to register its options and show --help.
HEAVY = (
    "alembic",
    "bs4",
    "docx",
    "fastapi",
    "jinja2",
    "matplotlib",
    "numpy",
    "openpyxl",
    "pandas",
    "pdfminer",
    "pdfplumber",
    "pypdfium2",
    "rich",
    "scipy",
    "sqlalchemy",
    "starlette",
    "uvicorn",
)
# Parts of minsheng a command imports when it runs, not when `minsheng` starts.
LATE = ("minsheng.collect", "minsheng.exports", "minsheng.ingest", "minsheng.store")


def modules_loaded_by(statement: str) -> list[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.splitlines()[-1])


def test_starting_the_command_loads_no_storage_reader_chart_or_web_library():
    loaded = modules_loaded_by("import minsheng.cli.main")
    heavy = sorted({name.split(".")[0] for name in loaded} & set(HEAVY))
    late = [name for name in loaded if name.startswith(LATE)]
    reports = [name for name in loaded if name.startswith("minsheng.reports.annual")]
    assert (heavy, late, reports) == ([], [], [])


def test_the_usecases_package_imports_no_use_case_until_one_is_asked_for():
    loaded = modules_loaded_by("import minsheng.usecases")
    assert [name for name in loaded if name.startswith("minsheng.usecases.")] == []


LAZY_PACKAGES = (minsheng.usecases, minsheng.usecases.rounds, minsheng.usecases.standards)


@pytest.mark.parametrize(
    ("package", "name"),
    [(package, name) for package in LAZY_PACKAGES for name in package.__all__],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_every_name_a_lazy_package_exports_is_its_defining_modules(package, name):
    value = getattr(package, name)
    defining = importlib.import_module(f"{package.__name__}.{package._DEFINED_IN[name]}")
    assert value is getattr(defining, name)


def test_listing_rounds_loads_no_file_reader():
    """`minsheng round list` took 2.8 s, most of it loading the document and workbook
    readers that the standards and inbox modules beside it need."""
    loaded = modules_loaded_by(
        "import minsheng.usecases.rounds.status, minsheng.usecases.rounds.delivery"
    )
    readers = {"docx", "openpyxl", "pdfplumber", "bs4"}
    assert sorted({name.split(".")[0] for name in loaded} & readers) == []
    assert [name for name in loaded if name.startswith("minsheng.collect")] == []


def test_a_use_case_named_like_its_module_stays_the_function_once_the_module_loads():
    code = (
        "import minsheng.usecases.reference, minsheng.usecases.evaluate_plan\n"
        "from minsheng.usecases import evaluate_plan, import_plan\n"
        "print(callable(evaluate_plan), callable(import_plan))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "True"]


def test_the_evaluate_commands_methods_are_the_evaluators():
    assert [(m.name, m.value) for m in evaluate_command.Method] == [
        (m.name, m.value) for m in Method
    ]
