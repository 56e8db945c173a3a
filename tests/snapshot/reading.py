"""Turn pages, reports and CSV files into plain, comparable structures; blank out the volatile.

A page becomes its visible text, one line per block (cells of a row joined by " | "),
its link targets, the JSON of its `<script type="application/json">` elements and its
`data-*` attributes. Inline markup that carries meaning stays visible as markers: a
highlighted search hit «…», an insertion {+…+}, a deletion [-…-], a checked box or
selected option [x], a progress bar [progress value/max], a search box's value [=…].

`Volatile` replaces what differs between two runs of the same code on the same data (see
its docstring); everything else is kept as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

import docx
import openpyxl
from lxml import html

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "summary",
        "table",
        "tbody",
        "textarea",
        "tfoot",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
CELL_TAGS = frozenset({"td", "th"})
SKIPPED_TAGS = frozenset({"script", "style", "template", "head"})
INLINE_MARKS = {"mark": ("«", "»"), "ins": ("{+", "+}"), "del": ("[-", "-]")}
CELL_SEPARATOR = "\x1f"  # stand for a cell boundary and a line break until the text
LINE_BREAK = "\x1e"  # is cut into lines (the source's own line breaks are just spaces)


def page_content(text: str) -> dict[str, object]:
    """A page's title, visible text lines, links, chart JSON and data attributes."""
    document = html.document_fromstring(text)
    titles = document.xpath("//title")
    parts: list[str] = []
    body = document.find("body")
    _walk(body if body is not None else document, parts)
    return {
        "title": _collapse(titles[0].text_content()) if titles else None,
        "text": _lines("".join(parts)),
        "links": [
            element.get("href") or element.get("action")
            for element in document.xpath("//body//a[@href] | //body//form[@action]")
        ],
        "json": [
            json.loads(script.text or "null")
            for script in document.xpath("//script[@type='application/json']")
        ],
        "data": [
            {"element": _describe(element), **_data_attributes(element)}
            for element in document.xpath("//body//*[@*[starts-with(name(), 'data-')]]")
        ],
    }


def _walk(element: html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIPPED_TAGS or not tag:  # comments and processing instructions have no str tag
        parts.append(_spaced(element.tail))
        return
    opening, closing = _markers(element, tag)
    parts.append(opening)
    parts.append(_spaced(element.text))
    for child in element:
        _walk(child, parts)
    parts.append(closing)
    parts.append(_spaced(element.tail))


def _spaced(text: str | None) -> str:
    """Source text with its line breaks and runs of whitespace as single spaces."""
    return re.sub(r"\s+", " ", text) if text else ""


def _markers(element: html.HtmlElement, tag: str) -> tuple[str, str]:
    """What to write around the element's own text (and tail, for an inline element)."""
    if tag in CELL_TAGS:
        return CELL_SEPARATOR, CELL_SEPARATOR
    if tag in INLINE_MARKS:
        return INLINE_MARKS[tag]
    opening = ""
    if tag == "input":
        opening = _input_marker(element)
    elif tag == "progress":
        opening = f"[progress {element.get('value')}/{element.get('max')}]"
    elif tag == "option" and element.get("selected") is not None:
        opening = "[x] "
    if tag in BLOCK_TAGS:
        return LINE_BREAK + opening, LINE_BREAK
    return opening, ""


def _input_marker(element: html.HtmlElement) -> str:
    kind = (element.get("type") or "text").lower()
    if kind == "hidden":  # CSRF tokens and carried-over form state, never shown
        return ""
    if kind in ("checkbox", "radio"):
        return "[x] " if element.get("checked") is not None else "[ ] "
    if kind in ("submit", "button"):
        return f"[{element.get('value') or ''}]"
    value = element.get("value")
    return f"[={value}]" if value else ""


def _lines(text: str) -> list[str]:
    lines = []
    for line in text.split(LINE_BREAK):
        cells = [_collapse(cell) for cell in line.split(CELL_SEPARATOR)]
        joined = " | ".join(cell for cell in cells if cell)
        if joined:
            lines.append(joined)
    return lines


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _describe(element: html.HtmlElement) -> str:
    found = element.tag
    if element.get("id"):
        found += f"#{element.get('id')}"
    return found


def _data_attributes(element: html.HtmlElement) -> dict[str, str]:
    return {name: value for name, value in element.attrib.items() if name.startswith("data-")}


def report_content(body: bytes) -> dict[str, object]:
    """A DOCX report's paragraphs and table cells, in document order, as text."""
    document = docx.Document(io.BytesIO(body))
    sections = document.sections
    headers = [p.text for s in sections for p in s.header.paragraphs if p.text.strip()]
    footers = [p.text for s in sections for p in s.footer.paragraphs if p.text.strip()]
    return {
        "paragraphs": [
            f"[{p.style.name}] {p.text}" if p.style is not None else p.text
            for p in document.paragraphs
        ],
        "tables": [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables],
        "headers": headers,
        "footers": footers,
    }


def csv_content(body: bytes) -> list[list[str]]:
    """A CSV file's rows (a UTF-8 BOM, if any, dropped)."""
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def xlsx_content(body: bytes) -> dict[str, list[list[object]]]:
    """A workbook's cell values, sheet by sheet (dates and times as ISO text)."""
    workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    try:
        return {
            sheet.title: [
                [_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)
            ]
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()


def _cell(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


def file_content(name: str, body: bytes) -> object:
    """A file by its name's suffix: CSV rows, parsed JSON, workbook or report text."""
    if name.endswith(".csv"):
        return csv_content(body)
    if name.endswith(".json"):
        return json.loads(body)
    if name.endswith(".xlsx"):
        return xlsx_content(body)
    if name.endswith(".docx"):
        return report_content(body)
    return f"{len(body)} bytes"


def zip_content(body: bytes) -> dict[str, object]:
    """The files of a zip archive, each read by `file_content`."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: file_content(name, archive.read(name)) for name in archive.namelist()}


@dataclass
class Volatile:
    """Blanks out what two runs of the same code on the same data write differently.

    - Timestamps of the run (`imported_at`, `recorded_at`, `created_at`, a report's
      "生成时间"): any date-and-time on a day the capture ran, ISO 8601 (with "T" or a
      space, optional seconds, fraction and offset) or Chinese (2026年12月01日 18:09),
      becomes <timestamp>.
    - Dates of the run (a page's "页面生成日期", `data_date` — the import, i.e. today —,
      a report's issue date): that day as 2026-12-01 or 2026年12月1日 becomes <today>.
    - The test server's address (http://127.0.0.1:PORT in `Link` headers and absolute
      URLs) becomes http://<server>.
    - Secrets of the run (the administrator's random password) become <secret>; they
      should never be shown, this only keeps them out of the golden file.

    Only the days the capture ran count, so a date from a plan (issued 2022-03-25), a
    report's year or a backdated history row is never touched. CSRF tokens and session
    cookies are not captured at all: hidden inputs and Set-Cookie are not content.
    """

    days: set[date] = field(default_factory=set)
    server: str | None = None
    secrets: list[str] = field(default_factory=list)

    def note_today(self) -> None:
        """Count the current day (local, UTC and Beijing's, in which the app writes its
        times: from 16:00 UTC it is already tomorrow there); call at the start and end of
        a run."""
        self.days.add(date.today())
        self.days.add(datetime.now(UTC).date())
        self.days.add(datetime.now(BEIJING).date())

    def apply(self, value: object) -> object:
        """`value` with every string in it (keys included) normalized, recursively."""
        pattern = self._pattern()
        return _each_string(value, lambda text: pattern.sub(self._replacement, text))

    def text(self, text: str) -> str:
        return self._pattern().sub(self._replacement, text)

    def _pattern(self) -> re.Pattern[str]:
        """One pattern for all of it, alternatives named by what replaces them.

        At each position the alternatives are tried in order, so a date with a time
        becomes <timestamp> before the date alone could become <today>.
        """
        isos = "|".join(re.escape(day.isoformat()) for day in sorted(self.days))
        padded = "|".join(f"{day:%Y年%m月%d日}" for day in sorted(self.days))
        plain = "|".join(f"{day.year}年{day.month}月{day.day}日" for day in sorted(self.days))
        wanted = {
            # 2026-12-01T18:09:39.123456+00:00, 2026-12-01 18:09, …
            "timestamp": rf"(?:{isos})[T ]{CLOCK}",
            # 2026年12月01日 18:09 (a report's generation time)
            "timestamp_zh": rf"(?:{padded}) \d{{2}}:\d{{2}}",
            "today": rf"(?:{isos})(?!\d)",
            "today_zh": rf"(?:{padded}|{plain})",
            "server": re.escape(self.server) if self.server else None,
            "secret": "|".join(re.escape(secret) for secret in self.secrets) or None,
        }
        if not self.days:
            wanted = {name: wanted[name] for name in ("server", "secret")}
        found = "|".join(f"(?P<{name}>{regex})" for name, regex in wanted.items() if regex)
        return re.compile(found or r"(?!x)x")

    @staticmethod
    def _replacement(match: re.Match[str]) -> str:
        return PLACEHOLDERS[match.lastgroup or ""]


BEIJING = timezone(timedelta(hours=8))  # as the app writes times (no tz database needed)
CLOCK = r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
"""A time of day after a date: 18:09, 18:09:39, 18:09:39.123456+00:00, …"""
PLACEHOLDERS = {
    "timestamp": "<timestamp>",
    "timestamp_zh": "<timestamp>",
    "today": "<today>",
    "today_zh": "<today>",
    "server": "http://<server>",
    "secret": "<secret>",
}


def _each_string(value: object, change: Callable[[str], str]) -> object:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_each_string(item, change) for item in value]
    if isinstance(value, dict):
        return {change(str(key)): _each_string(item, change) for key, item in value.items()}
    return value
