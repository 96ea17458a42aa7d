"""The ``clusters`` command: real-world events with their sources, disputes and flags.

``register(app)`` adds it to a Typer app (the main CLI does this). The command parses its
options, calls ``find_clusters`` and prints; the work is in the library.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from backchannel.console import out, run
from backchannel.link.query import ClusterView
from backchannel.options import (
    ActorOption,
    DbOption,
    LimitOption,
    SinceOption,
    StatusOption,
    TypeOption,
    UntilOption,
    WithOption,
    day,
)


def clusters(
    db: DbOption = "backchannel.db",
    actor: ActorOption = None,
    with_actor: WithOption = None,
    event_type: TypeOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    limit: LimitOption = 200,
) -> None:
    """Real-world events (clusters of reports): sources, independent sources, disputes, flags."""
    from backchannel.link.query import find_clusters
    from backchannel.store import open_store

    if fmt not in {"table", "json"}:
        raise typer.BadParameter("--format must be table or json")
    start, end = day(since, "--since"), day(until, "--until")
    with run(lambda: open_store(db)) as store:
        found = run(
            lambda: find_clusters(
                store, actor=actor, with_actor=with_actor, event_type=event_type.upper() if event_type else None,
                status=status, start=start, end=end, limit=limit,
            )
        )  # fmt: skip
    if fmt == "json":
        for view in found:
            print(json.dumps(view.to_dict(), ensure_ascii=False))
        return
    _table(found)


def _table(found: list[ClusterView]) -> None:
    from rich.table import Table

    from backchannel.link.disputes import describe

    table = Table(
        "date",
        "type",
        "mode",
        "status",
        "participants",
        "reports",
        "independent",
        "sources",
        "disputes",
        "flags",
    )
    for view in found:
        c = view.cluster
        table.add_row(
            _span(view), c.event_type, c.mode or "", view.status,
            " / ".join(sorted(a.name or a.country or a.text for a in c.actors)),
            str(c.reports), str(c.independent_sources), ", ".join(c.sources),
            "; ".join(describe(d) for d in c.disputes),
            "; ".join(c.flags),
        )  # fmt: skip
    out.print(table)


def _span(view: ClusterView) -> str:
    d = view.cluster.date
    if not d.start or not d.end:
        return "?"
    return d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()}..{d.end.isoformat()}"


def register(app: typer.Typer) -> None:
    """Add ``clusters`` to ``app``."""
    app.command("clusters")(clusters)
