"""Collect observations from departments: the Excel template, file readers, validation.

Pure core and file edges only; storage and the command line are wired elsewhere. A file
goes `read_observation_file` → `validate` → (when `problems` is empty) storage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from minsheng.collect.readers import RawRecord, read_observation_file
from minsheng.collect.validate import (
    IndicatorSpec,
    TypedRows,
    ValidationContext,
    ValidationResult,
    outlier_years,
    validate,
)

if TYPE_CHECKING:
    from minsheng.collect.template import TemplateRow, TemplateSpec, write_template

_TEMPLATE = {"TemplateRow", "TemplateSpec", "write_template"}


def __getattr__(name: str) -> Any:
    """The template writer, imported when first asked for: it needs openpyxl, which takes
    0.3 s to import, and a command reading a CSV file never writes a template."""
    if name in _TEMPLATE:
        from minsheng.collect import template  # noqa: PLC0415

        return getattr(template, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
