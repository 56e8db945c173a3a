"""`minsheng serve` and `minsheng demo`: the web app on a local port."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors

if TYPE_CHECKING:
    from minsheng.usecases.sample_data import SampleData

Host = Annotated[str, typer.Option(help="Address to listen on")]
Port = Annotated[int, typer.Option(help="Port to listen on")]
Workers = Annotated[int, typer.Option(min=1, help="Worker processes (one per core serves best)")]
APP_FACTORY = "minsheng.web.asgi:app_from_environment"
ASGIApp = Callable[..., Awaitable[None]]
"""An ASGI application (scope, receive, send), typed without importing the web framework."""


def serve(host: Host = "127.0.0.1", port: Port = 8000, workers: Workers = 1) -> None:
    """Serve the web app and API on the configured database."""
    with opened_database() as database:
        if workers == 1:
            _run(_web_app(database.engine), host, port)
            return
    typer.echo(f"serving at http://{host}:{port}/ with {workers} workers  (Ctrl+C to stop)")
    _uvicorn().run(
        APP_FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning"
    )


def demo(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Plan documents to load instead of the seeds")
    ] = None,
    host: Host = "127.0.0.1",
    port: Port = 8000,
    sample_data: Annotated[
        bool,
        typer.Option(
            "--sample-data/--empty",
            help="Add the synthetic monitoring set (示例数据, labelled on every page and in "
            "every export): 2021–2024 values, populations, facilities, and 合肥's 2025 "
            "reporting in progress with demo accounts; --empty starts with the plans only",
        ),
    ] = True,
) -> None:
    """Load the five seed plans (or FILES) into a fresh database once, then serve it."""
    from minsheng.data.bundled import bundled_plans  # noqa: PLC0415
    from minsheng.ingest import parse_file  # noqa: PLC0415
    from minsheng.store import safe_url, session_scope  # noqa: PLC0415
    from minsheng.usecases.demo import has_plans, set_up_demo  # noqa: PLC0415

    with reported_errors():
        plans = [parse_file(path) for path in files] if files else bundled_plans()
    with opened_database() as database:
        with session_scope(database.engine) as session:
            setup = (
                None if has_plans(session) else set_up_demo(session, plans, sample_data=sample_data)
            )
        if setup is None:
            typer.echo(f"reusing {safe_url(database.url)}")
        else:
            for result in setup.imported:
                typer.echo(f"loaded {result.region} (version {result.version})")
            if setup.sample is not None:
                _describe_sample(setup.sample)
            typer.echo(f"administrator: admin / {setup.admin_password}  (shown only this once)")
        _run(_web_app(database.engine), host, port)


def _describe_sample(sample: SampleData) -> None:
    """What the synthetic set added, and the demo accounts' one-time passwords."""
    typer.echo(
        f"added 示例数据: {sample.values} values, {sample.populations} population figures, "
        f"{sample.points.residents} resident grid cells and {sample.points.facilities} "
        "facilities (synthetic, labelled)"
    )
    workflow = sample.workflow
    if workflow is None:
        return
    typer.echo(f"合肥 2025 reporting: {workflow.submitted} values awaiting review, "
               f"{workflow.returned} returned")  # fmt: skip
    for username, password in workflow.accounts.items():
        if password:
            typer.echo(f"demo account: {username} / {password}")


def _run(app: ASGIApp, host: str, port: int) -> None:
    typer.echo(f"serving at http://{host}:{port}/  (Ctrl+C to stop)")
    _uvicorn().run(app, host=host, port=port, log_level="warning")


def _web_app(engine: Any) -> ASGIApp:
    """The web app, imported only by the commands that serve it: every other command
    starts a second faster without the web framework, templates and charts."""
    from minsheng.web import create_app  # noqa: PLC0415

    return create_app(engine=engine)


def _uvicorn() -> Any:
    import uvicorn  # noqa: PLC0415

    return uvicorn
