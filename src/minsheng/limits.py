"""The limits every reader of an outside file honours, in one place: how large a file is
read at all, and how far a zip-based file (DOCX, XLSX) may unpack before it is a bomb."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_FILE_BYTES = 100 * 1024 * 1024
"""The largest document or upload read (100 MB; the seed plans are under 200 KB)."""
MAX_CELL_CHARS = 32_767
"""The longest cell read from a table file: Excel's own limit, so a longer one is damage
(an unbalanced quote swallowing the rest of a CSV) or an attack, whatever the csv module's
process-wide field limit has been set to by a library."""
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_PACKING_RATIO = 200
"""A DOCX or XLSX unpacks to at most 512 MB, no member more than 200 times its packed size
(counting at least 1 KB packed): beyond that it is a zip bomb, refused unpacked."""


def file_size_problem(path: Path, limit: int = MAX_FILE_BYTES) -> str | None:
    """Why `path` is too large to read, or None."""
    size = path.stat().st_size
    if size <= limit:
        return None
    return f"the file is {size / 2**20:.0f} MB; at most {limit / 2**20:.0f} MB is read"


def archive_problem(archive: zipfile.ZipFile) -> str | None:
    """Why the zip would unpack to far more than it is, or None."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    inflated = any(
        member.file_size > MAX_PACKING_RATIO * max(member.compress_size, 1024) for member in members
    )
    if unpacked <= MAX_UNPACKED_BYTES and not inflated:
        return None
    return (
        f"the file would unpack to {unpacked / 2**20:.0f} MB "
        "(a compressed bomb, or far more than a plan or a reporting sheet): refused"
    )
