"""Collect observations from departments: the Excel template, file readers, validation.

Pure core and file edges only; storage and the command line are wired elsewhere. A file
goes `read_observation_file` → `validate` → (when `problems` is empty) storage.
"""

from __future__ import annotations

from minsheng.collect.readers import RawRecord, read_observation_file
from minsheng.collect.template import TemplateRow, TemplateSpec, write_template
from minsheng.collect.validate import (
    IndicatorSpec,
    TypedRows,
    ValidationContext,
    ValidationResult,
    outlier_years,
    validate,
)

__all__ = [
    "IndicatorSpec",
    "RawRecord",
    "TemplateRow",
    "TemplateSpec",
    "TypedRows",
    "ValidationContext",
    "ValidationResult",
    "outlier_years",
    "read_observation_file",
    "validate",
    "write_template",
]
