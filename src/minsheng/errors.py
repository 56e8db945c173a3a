"""Errors that reach a user: each carries a stable code and the HTTP status it maps to."""

from __future__ import annotations


class MinshengError(Exception):
    """Base of every error minsheng reports to a person rather than crashing on."""

    code = "error"
    http_status = 500
    exit_code = 1
    in_chinese: str | None = None
    """What a page says instead of the message, where the message is written for the
    command line and the API (a page shows Chinese only)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputProblem(MinshengError):
    """Bad input: names the file and, where known, the row and field at fault."""

    code = "input_problem"
    http_status = 422
    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.field = field
        super().__init__(message)

    def __str__(self) -> str:
        where = [part for part in (self.file, self._row_text(), self.field) if part]
        return f"{': '.join(where)}: {self.message}" if where else self.message

    def _row_text(self) -> str | None:
        return f"row {self.row}" if self.row is not None else None


class UnsupportedFormat(InputProblem):
    """The file's format has no reader."""

    code = "unsupported_format"
    http_status = 415


class UnreadableDocument(InputProblem):
    """The file exists but its content cannot be read (corrupt, encrypted, scanned)."""

    code = "unreadable_document"


class EmptyDocument(InputProblem):
    """The file was read but holds no text at all."""

    code = "empty_document"


class NotFound(MinshengError):
    """A named thing (file, plan, region) does not exist."""

    code = "not_found"
    http_status = 404
    exit_code = 2


class Conflict(MinshengError):
    """The request contradicts the current state (e.g. approving a value not submitted)."""

    code = "conflict"
    http_status = 409
    exit_code = 2
