"""Charts find the CJK font installed now, even when matplotlib's font cache was built
before it was installed (the state of a user who followed the error's advice and
installed fonts-noto-cjk after matplotlib had run once)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRAW = """
import warnings
warnings.simplefilter("error")  # a missing glyph warns; make it fail
from minsheng.reports.charts import cjk_font, status_by_domain
png = status_by_domain({"幼有所育": {"achieved": 2, "regressing": 1}}, {"achieved": "已完成",
                       "regressing": "倒退"}, "各领域指标状态")
assert png.startswith(b"\\x89PNG")
print(cjk_font())
"""


def _python(code: str, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MPLCONFIGDIR": str(config)}
    return subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def _forget_cjk_fonts(config: Path) -> int:
    """Rewrite matplotlib's cache as it was before any CJK font was installed."""
    (cache,) = config.glob("fontlist-*.json")
    fonts = json.loads(cache.read_text(encoding="utf-8"))
    kept = [f for f in fonts["ttflist"] if "CJK" not in f["name"] and "CJK" not in f["fname"]]
    removed = len(fonts["ttflist"]) - len(kept)
    cache.write_text(json.dumps({**fonts, "ttflist": kept}), encoding="utf-8")
    return removed


def test_a_font_installed_after_the_cache_was_built_is_found(tmp_path):
    built = _python("import matplotlib.font_manager", tmp_path)
    assert built.returncode == 0, built.stderr
    if not _forget_cjk_fonts(tmp_path):
        pytest.fail("no CJK font installed: scripts/test installs fonts-noto-cjk")
    drawn = _python(DRAW, tmp_path)
    assert drawn.returncode == 0, drawn.stderr
    assert "CJK" in drawn.stdout


def test_the_font_alias_file_is_removed_when_the_process_ends(tmp_path):
    """Every process that converts a report writes LibreOffice's font aliases to a temp
    folder; a server restarted daily must not leave one behind each time."""
    code = "from minsheng.reports import fontconfig\nprint(fontconfig.config_file())"
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    written = Path(done.stdout.strip())
    assert written.parent.parent == tmp_path
    assert not written.parent.exists()
