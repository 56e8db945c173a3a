"""`minsheng catalogue …`: the indicator catalogue, and an administrator's additions to it.

The bundled catalogue is the base; `add` and `alias` store additions in the database, which
take effect at once for imports, observation files, evaluation and comparison, and link the
stored indicators whose name they now match.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.cli.output import OutputFormat, console, emit_json, new_table
from minsheng.model.catalogue import Direction
from minsheng.model.plan import DOMAINS

if TYPE_CHECKING:
    from minsheng.usecases.catalogue import CatalogueChange, EntryDetail, ListedEntry

catalogue_app = typer.Typer(
    help="The indicator catalogue: list and show entries; an administrator adds to it.",
    no_args_is_help=True,
)

AUTHOR_HELP = "Name the audit log records (default: your login name)"


@catalogue_app.command(name="list")
def list_entries(
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
) -> None:
    """Every entry: the bundled ones, then those added in this database."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.catalogue import list_catalogue  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        listed = list_catalogue(session)
    if output_format is OutputFormat.JSON:
        emit_json([_entry_json(item) for item in listed])
        return
    table = new_table("key", "name", "unit", "direction", "domain", "aliases", "origin")
    for item in listed:
        e = item.entry
        table.add_row(
            e.key,
            e.name,
            e.unit or "",
            e.direction.value,
            e.domain,
            str(len(e.aliases)),
            _origin(item),
        )
    console().print(table)


@catalogue_app.command(name="show")
def show(
    name: Annotated[str, typer.Argument(help="A key or any wording of the indicator's name")],
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
) -> None:
    """The entry NAME matches, its aliases, and the stored plans' indicators linked to it."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.catalogue import describe_entry  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        detail = describe_entry(session, name=name)
    if output_format is OutputFormat.JSON:
        emit_json(_detail_json(detail))
        return
    _show_detail(detail)


@catalogue_app.command(name="add")
def add(
    key: Annotated[str, typer.Argument(help="New lower-case ASCII key, e.g. nursery_teachers")],
    name: Annotated[str, typer.Option(help="Canonical name, as plans print it")],
    domain: Annotated[str, typer.Option(help=f"One of: {', '.join(DOMAINS)}")],
    direction: Annotated[
        str, typer.Option(help=f"One of: {', '.join(d.value for d in Direction)}")
    ],
    unit: Annotated[str | None, typer.Option(help="Unit, e.g. % or 张")] = None,
    definition: Annotated[str, typer.Option(help="What the indicator measures")] = "",
    author: Annotated[str | None, typer.Option(help=AUTHOR_HELP)] = None,
) -> None:
    """Add a new entry to the catalogue stored in the database."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.catalogue import add_entry, new_entry  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        entry = new_entry(
            key=key,
            name=name,
            unit=unit,
            direction=direction,
            domain=domain,
            definition=definition,
        )
        change = add_entry(session, entry=entry, author=author or getpass.getuser())
    typer.echo(f"added {change.key} ({entry.name}){_linked_text(change)}")


@catalogue_app.command(name="alias")
def alias(
    key: Annotated[str, typer.Argument(help="Key of the entry, as `catalogue list` shows it")],
    alias_name: Annotated[str, typer.Argument(metavar="ALIAS", help="Another name for it")],
    author: Annotated[str | None, typer.Option(help=AUTHOR_HELP)] = None,
) -> None:
    """Let the entry KEY answer to ALIAS too (a wording some plan uses for it)."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.catalogue import add_alias  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        change = add_alias(session, key=key, alias=alias_name, author=author or getpass.getuser())
    if not change.added:
        typer.echo(f"{alias_name} already names {key}: nothing changed")
        return
    typer.echo(f"{alias_name} is now an alias of {key}{_linked_text(change)}")


def _linked_text(change: CatalogueChange) -> str:
    return f"; {change.linked} stored indicator(s) linked" if change.linked else ""


def _origin(item: ListedEntry) -> str:
    if item.origin == "added":
        return "added"
    return f"bundled, +{len(item.added_aliases)} alias(es)" if item.added_aliases else "bundled"


def _entry_json(item: ListedEntry) -> dict[str, Any]:
    e = item.entry
    return {
        "key": e.key,
        "name": e.name,
        "unit": e.unit,
        "direction": e.direction.value,
        "domain": e.domain,
        "definition": e.definition,
        "aliases": list(e.aliases),
        "origin": item.origin,
        "added_aliases": list(item.added_aliases),
    }


def _detail_json(detail: EntryDetail) -> dict[str, Any]:
    return {
        **_entry_json(detail.listed),
        "indicators": [
            {
                "region": i.region,
                "plan_id": i.plan_id,
                "version": i.version,
                "current": i.is_current,
                "reference": i.is_reference,
                "name": i.name,
                "unit": i.unit,
            }
            for i in detail.indicators
        ],
    }


def _show_detail(detail: EntryDetail) -> None:
    item, e = detail.listed, detail.listed.entry
    out = console()
    out.print(f"[bold]{e.name}[/bold] ({e.key}, {item.origin})")
    out.print(f"unit: {e.unit or '-'}  direction: {e.direction.value}  domain: {e.domain}")
    if e.definition:
        out.print(f"definition: {e.definition}")
    if e.aliases:
        out.print("aliases:")
        for name in e.aliases:
            added = " (added)" if item.origin == "bundled" and name in item.added_aliases else ""
            out.print(f"  {name}{added}", markup=False)
    else:
        out.print("aliases: none")
    if not detail.indicators:
        out.print("no stored plan has an indicator linked to it")
        return
    table = new_table("region", "version", "indicator", "unit")
    for i in detail.indicators:
        region = i.region + (" (reference)" if i.is_reference else "")
        version = f"{i.version}" + ("" if i.is_current else " (superseded)")
        table.add_row(region, version, i.name, i.unit or "")
    out.print(table)
