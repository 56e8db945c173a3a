"""`minsheng ARGS…` for the command tests: the same Typer application the installed
command runs, invoked inside the test's process (typer's CliRunner) with the environment,
working directory and input a shell would give it.

Started as a process, each call paid 1–4 s for Python and the imports of the command
before doing anything; some three hundred calls made the command tests the slowest part
of the suite. What a call shows is kept as a process would show it: its exit code, what
it wrote to stdout and stderr, and, for an exception the command let escape, the
traceback on stderr (so "never a traceback" is still checked). Tests about the process
itself (start-up imports, a kill mid-write, `serve`, the installed wheel, finding
LibreOffice on PATH) start the installed `minsheng` command instead.
"""

from __future__ import annotations

import os
import subprocess
import traceback
from collections.abc import Mapping
from pathlib import Path

from typer.testing import CliRunner

from minsheng.cli.main import app

UNSET_BY_DEFAULT = ("MINSHENG_DATABASE_URL", "MINSHENG_NEW_PASSWORD", "MINSHENG_SMTP_HOST")
"""Variables of the test process a call does not inherit unless it names them."""


def run_minsheng(
    args: tuple[str, ...] | list[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    stdin: str = "",
) -> subprocess.CompletedProcess[str]:
    """Run `minsheng *args` in `cwd` with `env` added to the environment."""
    given: dict[str, str | None] = {name: None for name in UNSET_BY_DEFAULT}
    given.update(env)
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), input=stdin, env=given)
    finally:
        os.chdir(previous)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(["minsheng", *args], result.exit_code, result.stdout, stderr)
