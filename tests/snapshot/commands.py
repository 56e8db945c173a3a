"""`minsheng export …` and `minsheng report …` through the CLI, their output files read back.

The commands are the stable way in: what they write is what users get, however the
library beneath them is arranged. `commands_running` runs them (typer's CliRunner) in a
separate Python process, python -m tests.snapshot.commands, while the web pages are
captured — reports take as long as every page together — and `CommandRun.results`
collects what they printed and wrote.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

import minsheng
from minsheng.cli.main import app
from tests.snapshot.reading import file_content

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = "{out}"
"""Stands for the output path in a command's arguments."""

Command = tuple[str, list[str], str]
"""(name in the snapshot, arguments with OUTPUT, output file name or folder name)."""


@dataclass
class CommandRun:
    process: subprocess.Popen[bytes]
    results_file: Path

    def results(self) -> list[tuple[str, object]]:
        """Wait for the commands; each one's name and what it printed and wrote."""
        code = self.process.wait()
        assert code == 0, f"the command runner failed (exit code {code}); see its stderr"
        results = json.loads(self.results_file.read_text(encoding="utf-8"))
        return [(name, result) for name, result in results]


@contextmanager
def commands_running(
    database_url: str, commands: list[Command], folder: Path
) -> Iterator[CommandRun]:
    """`commands` running on `database_url` in a new process, stopped if left early.

    The process is the same interpreter with the same environment, and checks that it
    imported the same minsheng; its results go to a file in `folder`.
    """
    results_file = folder / f"commands-{len(list(folder.iterdir()))}.json"
    arguments = [database_url, str(results_file), str(Path(minsheng.__file__).parent)]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.snapshot.commands", *arguments],
        stdin=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        assert process.stdin is not None
        process.stdin.write(json.dumps(commands).encode("utf-8"))
        process.stdin.close()
        yield CommandRun(process, results_file)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def run_commands(database_url: str, commands: list[Command]) -> list[tuple[str, object]]:
    """Each command's exit code, messages and written files, in the order given."""
    results = []
    with tempfile.TemporaryDirectory(prefix="minsheng-snapshot-cli-") as folder:
        env = {"MINSHENG_DATABASE_URL": database_url, "MINSHENG_DATA_DIR": folder}
        for number, (name, arguments, output) in enumerate(commands):
            target = Path(folder) / str(number) / output
            target.parent.mkdir()
            given = [str(target) if a == OUTPUT else a for a in arguments]
            result = CliRunner().invoke(app, given, env=env)
            kept: dict[str, object] = {
                "exit_code": result.exit_code,
                "output": result.output.replace(str(target.parent), "<out>").splitlines(),
            }
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                kept["exception"] = f"{type(result.exception).__name__}: {result.exception}"
            kept["files"] = _written(target)
            results.append((name, kept))
    return results


def _written(target: Path) -> dict[str, object]:
    if target.is_file():
        return {target.name: file_content(target.name, target.read_bytes())}
    if target.is_dir():
        return {
            path.name: file_content(path.name, path.read_bytes())
            for path in sorted(target.iterdir())
        }
    return {}


def main() -> None:
    """python -m tests.snapshot.commands DATABASE_URL RESULTS_FILE MINSHENG_DIR < commands"""
    database_url, results_file, expected = sys.argv[1:4]
    imported = Path(minsheng.__file__).parent
    assert imported == Path(expected), f"imported minsheng from {imported}, not {expected}"
    commands = [(name, arguments, output) for name, arguments, output in json.load(sys.stdin)]
    results = run_commands(database_url, commands)
    Path(results_file).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
