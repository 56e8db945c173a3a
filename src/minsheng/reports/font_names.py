"""The fonts a government PC knows, by the names the DOCX gives them: one place for the
document's styles and for the fontconfig aliases that render them (no python-docx here,
so the command line can name them without loading it)."""

from __future__ import annotations

FANGSONG, HEITI, KAITI, XIAOBIAOSONG, SONGTI = (
    "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体",
)  # fmt: skip
