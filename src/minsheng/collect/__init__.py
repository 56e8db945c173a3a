"""Collect observations from departments: the Excel template, file readers, validation.

Pure core and file edges only; storage and the command line are wired elsewhere. A file
goes `read_observation_file` → `validate` → (when `problems` is empty) storage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minsheng.collect.readers import RawRecord, read_observation_file
from minsheng.collect.validate import (
    IndicatorSpec,
    TypedRows,
    ValidationContext,
    ValidationResult,
    outlier_years,
    validate,
)
from minsheng.runtime import lazy_exports

if TYPE_CHECKING:
    from minsheng.collect.template import TemplateRow, TemplateSpec, write_template


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

# The template writer is imported when first used: it needs openpyxl, which takes 0.3 s to
# import, and a command reading a CSV file never writes a template.
lazy_exports(__name__, dict.fromkeys(("TemplateRow", "TemplateSpec", "write_template"), "template"))
