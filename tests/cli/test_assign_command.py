"""`minsheng assign` / `unassign` as an administrator runs them: the template follows the
assignments, an assignment that does not exist and a region outside the plan are named."""

from __future__ import annotations

from openpyxl import load_workbook

HEFEI_SEED = "000_7c865537b9a88152.txt"
INDICATOR = "每千人口拥有3岁以下婴幼儿托位数"


def test_assign_template_unassign(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    given = ("--department", "市卫健委", "--plan", "合肥市", "--indicator", INDICATOR)
    done = minsheng("assign", *given, "--region", "蜀山区")
    assert done.returncode == 0, done.stderr
    book = tmp_path / "template.xlsx"
    made = minsheng("template", "--plan", "合肥市", "--department", "市卫健委",
                    "--years", "2024-2025", "--output", str(book))  # fmt: skip
    assert made.returncode == 0 and "1 indicator × region rows" in made.stdout
    rows = [r for r in load_workbook(book).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in rows] == [("蜀山区", INDICATOR)] * 2
    assert minsheng("unassign", *given).returncode == 2  # given for 蜀山区, not everywhere
    assert minsheng("unassign", *given, "--region", "蜀山区").returncode == 0
    elsewhere = minsheng("assign", *given, "--region", "鼓楼区")
    assert elsewhere.returncode == 2 and "is not 合肥市 or one of its districts" in elsewhere.stderr
