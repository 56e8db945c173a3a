"""The government PC's font names, mapped to the Noto CJK faces for LibreOffice's PDF.

The DOCX names 仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体 and 宋体, which a government
Windows PC has. A Linux server has none of them (fonts-noto-cjk instead), and LibreOffice
left alone substitutes one face for all — Noto Sans CJK JP, Japanese glyph shapes in sans for
the body. A fontconfig file that includes the system's configuration plus an alias per name
(passed to LibreOffice as FONTCONFIG_FILE) makes each render in the nearest Noto face.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from minsheng.reports import font_names

SYSTEM_CONFIG = Path("/etc/fonts/fonts.conf")
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
# name on a government PC → (Noto family, bold): 小标宋 is a heavy 宋体, so Noto Serif Bold
FALLBACKS: dict[str, tuple[str, bool]] = {
    font_names.FANGSONG: (SERIF, False),
    "仿宋": (SERIF, False),
    "FangSong": (SERIF, False),
    font_names.KAITI: (SERIF, False),
    "楷体": (SERIF, False),
    "KaiTi": (SERIF, False),
    font_names.SONGTI: (SERIF, False),
    "SimSun": (SERIF, False),
    font_names.HEITI: (SANS, False),
    "SimHei": (SANS, False),
    font_names.XIAOBIAOSONG: (SERIF, True),
    "方正小标宋_GBK": (SERIF, True),
}


def config_text() -> str:
    """fonts.conf: the system's own configuration, then one strong rule per government font."""
    rules = "\n".join(_rule(name, family, bold) for name, (family, bold) in FALLBACKS.items())
    include = f'<include ignore_missing="yes">{SYSTEM_CONFIG}</include>'
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  {include}\n{rules}\n</fontconfig>\n"
    )


def _rule(name: str, family: str, bold: bool) -> str:
    weight = '\n    <edit name="weight" mode="assign"><const>bold</const></edit>' if bold else ""
    return (
        f'  <match target="pattern">\n    <test name="family"><string>{escape(name)}</string>'
        f'</test>\n    <edit name="family" mode="assign" binding="strong">'
        f"<string>{family}</string></edit>{weight}\n  </match>"
    )


@cache
def config_file() -> Path:
    """The configuration written once per process to a private temp file, removed when
    the process exits (each server or command that converted a report left one behind)."""
    folder = Path(tempfile.mkdtemp(prefix="minsheng-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "fonts.conf"
    path.write_text(config_text(), encoding="utf-8")
    return path


def environment(base: dict[str, str]) -> dict[str, str]:
    """`base` with FONTCONFIG_FILE pointing at the alias file (for LibreOffice's process)."""
    return {**base, "FONTCONFIG_FILE": str(config_file())}
