"""The command line: each command parses its options, calls one library function, and prints.

Domain errors become one line on stderr and a non-zero exit; a traceback appears only with
``--debug``. Commands that use the store take ``--db`` (a SQLite path, default
``backchannel.db``, or a database URL such as ``postgresql://user@host/db``).
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from backchannel.console import STATE, err, out, run
from backchannel.options import (
    ActorOption,
    DbOption,
    HistoryOption,
    LimitOption,
    SinceOption,
    StatusOption,
    TypeOption,
    UntilOption,
    WithOption,
    day,
)

app = typer.Typer(
    name="backchannel",
    help="Verifiable event data from raw news: who did what to whom, when, according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    STATE["debug"] = debug
    level = logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@app.command()
def extract(
    inputs: Annotated[
        list[Path], typer.Argument(help="JSON Lines, .txt, .html, feed or WARC files, or folders.")
    ],
    out_path: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the event records (JSON Lines).")
    ],
    explain: Annotated[
        bool, typer.Option("--explain", help="Add each record's trace: rule, tokens, why.")
    ] = False,
    history: HistoryOption = "contacts",
    engine: Annotated[str, typer.Option(help="local (this process) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); a local cluster when absent."),
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes of the local Dask cluster.")] = 2,
    work_dir: Annotated[
        Path | None,
        typer.Option(
            "--work-dir", help="Dask engine's Parquet folder, seen by every worker (temporary if absent)."
        ),
    ] = None,
) -> None:
    """Code events in INPUT files and write contract records to --out. Needs no database."""
    from backchannel.api import extract_paths
    from backchannel.pipeline import Pipeline

    if engine == "dask":
        _extract_dask(inputs, out_path, explain, history, scheduler, workers, work_dir)
        return
    if engine != "local":
        raise typer.BadParameter("--engine must be local or dask")
    result = run(lambda: extract_paths(inputs, Pipeline(history=history)))
    if result.articles == 0:
        reason = result.skipped[0] if result.skipped else "no articles found"
        err.print(f"[red]error:[/red] nothing usable in the input ({reason})", highlight=False)
        raise typer.Exit(2)
    with out_path.open("w", encoding="utf-8") as f:
        for ev in result.events:
            f.write(json.dumps(ev.to_dict(trace=explain), ensure_ascii=False) + "\n")
    err.print(
        f"{len(result.events)} events from {result.articles} articles "
        f"({len(result.skipped)} inputs skipped, {len(result.failed)} failed) -> {out_path}",
        highlight=False,
    )


def _extract_dask(
    inputs: list[Path],
    out_path: Path,
    explain: bool,
    history: str,
    scheduler: str | None,
    workers: int,
    work_dir: Path | None,
) -> None:
    """``extract`` on Dask (docs/scale.md): Parquet in --work-dir, contract records in --out."""
    import tempfile

    from backchannel.scale.dask_engine import run_dask

    with tempfile.TemporaryDirectory() as tmp:
        summary = run(
            lambda: run_dask(
                inputs, work_dir or Path(tmp), scheduler=scheduler, workers=workers,
                jsonl=out_path, explain=explain, history=history,
            )
        )  # fmt: skip
    if summary.articles == 0:
        err.print("[red]error:[/red] nothing usable in the input (no articles found)", highlight=False)
        raise typer.Exit(2)
    err.print(
        f"{summary.events} events from {summary.articles} articles on {summary.scheduler} "
        f"({summary.chunks} chunks, {summary.seconds:.0f} s) -> {out_path}",
        highlight=False,
    )


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
    db: DbOption = "backchannel.db",
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 200,
    history: HistoryOption = "contacts",
    alerts: Annotated[
        Path | None,
        typer.Option("--alerts", help="Alert rules (YAML) checked after the ingest; new alerts print."),
    ] = None,
) -> None:
    """Read articles into the store, code the new ones and link their events. Idempotent."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from backchannel.api import ingest_paths
    from backchannel.pipeline import Pipeline
    from backchannel.store import open_store

    if alerts is not None:
        from backchannel.alerts import load_rules

        rules = run(lambda: load_rules(alerts))  # a broken rule file stops before any work
    with (
        run(lambda: open_store(db)) as store,
        Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err) as bar,
    ):
        task = bar.add_task("coding articles", total=None)

        def tick(n: int) -> None:
            bar.update(task, advance=n, description=f"coded {int(bar.tasks[0].completed) + n} new articles")

        summary = run(
            lambda: ingest_paths(
                paths, store, Pipeline(history=history), progress=tick, batch_size=batch_size
            )
        )
        if alerts is not None:
            from backchannel.alerts import check, print_alerts

            fired = run(lambda: check(store, rules))
            print_alerts(fired, sys.stdout)
            err.print(f"{len(fired)} new alerts", highlight=False)
    err.print(
        f"read {summary.read}, already stored {summary.known}, added {summary.added} articles "
        f"with {summary.events} events; skipped {len(summary.skipped)}, failed {len(summary.failed)} -> {db}",
        highlight=False,
    )


@app.command()
def events(
    db: DbOption = "backchannel.db",
    actor: ActorOption = None,
    with_actor: WithOption = None,
    event_type: TypeOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    limit: LimitOption = 200,
) -> None:
    """List stored event records, filtered."""
    from backchannel.store import open_store

    if fmt not in {"table", "json", "csv"}:
        raise typer.BadParameter("--format must be table, json or csv")
    start, end = day(since, "--since"), day(until, "--until")
    with run(lambda: open_store(db)) as store:
        found = run(
            lambda: store.events(
                actor=actor, with_actor=with_actor, event_type=event_type.upper() if event_type else None,
                status=status, start=start, end=end, limit=limit,
            )
        )  # fmt: skip
    rows = [_flat(e.to_dict()) for e in found]
    _print_rows(
        rows, fmt, ["date", "event_type", "mode", "status", "actors", "recipients", "outlet", "cluster_id"]
    )


def _flat(d: dict[str, Any]) -> dict[str, Any]:
    date = d["date"]
    span = date["start"] if date["start"] == date["end"] else f"{date['start']}..{date['end']}"

    def names(actors: list[dict[str, Any]]) -> str:
        return "; ".join(a["name"] or f"{a['country'] or '?'} {a['sector'] or ''}".strip() for a in actors)

    return {
        "id": d["id"], "date": span, "event_type": d["event_type"], "mode": d["mode"] or "",
        "status": d["status"], "actors": names(d["actors"]), "recipients": names(d["recipients"]),
        "outlet": d.get("outlet") or "", "cluster_id": d["cluster_id"], "evidence": d["evidence"]["text"],
    }  # fmt: skip


def _print_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        for r in rows:
            out.print_json(json.dumps(r, ensure_ascii=False)) if out.is_terminal else print(
                json.dumps(r, ensure_ascii=False)
            )
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else columns)
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(*columns, show_lines=False)
    for r in rows:
        table.add_row(*(str(r[c]) for c in columns))
    out.print(table)


@app.command()
def timeline(
    actor: Annotated[str, typer.Option(help="Whose contacts: a name, KB id or part of a name.")],
    with_actor: Annotated[
        str | None, typer.Option("--with", help="Only contacts with this participant.")
    ] = None,
    db: DbOption = "backchannel.db",
    all_types: Annotated[
        bool, typer.Option("--all-types", help="Every event type, not only contacts.")
    ] = False,
) -> None:
    """The contacts of ACTOR (with another), one line per real-world event, oldest first."""
    from backchannel.api import timeline as build
    from backchannel.store import open_store

    with run(lambda: open_store(db)) as store:
        found = run(
            lambda: store.events(
                actor=actor, with_actor=with_actor, event_type=None if all_types else "CONSULT", limit=None
            )
        )
        records = store.clusters_by_id({e.cluster_id for e in found if e.cluster_id})
    rows = [r for r in build(found, records) if r.status in TIMELINE_STATUSES]
    if not rows:
        err.print(f"no {'events' if all_types else 'contacts'} found for {actor!r} in {db}")
        raise typer.Exit(0)
    if not out.is_terminal:  # piped: one plain line per event, easy to grep and diff
        for r in rows:
            span = r.start if r.start == r.end else f"{r.start}..{r.end}"
            line = [
                span or "?",
                r.event_type,
                r.mode or "-",
                r.status,
                " / ".join(r.participants),
                _reports(r),
            ]
            print("\t".join([*line, ", ".join(r.outlets) or "-", *r.flags]))
        return
    table = Table(
        "date", "type", "mode", "status", "participants", "reports", "outlets", title=f"Timeline: {actor}"
    )
    for r in rows:
        span = r.start if r.start == r.end else f"{r.start} .. {r.end}"
        outlets = ", ".join(r.outlets) + "".join(f"\n[yellow]{f}[/yellow]" for f in r.flags)
        table.add_row(
            span or "?",
            r.event_type,
            r.mode or "",
            r.status,
            " / ".join(r.participants),
            _reports(r),
            outlets,
        )
    out.print(table)


def _reports(row: Any) -> str:
    """ "4 reports (3 independent)": reprints of one wire story count once among the independent."""
    plural = "report" if row.reports == 1 else "reports"
    if row.independent is not None and row.independent != row.reports:
        return f"{row.reports} {plural} ({row.independent} independent)"
    return f"{row.reports} {plural}"


# A timeline shows what happened or was arranged or tried, not what was denied or only mooted.
TIMELINE_STATUSES = frozenset({"occurred", "planned", "attempted", "refused"})


@app.command()
def explain(
    record_id: Annotated[str, typer.Argument(help="An event id (e-...) from the store or from --events.")],
    db: DbOption = "backchannel.db",
    events_file: Annotated[
        Path | None,
        typer.Option("--events", help="Read the record from a JSON Lines file made with extract --explain."),
    ] = None,
) -> None:
    """Why a record says what it says: the rule that fired, the tokens, each actor and the date."""
    from backchannel.explain import explain_record, find_in_file
    from backchannel.store import open_store

    if events_file is not None:
        record = run(lambda: find_in_file(events_file, record_id))
    else:
        with run(lambda: open_store(db)) as store:
            ev = store.event(record_id)
        record = ev.to_dict(trace=True) if ev else None
    if record is None:
        err.print(
            f"[red]error:[/red] no event {record_id!r}; list ids with `backchannel events --format json`",
            highlight=False,
        )
        raise typer.Exit(1)
    out.print(explain_record(record), highlight=False)


def _mount_optional() -> None:
    """Commands that live in their own modules, next to the library code they call."""
    from backchannel.alerts.commands import register as register_alerts
    from backchannel.export import register as register_export
    from backchannel.kb.commands import kb_app
    from backchannel.link.commands import register as register_clusters
    from backchannel.watch.commands import register as register_watch
    from backchannel.web.commands import register as register_web

    app.add_typer(kb_app, name="kb", help="Inspect and maintain the knowledge base.")
    register_clusters(app)
    register_web(app)
    register_export(app)
    register_watch(app)
    register_alerts(app)


_mount_optional()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
