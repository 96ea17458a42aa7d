"""Command-line options shared by the commands that query the store, defined once.

Each is an ``Annotated`` type for a Typer parameter, so a command reads
``def events(db: DbOption = "backchannel.db", actor: ActorOption = None, ...)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL.", envvar="BACKCHANNEL_DB")]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Name, KB id or part of a name.")]
WithOption = Annotated[str | None, typer.Option("--with", help="A second participant.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")]
StatusOption = Annotated[str | None, typer.Option("--status", help="occurred, planned, attempted, ...")]
SinceOption = Annotated[str | None, typer.Option("--since", help="On or after this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="On or before this date (YYYY-MM-DD).")]
LimitOption = Annotated[int, typer.Option("--limit", help="At most this many.")]
HistoryOption = Annotated[
    str,
    typer.Option(
        "--history",
        help="Events dated over a year before their article: keep for 'contacts' only, 'all' or 'none'.",
    ),
]


def day(value: str | None, name: str) -> dt.date | None:
    """A date option as a date; a value that is not one is a one-line usage error."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} must be a date like 2021-03-31, not {value!r}") from None
