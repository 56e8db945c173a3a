"""The content hash sees what a plan says, not where it came from or how it was laid out."""

from __future__ import annotations

from minsheng.model.plan import ParseWarning
from minsheng.usecases.fingerprint import content_hash


def test_source_lines_and_warnings_do_not_count(hefei_plan):
    shifted = hefei_plan.model_copy(
        update={
            "source": "elsewhere/plan.html",
            "indicators": [
                i.model_copy(update={"line": i.line + 7}) for i in hefei_plan.indicators
            ],
            "warnings": [ParseWarning(code="x", message="y")],
        }
    )
    assert content_hash(shifted) == content_hash(hefei_plan)


def test_a_changed_value_does(hefei_plan):
    first = hefei_plan.indicators[0]
    changed = first.model_copy(update={"unit": "张"})
    plan = hefei_plan.model_copy(update={"indicators": [changed, *hefei_plan.indicators[1:]]})
    assert content_hash(plan) != content_hash(hefei_plan)
    assert len(content_hash(plan)) == 64
