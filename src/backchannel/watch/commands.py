"""``backchannel watch``: poll feeds into the store (mounted by ``cli._mount_optional``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backchannel.console import err, run

if TYPE_CHECKING:
    from backchannel.alerts import Alert
    from backchannel.watch import PollReport


def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs (http or https).")],
    db: Annotated[str, typer.Option("--db", help="SQLite file or database URL.", envvar="BACKCHANNEL_DB")] = (
        "backchannel.db"
    ),
    every: Annotated[str, typer.Option(help="Time between rounds: 90s, 15m, 2h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll each feed once, then exit.")] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow loopback, private and link-local addresses.")
    ] = False,
    alerts: Annotated[
        Path | None, typer.Option("--alerts", help="Alert rules (YAML) checked after each round.")
    ] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each new alert as JSON to this URL.")] = None,
    state: Annotated[
        Path | None, typer.Option(help="Where to remember ETags and items seen (default: DB.watch.json).")
    ] = None,
) -> None:
    """Poll FEED_URLs, fetch the pages they link, ingest and link what is new; Ctrl+C stops."""
    from backchannel.alerts import load_rules
    from backchannel.alerts._notify import deliver
    from backchannel.store import open_store
    from backchannel.watch import Fetcher, FetchSettings, WatchState, parse_every, state_path, watch_feeds

    seconds = run(lambda: parse_every(every))
    rules = run(lambda: load_rules(alerts)) if alerts else None
    settings = FetchSettings(allow_private=allow_private)
    memory = WatchState(state or state_path(db))

    def report(polls: list[PollReport], fired: list[Alert]) -> None:
        for poll in polls:
            err.print(poll.line(), highlight=False)
        failed = deliver(fired, sys.stdout, webhook=webhook, fetcher=Fetcher(settings) if webhook else None)
        for reason in failed:
            err.print(f"[red]error:[/red] webhook: {reason}", highlight=False)

    with run(lambda: open_store(db)) as store:
        try:
            run(lambda: watch_feeds(feeds, store, memory, every=seconds, rounds=1 if once else None,
                                    settings=settings, rules=rules, on_round=report))  # fmt: skip
        except KeyboardInterrupt:
            err.print("stopped", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch)
