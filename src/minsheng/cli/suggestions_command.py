"""`minsheng suggestions …`: public suggestions and replies."""

import typer

suggestions_app = typer.Typer(
    help="Public suggestions and replies (意见建议).", no_args_is_help=True
)
