"""ToUnicode CMaps read by pdf_cmaps come out as pdfminer's own CMapParser reads them.

Plain sections are read by regular expression; anything else (strings or comments that
could hide a section, sections pdfminer would warn about or skip, maps after `endcmap`)
must still give pdfminer's map.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from pdfminer.cmapdb import CMapParser, FileUnicodeMap

from minsheng.ingest.readers.pdf_cmaps import read_to_unicode

HEADER = (
    b"/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<<\n"
    b"/Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
    b"/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
    b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
)
FOOTER = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
CMAPS = [
    HEADER + b"3 beginbfchar\n<01> <5E8F>\n<02> <0041>\n<03> <D83DDE00>\nendbfchar\n" + FOOTER,
    HEADER + b"2 beginbfrange\n<10> <12> <0061>\n<20> <21> [<0062> <0063>]\nendbfrange\n" + FOOTER,
    HEADER
    + b"1 beginbfchar\n<03> <0020>\nendbfchar\n1 beginbfchar\n<03> <00A0>\nendbfchar\n"
    + FOOTER,
    HEADER + b"1 beginbfrange\n<01> <03> [<0041> <0042>]\nendbfrange\n" + FOOTER,  # too short
    HEADER + b"1 beginbfrange\n<01> <0003> <0041>\nendbfrange\n" + FOOTER,  # unequal lengths
    HEADER + b"1 beginbfchar\n<01> <0041> <02>\nendbfchar\n" + FOOTER,  # odd count
    HEADER + b"1 beginbfrange\n<01> <02> <FFFFFFFF>\nendbfrange\n" + FOOTER,  # overflows
    HEADER + FOOTER + b"1 beginbfchar\n<01> <0041>\nendbfchar\n",  # after endcmap
    HEADER
    + b"(x beginbfchar <01> <0041> endbfchar)\n1 beginbfchar <02> <0042> endbfchar\n"
    + FOOTER,
    HEADER + b"% beginbfchar <01> <0041> endbfchar\n1 beginbfchar <02> <0042> endbfchar\n" + FOOTER,
    HEADER + b"[ 1 beginbfchar <02> <0042> endbfchar ]\n" + FOOTER,
    b"1 beginbfchar <01> <0041> endbfchar",  # no begincmap
    HEADER
    + b"1 beginbfchar minsheng_section_0 endbfchar\n1 beginbfchar <01> <0041> endbfchar\n"
    + FOOTER,  # a placeholder's name in the CMap itself
]


def outcome(read: Callable[[bytes], FileUnicodeMap], data: bytes) -> object:
    """The map and attributes read, or the error raised (pdfminer fails on some)."""
    try:
        umap = read(data)
    except Exception as error:  # the error is what is compared
        return type(error)
    return umap.cid2unichr, umap.attrs


def pdfminer_map(data: bytes) -> FileUnicodeMap:
    umap = FileUnicodeMap()
    CMapParser(umap, BytesIO(data)).run()
    return umap


@pytest.mark.parametrize("data", CMAPS)
def test_cmap_reads_as_pdfminer_reads_it(data: bytes) -> None:
    assert outcome(read_to_unicode, data) == outcome(pdfminer_map, data)


def test_plain_sections_are_read_without_pdfminers_tokenizer() -> None:
    data = HEADER + b"2 beginbfchar\n<01> <5E8F>\n<02> <0041>\nendbfchar\n" + FOOTER
    assert read_to_unicode(data).cid2unichr == {1: "序", 2: "A"}
