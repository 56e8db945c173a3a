"""Charts for the reports: matplotlib, drawn off-screen to PNG with a CJK font.

Without a CJK font matplotlib draws Chinese labels as empty boxes, so a missing font is
an error naming the package to install rather than a silently broken figure. The font is
looked for in what is installed now (fontconfig), not only in matplotlib's font cache,
which keeps whatever fonts there were when it was first built: a user who installs
fonts-noto-cjk after matplotlib has run once must not be told to install it again.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import colormaps, font_manager
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon
from matplotlib.ticker import PercentFormatter

from minsheng.errors import MinshengError
from minsheng.labels import LABELS

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "WenQuanYi Zen Hei")
STATUS_COLOURS = {
    "achieved": "#2e7d32",
    "on_track": "#66bb6a",
    "moderately_improving": "#c0ca33",
    "stagnating": "#ffb300",
    "regressing": "#e53935",
    "not_achieved": "#b71c1c",
    "not_evaluable": "#90a4ae",
    "no_data": "#cfd8dc",
}
STATUS_HATCHES = {
    "achieved": "",
    "on_track": "..",
    "moderately_improving": "//",
    "stagnating": "\\\\",
    "regressing": "xx",
    "not_achieved": "++",
    "not_evaluable": "--",
    "no_data": "",
}
"""A pattern per status besides its colour, so that a chart printed in black and white
still tells the statuses apart (the legend shows the same pattern)."""
DPI = 150


class MissingCjkFont(MinshengError):
    """No font that can draw Chinese is installed, so charts cannot be drawn legibly."""

    code = "missing_cjk_font"
    exit_code = 2


@cache
def cjk_font() -> str:
    """The family name of an installed CJK font, preferring Noto Sans CJK SC; fonts
    installed after matplotlib's cache was built are added to it first."""
    family = _known_family() or _add_installed_fonts()
    if family is None:
        raise MissingCjkFont(
            "no CJK font found for the charts (looked for "
            f"{', '.join(CJK_FONTS)}); install the Debian package fonts-noto-cjk"
        )
    return family


def _known_family() -> str | None:
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FONTS if family in installed), None)


def _add_installed_fonts() -> str | None:
    """Register every Chinese-capable font file installed now, then look again."""
    for path in _chinese_font_files():
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):  # unreadable or not a font: skip it
            continue
    return _known_family()


CJK_FILE_NAMES = re.compile(r"cjk|wqy|wenquanyi|sourcehan", re.IGNORECASE)
"""File names of CJK fonts, for a machine without fontconfig's `fc-list`."""


def _chinese_font_files() -> list[str]:
    """The files fontconfig says can write Chinese; without fontconfig, the files whose
    names say CJK among those matplotlib finds by walking the font directories."""
    command = shutil.which("fc-list")
    if command is None:
        return [p for p in font_manager.findSystemFonts() if CJK_FILE_NAMES.search(p)]
    listed = subprocess.run(
        [command, ":lang=zh-cn", "file"], capture_output=True, text=True, timeout=60, check=False
    )
    return [line.rsplit(":", 1)[0].strip() for line in listed.stdout.splitlines() if line.strip()]


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=DPI)
    figure.set_layout_engine("constrained")
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def status_by_domain(
    counts: Mapping[str, Mapping[str, int]], labels: Mapping[str, str], title: str
) -> bytes:
    """Stacked horizontal bars: one bar per domain, one segment per status."""
    font = {"family": cjk_font()}
    domains = list(counts)
    figure = _figure(6.4, 0.45 * len(domains) + 1.6)
    axes = figure.subplots()
    left = [0] * len(domains)
    for status, colour in STATUS_COLOURS.items():
        widths = [counts[domain].get(status, 0) for domain in domains]
        if any(widths):
            axes.barh(domains, widths, left=left, color=colour, label=labels[status],
                      hatch=STATUS_HATCHES[status], edgecolor="#263238", linewidth=0.5)  # fmt: skip
            left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("指标数（项）", fontdict=font)
    axes.set_title(title, fontdict=font)
    axes.set_yticks(range(len(domains)), domains, fontfamily=font["family"])
    axes.legend(prop=font, loc="lower right", fontsize=8, framealpha=0.9)
    return _png(figure)


def progress_bars(
    names: Sequence[str], ratios: Sequence[float], statuses: Sequence[str], title: str
) -> bytes:
    """Each indicator's progress as a percentage of the progress due by now (100% on the
    dashed line), coloured and hatched by the status the evaluator gave it: a ratio of
    0.9999999999999994 the evaluator calls on track is drawn as on track."""
    font = {"family": cjk_font()}
    figure = _figure(6.4, 0.4 * len(names) + 1.6)
    axes = figure.subplots()
    shown = [100 * min(max(r, -0.5), 2.0) for r in ratios]
    for row, (width, status) in enumerate(zip(shown, statuses, strict=True)):
        colour, hatch = STATUS_COLOURS.get(status, "#90a4ae"), STATUS_HATCHES.get(status, "")
        axes.barh(row, width, color=colour, hatch=hatch, edgecolor="#263238", linewidth=0.5)
    axes.axvline(100, color="#37474f", linestyle="--", linewidth=1)
    axes.axvline(0, color="#37474f", linewidth=0.8)
    axes.set_yticks(range(len(names)), names, fontfamily=font["family"], fontsize=8)
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(PercentFormatter())
    axes.set_xlabel("完成进度（实际变化占应有变化的百分比，100%为按进度）", fontdict=font)
    axes.set_title(title, fontdict=font)
    _status_legend(axes, statuses, font)
    return _png(figure)


def _status_legend(axes: Any, statuses: Sequence[str], font: Mapping[str, str]) -> None:
    """A legend of the statuses present, in the evaluator's order, colour and pattern."""
    present = [s for s in STATUS_COLOURS if s in set(statuses)]
    handles = [
        Patch(facecolor=STATUS_COLOURS[s], hatch=STATUS_HATCHES[s], edgecolor="#263238",
              label=LABELS[s])
        for s in present
    ]  # fmt: skip
    axes.legend(handles=handles, prop={**font, "size": 8}, loc="lower right", framealpha=0.9)


def district_map(
    geometry: Mapping[str, Any], values: Mapping[str, float | None], title: str, unit: str
) -> bytes:
    """A choropleth of the districts (GeoJSON outlines, named by `name`), shaded by value;
    districts without a value in grey, hatched, so the map reads in black and white too."""
    font = {"family": cjk_font()}
    figure = _figure(6.4, 5.2)
    axes = figure.subplots()
    known = [v for v in values.values() if v is not None]
    scale = Normalize(min(known, default=0.0), max(known, default=1.0))
    for feature in geometry["features"]:
        name = feature["properties"]["name"]
        value = values.get(name)
        colour = colormaps["Blues"](0.2 + 0.75 * scale(value)) if value is not None else "#e0e0e0"
        for ring in _rings(feature["geometry"]):
            axes.add_patch(
                Polygon(ring, closed=True, facecolor=colour, edgecolor="#ffffff", linewidth=0.8,
                        hatch=None if value is not None else "///")
            )  # fmt: skip
        x, y = _centre(feature["geometry"])
        axes.text(x, y, name, fontdict={**font, "size": 7}, ha="center", va="center")
    axes.autoscale_view()
    axes.set_aspect("equal")
    axes.set_axis_off()
    axes.set_title(title, fontdict=font)
    bar = figure.colorbar(ScalarMappable(scale, colormaps["Blues"]), ax=axes, shrink=0.6)
    bar.set_label(unit, fontdict=font)
    return _png(figure)


def _rings(geometry: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    """The outer rings of a (Multi)Polygon's parts."""
    polygons = geometry["coordinates"]
    parts = [polygons] if geometry["type"] == "Polygon" else polygons
    return [[(float(x), float(y)) for x, y in part[0]] for part in parts]


def _centre(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """The centre of the largest part's outer ring's bounding box, for the label."""
    largest = max(_rings(geometry), key=len)
    xs, ys = [x for x, _ in largest], [y for _, y in largest]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
