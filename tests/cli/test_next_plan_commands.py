"""A region's 十五五 plan beside its 十四五 plan, from the command line: import it as the
next plan, report the final year to the 十四五 plan by name, and check the new plan's
account of the 十四五 against minsheng's own final evaluation."""

from __future__ import annotations

import json
from pathlib import Path

HEFEI_SEED = "000_7c865537b9a88152.txt"
FIFTEENTH = Path(__file__).parents[1] / "ingest" / "documents" / "hefei_15th_five_year_plan.txt"
FINAL_YEAR = "region,indicator,year,value\n合肥市,人均预期寿命,2025,80.1\n"


def test_a_fifteenth_plan_is_compared_with_the_final_evaluation(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    imported = minsheng("import", str(FIFTEENTH))
    assert imported.returncode == 0, imported.stderr
    assert "next plan (a new period) 合肥市" in imported.stdout
    values = tmp_path / "final.csv"
    values.write_text(FINAL_YEAR, encoding="utf-8")
    observed = minsheng("observe", "import", str(values), "--plan", "合肥市十四五")
    assert observed.returncode == 0, observed.stderr
    checked = minsheng("evaluate", "--plan", "合肥市", "--compare-reported", "--format", "json")
    assert checked.returncode == 0, checked.stderr
    found = json.loads(checked.stdout)
    assert found["plan"] == "合肥市“十五五”公共服务规划"
    assert (found["reviewed"]["title"], found["reviewed"]["year"]) == (
        "合肥市“十四五”公共服务规划",
        2025,
    )
    life = next(row for row in found["rows"] if row["name"] == "人均预期寿命")
    assert (life["reported_actual"], life["value"], life["status"]) == (
        "80.6",
        80.1,
        "not_achieved",
    )
    assert life["disagreements"] == ["actual", "status"]
    final = minsheng("evaluate", "--plan", "合肥市“十四五”", "--format", "json")
    assert {e["year"] for e in json.loads(final.stdout)} == {2025}
    refused = minsheng("evaluate", "--plan", "合肥市十六五")  # a period without a plan
    assert refused.returncode == 2
    assert "合肥市十六五" in refused.stderr
