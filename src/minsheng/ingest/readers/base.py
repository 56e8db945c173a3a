"""What every reader is, plus the byte-level helpers that several readers share.

Readers turn one file format into a `Document`; they never interpret the plan. The
helpers here exist so every format handles file errors, Chinese encodings and odd
whitespace the same way.
"""

from __future__ import annotations

import io
import re
import zipfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from minsheng.errors import UnreadableDocument
from minsheng.ingest.document import Document
from minsheng.limits import archive_problem, file_size_problem

# GB2312 and GBK are subsets of GB18030; decoding as the superset accepts the
# characters that pages labelled "gb2312" routinely contain anyway.
_GB_ALIASES = frozenset({"gb2312", "gb_2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "ms936"})
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Leftovers of DOCX-to-text conversion, e.g. "[bookmark: _Toc12345]".
_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
# Trailing whitespace except tabs: a trailing tab can be an empty last table cell.
_TRAILING_SPACE = re.compile(r"[^\S\t]+$")
_WIDE_SPACES = str.maketrans({"\u00a0": " ", "\u3000": " "})


class Reader(ABC):
    """Reads one family of file formats into the intermediate `Document` form."""

    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def read(self, path: Path) -> Document:
        """Read `path`; raise `UnreadableDocument` when its content cannot be read."""


def check_size(path: Path) -> None:
    """Refuse a file over the size limit before reading it."""
    try:
        problem = file_size_problem(path)
    except OSError as error:
        raise UnreadableDocument(f"cannot read the file: {error}", file=str(path)) from error
    if problem:
        raise UnreadableDocument(problem, file=str(path))


def check_archive(data: bytes, path: Path) -> None:
    """Refuse a zip-based file (DOCX) that would unpack to far more than it is."""
    try:
        problem = archive_problem(zipfile.ZipFile(io.BytesIO(data)))
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a readable zip: the format's reader says so in its own words
    if problem:
        raise UnreadableDocument(problem, file=str(path))


def read_bytes(path: Path) -> bytes:
    """Read the whole file, turning OS errors into an error a user can act on."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(
            f"cannot read the file: {error.strerror or error}", file=str(path)
        ) from error


def decode(data: bytes, path: Path, declared: str | None = None) -> str:
    """Decode text from a BOM, else as UTF-8, else a declared charset, else GB18030.

    Chinese government files are mostly UTF-8 or GBK; GB18030 covers GBK and GB2312.
    Strict UTF-8 goes before the declaration because bytes that decode as UTF-8 are
    almost never anything else, while stale declarations (a "gb2312" page re-saved as
    UTF-8) are common. Each candidate is strict, so a wrong guess falls through.
    """
    for encoding in _candidate_encodings(data, declared):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" not in text:
            return text
    raise UnreadableDocument(
        "cannot decode the text: it is not UTF-8 or GB18030 (GBK/GB2312), "
        "or the file is not text at all",
        file=str(path),
    )


def _candidate_encodings(data: bytes, declared: str | None) -> list[str]:
    """The encodings worth trying for `data`, most specific first."""
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    if bom:
        return [bom]
    candidates = ["utf-8"]
    if declared:
        name = declared.strip().lower()
        candidates.append("gb18030" if name in _GB_ALIASES else name)
    candidates.append("gb18030")
    return list(dict.fromkeys(candidates))


def clean_line(text: str) -> str:
    """Normalise one line of text without touching the tabs that separate table cells.

    Removes bookmark debris, turns NBSP and the ideographic space U+3000 into plain
    spaces, and strips trailing whitespace other than tabs. Leading whitespace stays.
    """
    text = _BOOKMARK.sub("", text).translate(_WIDE_SPACES)
    return _TRAILING_SPACE.sub("", text)


def is_blank(text: str) -> bool:
    """True for text with nothing but whitespace (tabs included)."""
    return not text.strip()
