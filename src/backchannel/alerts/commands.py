"""``backchannel alerts check`` and ``backchannel alerts list`` (mounted by ``cli._mount_optional``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from backchannel.console import err, run

alerts_app = typer.Typer(no_args_is_help=True, help="Alert rules checked against the stored events.")

Db = Annotated[str, typer.Option("--db", help="SQLite file or database URL.", envvar="BACKCHANNEL_DB")]
Webhook = Annotated[
    str | None, typer.Option("--webhook", help="Also POST each new alert as JSON to this URL.")
]
AllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Let the webhook be on a private or loopback address.")
]


@alerts_app.command("check")
def check_command(
    rules: Annotated[Path, typer.Option("--rules", help="The rules file (YAML).")],
    db: Db = "backchannel.db",
    webhook: Webhook = None,
    allow_private: AllowPrivate = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per alert.")] = False,
    skip_history: Annotated[
        bool, typer.Option("--skip-history", help="A new rule starts at the end of the store.")
    ] = False,
) -> None:
    """Check the rules against the events stored since they last looked; print new alerts."""
    from backchannel.alerts import check, load_rules
    from backchannel.alerts._notify import deliver
    from backchannel.store import open_store
    from backchannel.watch import Fetcher, FetchSettings

    rule_set = run(lambda: load_rules(rules))
    with run(lambda: open_store(db)) as store:
        fired = run(lambda: check(store, rule_set, skip_history=skip_history))
    fetcher = Fetcher(FetchSettings(allow_private=allow_private)) if webhook else None
    failed = deliver(fired, sys.stdout, as_json=as_json, webhook=webhook, fetcher=fetcher)
    err.print(f"{len(fired)} new alerts from {len(rule_set.rules)} rules", highlight=False)
    for reason in failed:
        err.print(f"[red]error:[/red] webhook: {reason}", highlight=False)
    if failed:
        raise typer.Exit(1)


@alerts_app.command("list")
def list_command(
    db: Db = "backchannel.db",
    rule: Annotated[str | None, typer.Option(help="Only this rule's alerts.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 50,
) -> None:
    """The alerts stored, newest first, one JSON object per line."""
    from backchannel.store import open_store
    from backchannel.store._alerts import stored_alerts

    with run(lambda: open_store(db)) as store:
        for record in run(lambda: stored_alerts(store, rule, limit)):
            print(json.dumps(record, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.add_typer(alerts_app, name="alerts", help="Alert rules checked against the stored events.")
