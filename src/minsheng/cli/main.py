"""Entry point of the `minsheng` command; each subcommand lives in its own module.

Every command is registered at start-up, so a command module imports at module level only
what its options need (Typer reads them from the signature); storage, readers, reports and
the web load inside the command that uses them (tests/cli/test_lazy_imports.py checks it).
"""

from __future__ import annotations

from typing import Annotated

import typer

from minsheng.cli.access_command import access_app
from minsheng.cli.assign_command import assign_command, unassign_command
from minsheng.cli.bundle_command import bundle
from minsheng.cli.catalogue_command import catalogue_app
from minsheng.cli.compare_command import compare
from minsheng.cli.db_command import db_app
from minsheng.cli.equalization_command import equalization_command
from minsheng.cli.evaluate_command import evaluate
from minsheng.cli.export_command import export_app
from minsheng.cli.facilities_command import facilities_app, residents_app
from minsheng.cli.import_command import IMPORT_HELP, import_files
from minsheng.cli.metadata_command import metadata_app
from minsheng.cli.norms_command import norms_command
from minsheng.cli.observe_command import observe_app
from minsheng.cli.parse_command import parse
from minsheng.cli.population_command import population_app
from minsheng.cli.problems_command import problems_app
from minsheng.cli.projects_command import projects_app
from minsheng.cli.ranges_command import ranges_app
from minsheng.cli.report_command import report_app
from minsheng.cli.round_command import round_app
from minsheng.cli.schema_command import schema
from minsheng.cli.serve_command import demo, serve
from minsheng.cli.standards_command import standards_app
from minsheng.cli.suggestions_command import suggestions_app
from minsheng.cli.survey_command import survey_app
from minsheng.cli.template_command import template
from minsheng.cli.user_command import user_app

app = typer.Typer(
    name="minsheng",
    help="Run a city's five-year public-service plan as software.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
)
app.command(name="parse")(parse)
app.command(name="schema")(schema)
app.command(name="bundle")(bundle)
app.command(name="import", help=IMPORT_HELP)(import_files)
app.command(name="template")(template)
app.command(name="evaluate")(evaluate)
app.command(name="compare")(compare)
app.command(name="equalization")(equalization_command)
app.add_typer(observe_app, name="observe")
app.add_typer(population_app, name="population")
app.add_typer(facilities_app, name="facilities")
app.add_typer(projects_app, name="projects")
app.add_typer(residents_app, name="residents")
app.add_typer(access_app, name="access")
app.command(name="norms")(norms_command)
app.command(name="assign")(assign_command)
app.command(name="unassign")(unassign_command)
app.add_typer(ranges_app, name="ranges")
app.command(name="serve")(serve)
app.command(name="demo")(demo)
app.add_typer(db_app, name="db")
app.add_typer(catalogue_app, name="catalogue")
app.add_typer(metadata_app, name="metadata")
app.add_typer(standards_app, name="standards")
app.add_typer(user_app, name="user")
app.add_typer(export_app, name="export")
app.add_typer(report_app, name="report")
app.add_typer(round_app, name="round")
app.add_typer(problems_app, name="problems")
app.add_typer(survey_app, name="survey")
app.add_typer(suggestions_app, name="suggestions")


def _show_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version  # noqa: PLC0415

        typer.echo(f"minsheng {version('minsheng')}")
        raise typer.Exit


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit"
        ),
    ] = False,
) -> None:
    """minsheng: ingest, monitor, evaluate and publish public-service plans."""
