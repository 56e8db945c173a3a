"""`minsheng schema`: print the JSON Schema of `minsheng parse` output."""

from __future__ import annotations

import json

import typer

from minsheng.model.plan import ParsedPlan


def parse_schema() -> dict:
    """The schema, generated from the model so the documentation cannot drift."""
    return ParsedPlan.model_json_schema()


def schema() -> None:
    """Print the JSON Schema of `minsheng parse --format json` (docs/parse-schema.json)."""
    typer.echo(json.dumps(parse_schema(), ensure_ascii=False, indent=2))
