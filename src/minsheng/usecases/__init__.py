"""The verbs the CLI, the web and reports all call; each runs inside the caller's transaction."""

from minsheng.usecases.import_plan import ImportResult, ImportStatus, counts, import_plan

__all__ = ["ImportResult", "ImportStatus", "counts", "import_plan"]
