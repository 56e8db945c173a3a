"""Fixtures of the command-line tests: the `minsheng` command run on a data directory of
the test's own.

Commands run inside the test's process (`tests.command`). A data directory starts as a
copy of a database the command has opened once (migrated, with the national reference
plan; `opened_database_file`), as it is after any first command: each test then runs its
own commands, not 21 migrations first. Tests about the
first run itself (`minsheng db upgrade`, `minsheng demo`) use an empty directory.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.command import run_minsheng
from tests.conftest import start_data_dir

from minsheng.settings import DATABASE_FILE

HEFEI_SEED = "000_7c865537b9a88152.txt"


class Minsheng:
    """`minsheng ARGS…` on one data directory, run from `cwd` (see `tests.command`);
    keyword arguments add environment variables for that call, `stdin` is its input."""

    def __init__(self, data_dir: Path, cwd: Path, **env: str) -> None:
        self.data_dir, self.cwd = data_dir, cwd
        self.env = {"MINSHENG_DATA_DIR": str(data_dir), **env}

    def __call__(self, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
        return run_minsheng(args, env={**self.env, **env}, cwd=self.cwd, stdin=stdin)

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE


@pytest.fixture
def minsheng_in(opened_database_file: Path) -> Callable[..., Minsheng]:
    """A runner on `data_dir`, started from the opened database unless `empty`."""

    def make(data_dir: Path, cwd: Path, *, empty: bool = False, **env: str) -> Minsheng:
        if not empty:
            start_data_dir(data_dir, opened_database_file)
        return Minsheng(data_dir, cwd, **env)

    return make


@pytest.fixture
def minsheng(tmp_path: Path, minsheng_in: Callable[..., Minsheng]) -> Minsheng:
    """`minsheng` on `tmp_path/data`, run from `tmp_path`."""
    return minsheng_in(tmp_path / "data", tmp_path)


@pytest.fixture(scope="session")
def hefei_database_file(
    tmp_path_factory: pytest.TempPathFactory, opened_database_file: Path, seeds_dir: Path
) -> Path:
    """A data directory's database after `minsheng import` of the Hefei seed, made once
    per worker by the command itself; tests that start from it copy the file."""
    folder = tmp_path_factory.mktemp("hefei-imported")
    start_data_dir(folder / "data", opened_database_file)
    run = Minsheng(folder / "data", folder)
    imported = run("import", str(seeds_dir / HEFEI_SEED))
    assert imported.returncode == 0, imported.stderr
    return run.database


@pytest.fixture
def minsheng_with_hefei(tmp_path: Path, hefei_database_file: Path) -> Minsheng:
    """`minsheng` on a data directory holding the imported Hefei plan."""
    start_data_dir(tmp_path / "data", hefei_database_file)
    return Minsheng(tmp_path / "data", tmp_path)
