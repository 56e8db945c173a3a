"""The verbs the CLI, the web and reports all call; each runs inside the caller's transaction.

The names below are re-exported lazily: `from minsheng.usecases import evaluate_plan` loads
`minsheng.usecases.evaluate_plan` only then, so a command that needs one use case (or a
submodule such as `minsheng.usecases.review`) does not import all of them.

`import_plan` and `evaluate_plan` name both a function and the module defining it. Importing
the module binds the package attribute to the module; the package keeps the function there
instead, as it did when it imported every use case eagerly (the module stays reachable in
`sys.modules` and through `importlib.import_module`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minsheng.runtime import lazy_exports

if TYPE_CHECKING:
    from minsheng.usecases.compare import Comparison, ComparisonRow, compare_indicator
    from minsheng.usecases.evaluate_plan import (
        MID_TERM_YEAR,
        PlanEvaluation,
        PreviousVerdict,
        evaluate_plan,
        previous_plan_verdicts,
    )
    from minsheng.usecases.import_plan import ImportResult, ImportStatus, counts, import_plan
    from minsheng.usecases.observations import (
        ObservationFileRejected,
        ObservationImport,
        import_observations,
    )
    from minsheng.usecases.reference import ensure_reference_plan
    from minsheng.usecases.template import template_for

_DEFINED_IN = {
    "Comparison": "compare",
    "ComparisonRow": "compare",
    "compare_indicator": "compare",
    "MID_TERM_YEAR": "evaluate_plan",
    "PlanEvaluation": "evaluate_plan",
    "PreviousVerdict": "evaluate_plan",
    "evaluate_plan": "evaluate_plan",
    "previous_plan_verdicts": "evaluate_plan",
    "ImportResult": "import_plan",
    "ImportStatus": "import_plan",
    "counts": "import_plan",
    "import_plan": "import_plan",
    "ObservationFileRejected": "observations",
    "ObservationImport": "observations",
    "import_observations": "observations",
    "ensure_reference_plan": "reference",
    "template_for": "template",
}


lazy_exports(__name__, _DEFINED_IN)


__all__ = [
    "MID_TERM_YEAR",
    "Comparison",
    "ComparisonRow",
    "ImportResult",
    "ImportStatus",
    "ObservationFileRejected",
    "ObservationImport",
    "PlanEvaluation",
    "PreviousVerdict",
    "compare_indicator",
    "counts",
    "ensure_reference_plan",
    "evaluate_plan",
    "import_observations",
    "import_plan",
    "previous_plan_verdicts",
    "template_for",
]
