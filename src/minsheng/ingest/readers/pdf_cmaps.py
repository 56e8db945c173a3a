"""ToUnicode CMaps read as pdfminer reads them, their long mapping sections faster.

A font's ToUnicode CMap tells which text each char code shows (see pdf_fonts). pdfminer
reads it with its PostScript tokenizer, token by token in Python: most of the time a
font takes. The bulk of a CMap is plain `beginbfchar`/`beginbfrange` sections of hex
strings; each such section is read here by regular expression and stands in pdfminer's
input as one placeholder keyword, which the parser (pdfminer's, subclassed) answers with
the section's mappings in their order. Everything else, and any section that is not
plain, pdfminer reads itself, so the map comes out as pdfminer's.
"""

from __future__ import annotations

import re
import struct
from io import BytesIO
from typing import Any

from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.psparser import KWD, PSKeyword

Mapping = list[tuple[int, bytes]]  # char code, UTF-16BE text, in the order pdfminer adds

# A section whose body holds only hex strings and brackets, between delimited keywords.
_SECTION = re.compile(rb"(?<![^\s])beginbf(char|range)([\s\[\]<>0-9A-Fa-f]*)endbf\1(?![^\s])")
_TOKEN = re.compile(rb"\s*(?:<((?:[0-9A-Fa-f]{2})+)>|(\[)|(\]))")
_STRING = re.compile(rb"\([^()\\]*\)")
_PLACEHOLDER = b"minsheng_section_"  # a CMap that holds it is read by pdfminer alone
_ODD = re.compile(rb"[%(){}]")  # outside plain strings: what could hide or fake a section


def read_to_unicode(data: bytes) -> FileUnicodeMap:
    """The CMap as pdfminer's FileUnicodeMap (CMapParser's result)."""
    skeleton, sections = _skeleton(data) if _plain(data) else (data, [])
    umap = FileUnicodeMap()
    _Parser(umap, skeleton, sections).run()
    return umap


def _skeleton(data: bytes) -> tuple[bytes, list[Mapping]]:
    """The CMap with each plain section's body as a placeholder keyword (its number),
    and the sections' mappings."""
    sections: list[Mapping] = []

    def replace(match: re.Match[bytes]) -> bytes:
        mapping = _mapping(match.group(1) == b"range", match.group(2))
        if mapping is None:
            return match.group(0)
        sections.append(mapping)
        return b"beginbf%s %s endbf%s" % (match[1], _placeholder(len(sections) - 1), match[1])

    return _SECTION.sub(replace, data), sections


def _plain(data: bytes) -> bool:
    """Whether sections can be told from the text alone: no comments, procedures or
    strings but short ones that hold no section, nothing that looks like a placeholder."""
    strings = _STRING.findall(data)
    if _PLACEHOLDER in data or any(b"bf" in string for string in strings):
        return False
    return not _ODD.search(_STRING.sub(b" ", data))


def _placeholder(number: int) -> bytes:
    return _PLACEHOLDER + b"%d" % number


def _mapping(ranges: bool, body: bytes) -> Mapping | None:
    """The section's mappings as pdfminer adds them; None unless every entry is plain
    (pdfminer then reads the section, warnings and all)."""
    objects = _objects(body)
    if objects is None or len(objects) % (3 if ranges else 2):
        return None
    if not ranges:
        if any(isinstance(one, list) for one in objects):
            return None
        pairs = zip(objects[::2], objects[1::2], strict=True)
        return [(int.from_bytes(code), text) for code, text in pairs]
    found: Mapping = []
    for start, end, text in zip(objects[::3], objects[1::3], objects[2::3], strict=True):
        entries = _range(start, end, text)
        if entries is None:
            return None
        found += entries
    return found


def _range(start: Any, end: Any, text: Any) -> Mapping | None:
    """One bfrange entry's mappings, or None where pdfminer would warn or fail."""
    if not isinstance(start, bytes) or not isinstance(end, bytes) or len(start) != len(end):
        return None
    first, last = int.from_bytes(start), int.from_bytes(end)
    if isinstance(text, list):
        if len(text) != last - first + 1 or any(isinstance(t, list) for t in text):
            return None
        return list(zip(range(first, last + 1), text, strict=True))
    variable, prefix = text[-4:], text[:-4]
    base = int.from_bytes(variable)
    if base + last - first >= 1 << 32:
        return None
    width = len(variable)
    return [
        (first + i, prefix + struct.pack(">L", base + i)[-width:]) for i in range(last - first + 1)
    ]


def _objects(body: bytes) -> list[Any] | None:
    """The body's hex strings as bytes, bracketed ones as lists (one level deep)."""
    objects: list[Any] = []
    stack = [objects]
    position = 0
    for match in _TOKEN.finditer(body):
        if match.start() != position:
            return None
        position = match.end()
        hexes, opening, closing = match.groups()
        if hexes is not None:
            stack[-1].append(bytes.fromhex(hexes.decode()))
        elif opening and len(stack) == 1:
            stack.append([])
            objects.append(stack[-1])
        elif closing and len(stack) == 2:
            stack.pop()
        else:
            return None
    plain = len(stack) == 1 and not body[position:].strip()
    return objects if plain else None


class _Parser(CMapParser):
    """pdfminer's CMap parser, a section's placeholder answered with its mappings."""

    def __init__(self, umap: FileUnicodeMap, data: bytes, sections: list[Mapping]) -> None:
        super().__init__(umap, BytesIO(data))
        self.sections: dict[Any, Mapping] = {
            KWD(_placeholder(n)): mapping for n, mapping in enumerate(sections)
        }
        self.ends = (self.KEYWORD_ENDBFCHAR, self.KEYWORD_ENDBFRANGE)

    def do_keyword(self, pos: int, token: PSKeyword) -> None:
        stack = self.curstack
        if token in self.ends and self._in_cmap and len(stack) == 1:
            mapping = self.sections.get(stack[0][1])
            if mapping is not None:
                self.popall()
                for code, text in mapping:
                    self.cmap.add_cid2unichr(code, text)
                return
        super().do_keyword(pos, token)
