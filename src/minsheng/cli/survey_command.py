"""`minsheng survey …`: satisfaction surveys."""

import typer

survey_app = typer.Typer(help="Satisfaction surveys (满意度调查).", no_args_is_help=True)
