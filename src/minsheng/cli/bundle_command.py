"""`minsheng bundle SEEDS_DIR`: regenerate the seed plans the package ships as data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from minsheng.cli.errors import reported_errors


def bundle(
    seeds: Annotated[Path, typer.Argument(help="Folder of plan documents, e.g. ../shared/seeds")],
    output: Annotated[
        Path | None, typer.Option(help="Where to write (default: the package's data/plans)")
    ] = None,
) -> None:
    """Parse every plan document in SEEDS and write its facts as the package's seed data."""
    from minsheng.data.bundled import bundle_folder, write_bundle  # noqa: PLC0415
    from minsheng.ingest import parse_file  # noqa: PLC0415
    from minsheng.ingest.readers import READERS  # noqa: PLC0415

    documents = sorted(p for p in seeds.iterdir() if p.suffix.lower() in READERS)
    with reported_errors():
        plans = [parse_file(path) for path in documents]
    for path in write_bundle(plans, output or bundle_folder()):
        typer.echo(f"wrote {path}")
