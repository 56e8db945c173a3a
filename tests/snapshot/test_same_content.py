"""The application shows the same content as before the read side's rewrite.

Every page, API response, export and report of the seed plans (see capture.py) is
captured on a fresh SQLite database with the current code and compared, key by key, with
golden.json.gz, captured from the code before. A difference fails the test with the
first differing keys shown as diffs; the full capture is kept beside the test's database
for a closer look. If the difference is an intended, named change of behaviour, regenerate
the golden file as capture.py's docstring says, and say why in the commit message.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.snapshot.capture import GOLDEN, capture, load, save

SHOWN_KEYS = 6  # differing keys shown as diffs
SHOWN_LINES = 40  # diff lines shown per key


def test_pages_api_exports_and_reports_show_the_same_content(tmp_path: Path) -> None:
    assert GOLDEN.is_file(), f"{GOLDEN} is missing; see capture.py to generate it"
    golden = load()
    current = capture(f"sqlite:///{tmp_path / 'minsheng.db'}")
    problems = differences(golden, current)
    if problems:
        kept = tmp_path / "current.json.gz"
        save(current, kept)
        pytest.fail(f"{problems}\n\nthe current capture is in {kept}", pytrace=False)


def differences(golden: dict[str, object], current: dict[str, object]) -> str:
    """A readable account of how `current` differs from `golden`; empty if it does not."""
    missing = [key for key in golden if key not in current]
    added = [key for key in current if key not in golden]
    changed = [key for key in golden if key in current and golden[key] != current[key]]
    if not (missing or added or changed):
        return ""
    lines = [
        f"{len(changed)} of {len(golden)} captured keys differ from {GOLDEN.name}, "
        f"{len(missing)} are missing and {len(added)} are new",
    ]
    if changed:
        by_kind = Counter(_kind(key) for key in changed)
        lines.append("changed per kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.items()))
    lines += [f"missing: {key}" for key in missing[:SHOWN_KEYS]]
    lines += [f"new: {key}" for key in added[:SHOWN_KEYS]]
    for key in changed[:SHOWN_KEYS]:
        lines.append(f"\n--- {key}")
        lines += _diff(golden[key], current[key])
    if len(changed) > SHOWN_KEYS:
        lines.append(f"\n… and {len(changed) - SHOWN_KEYS} more differing keys:")
        lines += [f"  {key}" for key in changed[SHOWN_KEYS:]][:50]
    return "\n".join(lines)


def _kind(key: str) -> str:
    """The phase and kind of a key: seed:page for seed:page:/plans/1."""
    return ":".join(key.split(":", 2)[:2])


def _diff(before: object, after: object) -> list[str]:
    """A unified diff of the two values as indented JSON (object keys sorted)."""
    old, new = (
        json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
        for value in (before, after)
    )
    diff = list(difflib.unified_diff(old, new, "before", "now", n=2, lineterm=""))
    shown = diff[:SHOWN_LINES]
    if len(diff) > SHOWN_LINES:
        shown.append(f"… {len(diff) - SHOWN_LINES} more diff lines")
    return shown
