"""`minsheng observe import FILE`: record a department's values from a template or CSV."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.model.observation import ObservationRow, ReviewAction, ReviewState

observe_app = typer.Typer(
    help="Observations: values reported by departments.", no_args_is_help=True
)


@observe_app.command(name="import")
def import_file(
    file: Annotated[Path, typer.Argument(help="A filled template (.xlsx) or a .csv file")],
    plan: Annotated[str, typer.Option(help="Region of the plan the values belong to, e.g. 合肥市")],
    draft: Annotated[
        bool, typer.Option(help="Record as drafts for review instead of approved values")
    ] = False,
    author: Annotated[str | None, typer.Option(help="Name for the audit log")] = None,
) -> None:
    """Validate the whole file, then record every value in one transaction.

    CSV columns: region, indicator, year, value (+ unit, source, note); the indicator by
    its name in the plan or any alias in the catalogue. Any problem — listed with its
    row and column — stops the import with exit code 2 and nothing is written.
    """
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.observations import import_observations  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        result = import_observations(
            session, path=file, region=plan, author=author or getpass.getuser(), draft=draft
        )
    typer.echo(
        f"{file}: recorded {result.recorded} value(s) for {result.plan} ({result.state}), "
        f"{result.unchanged} unchanged"
    )
    _echo_outliers(result.outliers)


MAX_OUTLIERS_SHOWN = 50


def _echo_outliers(outliers: list[ObservationRow]) -> None:
    """Each outlier on a line, up to `MAX_OUTLIERS_SHOWN`: a large file may have hundreds."""
    for row in outliers[:MAX_OUTLIERS_SHOWN]:
        typer.echo(
            f"  outlier (kept, please check): row {row.row} {row.region} {row.indicator} "
            f"{row.year} = {row.value:g}"
        )
    if len(outliers) > MAX_OUTLIERS_SHOWN:
        typer.echo(f"  … and {len(outliers) - MAX_OUTLIERS_SHOWN} more outlier(s)")


@observe_app.command(name="list")
def list_values(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    state: Annotated[
        ReviewState | None, typer.Option(help="Only values in this state (default: submitted)")
    ] = ReviewState.SUBMITTED,
) -> None:
    """Values awaiting review (or in another state), with the id to act on."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.review import review_queue  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        queue = review_queue(session, region=plan, state=state)
        lines = [
            f"{item.observation.id}\t{item.region}\t{item.indicator}\t{item.observation.year}\t"
            f"{item.revision.value:g}\t{item.revision.state}\t{item.revision.author}"
            for item in queue
            if item.revision.value is not None
        ]
    typer.echo("\n".join(lines) if lines else f"no values in state {state}")


def _review_command(action: ReviewAction) -> None:
    def command(
        observation_id: Annotated[int, typer.Argument(help="The id `observe list` shows")],
        reason: Annotated[str | None, typer.Option(help="Why (required to return)")] = None,
        author: Annotated[str | None, typer.Option(help="Name for the audit log")] = None,
    ) -> None:
        from minsheng.store import session_scope  # noqa: PLC0415
        from minsheng.usecases.review import review  # noqa: PLC0415

        with (
            opened_database() as database,
            reported_errors(),
            session_scope(database.engine) as session,
        ):
            state = review(
                session,
                observation_id=observation_id,
                action=action,
                author=author or getpass.getuser(),
                reason=reason,
            )
        typer.echo(f"observation {observation_id}: {state}")

    command.__doc__ = f"{action.value.capitalize()} a reported value (a new revision records it)."
    observe_app.command(name=action.value)(command)


for _action in ReviewAction:
    _review_command(_action)
