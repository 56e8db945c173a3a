"""Three-line tables (三线表): rules above and below the header and under the last row.

Without vertical rules the table finder sees no cells. Two full-width rules with short
texts between them frame a header; the body runs to the next rule, or to the foot of the
page when the table goes on to the next one. Columns are the x ranges that the header's
and body's words cover (the gaps in their projection). A line starts a new row unless it
only carries on cells the line above filled and leaves out a cell the row began with.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from pdfplumber.page import Page
from pdfplumber.utils import cluster_objects

from minsheng.ingest.readers.pdf_pieces import TablePiece
from minsheng.ingest.readers.pdf_text import Word, cell_text, height, join_wrapped, word_lines

Box = tuple[float, float, float, float]
Span = tuple[float, float]
_MIN_RULE_SHARE = 0.4  # of the page width: shorter rules underline, they frame no table
_RULE_TOLERANCE = 2.0  # points: edges this close in height are one rule
_SPAN_TOLERANCE = 3.0  # points: rules of one table start and end alike
_COLUMN_GAP_EMS = 0.6  # a wider empty gap in the words' projection separates columns
_FOOT_GAP_EMS = 3.0  # an open table ends at a wider vertical gap (before a page number)
_MIN_COLUMNS = 2


@dataclass(frozen=True)
class Rule:
    """A horizontal rule across (part of) the page."""

    x0: float
    x1: float
    top: float

    def frames_with(self, other: Rule) -> bool:
        return (
            abs(self.x0 - other.x0) <= _SPAN_TOLERANCE
            and abs(self.x1 - other.x1) <= _SPAN_TOLERANCE
        )


def three_line_pieces(
    page: Page, words: list[Word], number: int, taken: list[Box]
) -> list[TablePiece]:
    """Tables framed by horizontal rules only, outside the ruled tables in `taken`."""
    rules = _rules(page, taken)
    pieces: list[TablePiece] = []
    index = 0
    while index + 1 < len(rules):
        frame = _frame(rules, index)
        piece = _piece(words, frame, number) if frame else None
        if frame is None or piece is None:
            index += 1
            continue
        pieces.append(piece)
        index += 3 if frame[2] else len(rules)
    return pieces


def _frame(rules: list[Rule], index: int) -> tuple[Rule, Rule, Rule | None] | None:
    """Top rule, rule under the header and, if the table ends on this page, bottom rule."""
    top, below_header = rules[index], rules[index + 1]
    if not top.frames_with(below_header):
        return None
    after = rules[index + 2] if index + 2 < len(rules) else None
    return top, below_header, after if after is not None and after.frames_with(top) else None


def _rules(page: Page, taken: list[Box]) -> list[Rule]:
    """Wide horizontal rules outside ruled tables, top to bottom, doubled edges merged."""
    wide = [
        edge
        for edge in page.edges
        if edge["orientation"] == "h"
        and edge["x1"] - edge["x0"] >= _MIN_RULE_SHARE * float(page.width)
        and not any(box[1] - 1 <= edge["top"] <= box[3] + 1 for box in taken)
    ]
    groups = cluster_objects(wide, "top", tolerance=_RULE_TOLERANCE)
    rules = [
        Rule(min(e["x0"] for e in g), max(e["x1"] for e in g), min(e["top"] for e in g))
        for g in groups
    ]
    return sorted(rules, key=lambda rule: rule.top)


def _piece(
    words: list[Word], frame: tuple[Rule, Rule, Rule | None], number: int
) -> TablePiece | None:
    """The table framed by `frame` (top rule, rule under the header, bottom rule if any)."""
    top, below_header, bottom = frame
    inside = [
        w for w in words if top.x0 - _SPAN_TOLERANCE <= _centre_x(w) <= top.x1 + _SPAN_TOLERANCE
    ]
    header = [w for w in inside if top.top < _centre_y(w) < below_header.top]
    below = [w for w in inside if _centre_y(w) > below_header.top]
    end = bottom.top if bottom else _open_end(below)
    body = [w for w in below if _centre_y(w) < end]
    if not header or not body:
        return None
    columns = _columns(header + _multi_cell_words(body))
    if len({_column(w, columns) for w in header}) < _MIN_COLUMNS:
        return None
    rows = [_stacked(word_lines(header), columns), *_body_rows(word_lines(body), columns)]
    return TablePiece(_grid(rows), frozenset(), number, (top.x0, top.top, top.x1, end), False)


def _grid(rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in rows)


def _centre_x(word: Word) -> float:
    return float(word["x0"] + word["x1"]) / 2


def _centre_y(word: Word) -> float:
    return float(word["top"] + word["bottom"]) / 2


def _open_end(words: list[Word]) -> float:
    """Where a table without a bottom rule ends: at the last line before a wide gap."""
    lines = word_lines(words)
    if not lines:
        return 0.0
    em = median(height(word) for word in words)
    end = max(word["bottom"] for word in lines[0])
    for above, line in pairwise(lines):
        if min(w["top"] for w in line) - max(w["bottom"] for w in above) > _FOOT_GAP_EMS * em:
            break
        end = max(word["bottom"] for word in line)
    return float(end) + 0.5


def _columns(words: list[Word]) -> list[Span]:
    """The x ranges the words cover, split where an empty gap is wider than the limit."""
    em = median(height(word) for word in words)
    spans = sorted((float(word["x0"]), float(word["x1"])) for word in words)
    columns = [spans[0]]
    for x0, x1 in spans[1:]:
        if x0 - columns[-1][1] > _COLUMN_GAP_EMS * em:
            columns.append((x0, x1))
        else:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
    return columns


def _multi_cell_words(words: list[Word]) -> list[Word]:
    """Words of the lines with more than one word: a lone word may span columns.

    A section row (一、幼有所育) or a note across the table would bridge the gaps
    between columns; wrapped cell lines add nothing the rows' first lines lack.
    """
    return [word for line in word_lines(words) if len(line) > 1 for word in line]


def _column(word: Word, columns: list[Span]) -> int:
    """The index of the column nearest the word's centre (zero distance inside one)."""
    centre = _centre_x(word)
    distances = [max(x0 - centre, centre - x1, 0.0) for x0, x1 in columns]
    return distances.index(min(distances))


def _line_cells(line: list[Word], columns: list[Span]) -> list[str]:
    parts: list[list[str]] = [[] for _ in columns]
    for word in line:
        parts[_column(word, columns)].append(word["text"])
    return [cell_text(" ".join(part)) for part in parts]


def _joined(above: list[str], below: list[str]) -> list[str]:
    """Cells of two lines of one row, wrapped text joined again."""
    return [join_wrapped(top, bottom) for top, bottom in zip(above, below, strict=True)]


def _stacked(lines: list[list[Word]], columns: list[Span]) -> list[str]:
    cells = [""] * len(columns)
    for line in lines:
        cells = _joined(cells, _line_cells(line, columns))
    return cells


def _body_rows(lines: list[list[Word]], columns: list[Span]) -> list[list[str]]:
    """Lines grouped into rows: wrapped cell text joins the row it belongs to.

    A first row with empty cells may be the rest of a row cut by the page break, so
    any line that leaves a cell out carries it on, as if it had filled them all.
    """
    rows: list[list[str]] = []
    first: list[str] = []
    previous: list[str] = []
    for line in lines:
        cells = _line_cells(line, columns)
        if rows and _carries_on(first, previous, cells):
            rows[-1] = _joined(rows[-1], cells)
        else:
            rows.append(cells)
            first = cells if rows[1:] or all(cells[1:]) else ["?"] * len(cells)
        previous = cells
    return rows


def _carries_on(first: list[str], previous: list[str], cells: list[str]) -> bool:
    """A wrapped line: it leaves out a cell the row began with and only continues cells.

    The first column (a category, wrapped or merged) does not decide either way.
    """
    leaves_out = any(start and not cell for start, cell in zip(first[1:], cells[1:], strict=True))
    continues = all(above for above, cell in zip(previous[1:], cells[1:], strict=True) if cell)
    return leaves_out and continues
