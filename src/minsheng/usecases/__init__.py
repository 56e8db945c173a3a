"""The verbs the CLI, the web and reports all call; each runs inside the caller's transaction."""

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
