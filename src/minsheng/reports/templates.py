"""A 发改委's own Word house template (letterhead, styles) that the reports fill."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document

from minsheng.errors import InputProblem

DOCX_MAIN = "word/document.xml"


class ReportTemplateProblem(InputProblem):
    """The house template is missing or not a Word document (.docx)."""

    code = "report_template"


def check_template(path: Path) -> Path:
    """The template's path, if it is a readable .docx; else a clear error naming it."""
    if not path.is_file():
        raise ReportTemplateProblem(
            f"report template {path.name!r} was not found", field="template"
        )
    if not zipfile.is_zipfile(path) or DOCX_MAIN not in zipfile.ZipFile(path).namelist():
        raise ReportTemplateProblem(
            f"report template {path.name!r} is not a Word document (.docx)", field="template"
        )
    return path


def open_template(path: Path) -> Document:
    """The template as a document to append to (a .dotx is not accepted: save it as .docx)."""
    check_template(path)
    try:
        return docx.Document(str(path))
    except ValueError as error:  # python-docx refuses a .dotx or macro-enabled file
        message = f"report template {path.name!r} cannot be used: {error}; save it as .docx"
        raise ReportTemplateProblem(message, field="template") from error
