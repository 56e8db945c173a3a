"""An upload's problems as the page shows them: the first MAX_SHOWN, and every one of them
as a CSV file to download, kept for its uploader for a day.

A file with 100,000 bad rows once made a 51 MB page; now the page stays small and the
list is one click away.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import Request

from minsheng.usecases.entry.upload import UploadResult
from minsheng.usecases.users import Account

MAX_SHOWN = 200
KEEP_SECONDS = 24 * 3600
FOLDER = "upload-problems"
HEADER = ("工作表", "行", "列", "问题")
_NAME = re.compile(r"[A-Za-z0-9_-]{20,64}")


def problem_view(request: Request, user: Account, result: UploadResult) -> dict[str, Any]:
    """The page's context: the result cut to MAX_SHOWN problems (and their rows), the total,
    and the CSV's address when some problems are not shown."""
    total = len(result.problems)
    if total <= MAX_SHOWN:
        return {"result": result, "problem_total": total, "problems_csv": None}
    shown = result.problems[:MAX_SHOWN]
    rows = {problem.row for problem in shown}
    records = [record for record in result.records if record.row in rows][:MAX_SHOWN]
    name = _save(_folder(request), user.id, result)
    cut = replace(result, problems=shown, records=records)
    return {"result": cut, "problem_total": total, "problems_csv": f"/entry/upload/problems/{name}"}


def problems_file(request: Request, user: Account, name: str) -> Path | None:
    """The CSV `name` if it exists and was made for `user`."""
    if not _NAME.fullmatch(name):
        return None
    path = _folder(request) / f"{user.id}-{name}.csv"
    return path if path.is_file() else None


def _save(folder: Path, user_id: int, result: UploadResult) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    _forget_old(folder)
    name = secrets.token_urlsafe(24)
    (folder / f"{user_id}-{name}.csv").write_bytes(_csv(result).encode("utf-8-sig"))
    return name


def _csv(result: UploadResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for problem in result.problems:
        writer.writerow((problem.sheet or "", problem.row, problem.column, problem.message))
    return out.getvalue()


def _forget_old(folder: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in folder.glob("*.csv"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def _folder(request: Request) -> Path:
    return Path(request.app.state.settings.data_dir) / FOLDER
