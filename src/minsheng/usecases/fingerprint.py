"""A plan's content hash: what decides whether an import changes anything.

The file name (`source`), line numbers and parse warnings are left out, so the same
document parsed again, renamed, or re-saved with a shifted line count is "unchanged";
any change to what the plan says — a name, a value, an item — gives a new hash.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from minsheng.model.plan import ParsedPlan

_EXCLUDED = {"source", "warnings"}


def content_hash(parsed: ParsedPlan) -> str:
    """sha256 (hex) of the plan's canonical JSON without source, lines and warnings."""
    data = _without_lines(parsed.model_dump(mode="json", exclude=_EXCLUDED))
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _without_lines(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _without_lines(value) for key, value in data.items() if key != "line"}
    if isinstance(data, list):
        return [_without_lines(item) for item in data]
    return data
