"""Exporting stored events for other tools: Parquet, CSV, PLOVER JSON Lines, POLECAT-style TSV.

    export(store, fmt, out, **filters) -> int          events written
    backchannel export --db DB --format FMT --out PATH [--actor A] [--with B] [--type T] ...

Formats (``FORMATS``):

    parquet   one row per event: the flat columns of ``flat_row`` plus ``record`` (the whole
              contract record as JSON, so nothing is lost)
    csv       the same flat columns, without ``record``; several values in a cell joined by "; "
    plover    PLOVER records (../shared/PLOVER.md section 5): id, date, enddate, actor and recipient
              as entity objects (code, sector, entity_text, identifier_id, identifier_text,
              office, gender), event, mode, context, event_text, quad_code, event_loc, link (the
              cluster), text_info, cite_info; what PLOVER has no key for is under "backchannel"
    polecat   tab-separated, one row per event, with POLECAT-style column names ("Event ID",
              "Actor Country", "Story ID" is the cluster); reads with pandas.read_csv(sep="\\t")
              and R's read.delim

``filters`` are those of ``Store.events`` (actor, with_actor, country, event_type, status, quad,
start, end, cluster_id, article_id). Events are read a page at a time, oldest first.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import typer

from backchannel.console import err, run
from backchannel.errors import ConfigError
from backchannel.model import QUAD, Actor, Event, plover_category

FORMATS = ("parquet", "csv", "plover", "polecat")
PAGE = 2000
CODEBOOK = "PLOVER 2.0 draft (openeventdata/PLOVER 5e0c24f)"


def export(store: Any, fmt: str, out: str | Path, **filters: Any) -> int:
    """Write the events matching ``filters`` to ``out`` in format ``fmt``; returns how many."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ConfigError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    path = Path(out)
    if path.parent and not path.parent.is_dir():
        raise ConfigError(f"cannot write {path}: the folder {path.parent} does not exist")
    return writer(store, _pages(store, filters), path)


def _pages(store: Any, filters: dict[str, Any]) -> Iterator[list[Event]]:
    offset = 0
    while True:
        page = store.events(**filters, limit=PAGE, offset=offset)
        if not page:
            return
        yield page
        offset += len(page)


# ---------------------------------------------------------------------------------------------
# Flat rows: CSV and Parquet
# ---------------------------------------------------------------------------------------------


def flat_row(ev: Event) -> dict[str, Any]:
    """One event as flat columns; lists of actors become parallel "; "-joined cells."""
    loc, attr = ev.location, ev.attribution
    return {
        "id": ev.id, "article_id": ev.article_id, "cluster_id": ev.cluster_id,
        "event_type": ev.event_type, "plover_category": plover_category(ev.event_type, ev.status),
        "quad": QUAD[ev.event_type], "mode": ev.mode, "status": ev.status, "contexts": _join(ev.contexts),
        "date_start": _iso(ev.date.start), "date_end": _iso(ev.date.end),
        "date_granularity": ev.date.granularity, "date_text": ev.date.text, "date_basis": ev.date.basis,
        **_actor_cells("actor", ev.actors), **_actor_cells("recipient", ev.recipients),
        "initiator": _name(ev.initiator) if ev.initiator else None,
        "location": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "source": _name(attr.source) if attr and attr.source else None,
        "attribution": attr.text if attr else None,
        "evidence": ev.evidence.text, "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
        "confidence": ev.confidence, "outlet": ev.outlet,
    }  # fmt: skip


def _actor_cells(prefix: str, actors: list[Actor]) -> dict[str, str]:
    return {
        f"{prefix}_names": _join(_name(a) for a in actors),
        f"{prefix}_countries": _join(a.country or "" for a in actors),
        f"{prefix}_sectors": _join(a.sector or "" for a in actors),
        f"{prefix}_kb_ids": _join(a.kb_id or "" for a in actors),
    }


def _name(a: Actor) -> str:
    """How a participant is shown: the canonical name, else the words as written."""
    return a.name or a.text


def _join(values: Any) -> str:
    return "; ".join(values)


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _write_csv(store: Any, pages: Iterator[list[Event]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer: csv.DictWriter[str] | None = None
        for page in pages:
            for ev in page:
                row = flat_row(ev)
                if writer is None:
                    writer = csv.DictWriter(f, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
                n += 1
        if writer is None:  # no events: still a header, so the file loads as an empty table
            csv.writer(f).writerow(list(flat_row(_blank())))
    return n


def _write_parquet(store: Any, pages: Iterator[list[Event]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(pa)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for page in pages:
            rows = [flat_row(ev) | {"record": json.dumps(ev.to_dict(), ensure_ascii=False)} for ev in page]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


def _parquet_schema(pa: Any) -> Any:
    numbers = {"quad": pa.int8(), "lat": pa.float64(), "lon": pa.float64(), "confidence": pa.float64()}
    numbers |= {"evidence_start": pa.int64(), "evidence_end": pa.int64()}
    names = [*flat_row(_blank()), "record"]
    return pa.schema([(c, numbers.get(c, pa.string())) for c in names])


@cache
def _blank() -> Event:
    """A record with nothing in it: its rows give the column names for headers and schemas."""
    from backchannel.model import DateSpan, Evidence

    return Event("", "", "CONSULT", None, [], "occurred", [], [], None, DateSpan.unknown(), None, None,
                 Evidence("", 0, 0), 0.0)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# PLOVER JSON Lines
# ---------------------------------------------------------------------------------------------


def plover_record(ev: Event, article: dict[str, Any] | None = None) -> dict[str, Any]:
    """The PLOVER form of one event (see the module docstring); ``article`` gives cite_info."""
    loc = ev.location
    record: dict[str, Any] = {
        "id": ev.id, "has_event": True, "date": _iso(ev.date.start),
        "enddate": _iso(ev.date.end) if ev.date.end != ev.date.start else None,
        "actor": [_entity(a) for a in ev.actors], "recipient": [_entity(a) for a in ev.recipients],
        "event": [plover_category(ev.event_type, ev.status)], "mode": [ev.mode] if ev.mode else [],
        "context": list(ev.contexts), "event_text": [ev.evidence.text], "quad_code": QUAD[ev.event_type],
        "event_loc": None if loc is None else {
            "resolved_place": loc.name, "geonameid": loc.geonameid, "lat": loc.lat, "lon": loc.lon,
            "country_code": loc.country,
        },
        "link": ev.cluster_id or None,
        "text_info": {"text_story": ev.article_id, "start": ev.evidence.start, "end": ev.evidence.end},
        "cite_info": _cite(ev, article or {}), "coder": "backchannel",
        "backchannel": {
            "event_type": ev.event_type, "status": ev.status, "date_granularity": ev.date.granularity,
            "date_text": ev.date.text, "date_basis": ev.date.basis, "confidence": ev.confidence,
            "attribution": ev.attribution.to_dict() if ev.attribution else None,
            "initiator": ev.initiator.to_dict() if ev.initiator else None,
            "kb_ids": {"actor": [a.kb_id for a in ev.actors], "recipient": [a.kb_id for a in ev.recipients]},
        },
    }  # fmt: skip
    return record


def _entity(a: Actor) -> dict[str, Any]:
    person = _kb().people.get(a.kb_id or "")
    return {
        "code": a.country, "sector": a.sector, "entity_text": a.text,
        "identifier_id": person.wikidata if person else None, "identifier_text": a.name,
        "office": a.role, "gender": person.gender if person else None,
    }  # fmt: skip


@cache
def _kb() -> Any:
    from backchannel.kb import default_kb

    return default_kb()


def _cite(ev: Event, article: dict[str, Any]) -> dict[str, Any]:
    from backchannel import __version__

    return {
        "corpus": "backchannel", "url": article.get("url"), "title": article.get("title"),
        "publication": ev.outlet or article.get("outlet"), "language": "en", "coder": "backchannel",
        "codebook": CODEBOOK, "version": __version__,
    }  # fmt: skip


def _write_plover(store: Any, pages: Iterator[list[Event]], path: Path) -> int:
    n = 0
    meta: dict[str, dict[str, Any]] = {}
    with path.open("w", encoding="utf-8") as f:
        for page in pages:
            for ev in page:
                if ev.article_id not in meta:
                    meta[ev.article_id] = _article_meta(store, ev.article_id)
                f.write(json.dumps(plover_record(ev, meta[ev.article_id]), ensure_ascii=False) + "\n")
                n += 1
    return n


def _article_meta(store: Any, article_id: str) -> dict[str, Any]:
    stored = store.article(article_id)
    if stored is None:
        return {}
    a = stored.article
    return {"url": a.url, "title": stored.title, "outlet": a.outlet}


# ---------------------------------------------------------------------------------------------
# POLECAT-style TSV
# ---------------------------------------------------------------------------------------------


def polecat_row(ev: Event) -> dict[str, Any]:
    loc, attr = ev.location, ev.attribution
    return {
        "Event ID": ev.id, "Event Date": _iso(ev.date.start), "Event End Date": _iso(ev.date.end),
        "Event Type": plover_category(ev.event_type, ev.status), "Event Mode": ev.mode or "",
        "Quad Code": QUAD[ev.event_type], "Contexts": _join(ev.contexts),
        "Actor Name": _join(_name(a) for a in ev.actors),
        "Actor Country": _join(a.country or "" for a in ev.actors),
        "Actor Sector": _join(a.sector or "" for a in ev.actors),
        "Actor Title": _join(a.role or "" for a in ev.actors),
        "Recipient Name": _join(_name(a) for a in ev.recipients),
        "Recipient Country": _join(a.country or "" for a in ev.recipients),
        "Recipient Sector": _join(a.sector or "" for a in ev.recipients),
        "Recipient Title": _join(a.role or "" for a in ev.recipients),
        "Source": (_name(attr.source) if attr.source else attr.text) if attr else "",
        "Location": loc.name if loc else "", "Location Country": loc.country if loc else "",
        "Latitude": loc.lat if loc else "", "Longitude": loc.lon if loc else "",
        "Story ID": ev.cluster_id, "Article ID": ev.article_id, "Status": ev.status,
        "Publication": ev.outlet or "", "Evidence": ev.evidence.text,
    }  # fmt: skip


def _write_polecat(store: Any, pages: Iterator[list[Event]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")  # quotes doubled, as R and pandas read
        writer.writerow(list(polecat_row(_blank())))
        for page in pages:
            for ev in page:
                writer.writerow([_one_line(v) for v in polecat_row(ev).values()])
                n += 1
    return n


def _one_line(value: Any) -> Any:
    """A tab or line break inside a cell would split the row for line-based readers."""
    return _BREAKS.sub(" ", value) if isinstance(value, str) else value


_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


_WRITERS: dict[str, Callable[[Any, Iterator[list[Event]], Path], int]] = {
    "parquet": _write_parquet,
    "csv": _write_csv,
    "plover": _write_plover,
    "polecat": _write_polecat,
}


def register(app: Any) -> None:
    """Add the ``export`` command to a Typer app (the maintainer wires this into cli.py)."""
    app.command("export")(export_command)


def export_command(
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv, plover (JSON Lines) or polecat (TSV).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
    db: Annotated[
        str, typer.Option("--db", help="SQLite file or database URL.", envvar="BACKCHANNEL_DB")
    ] = "backchannel.db",
    actor: Annotated[str | None, typer.Option(help="Name, KB id or part of a name.")] = None,
    with_actor: Annotated[str | None, typer.Option("--with", help="A second participant.")] = None,
    country: Annotated[str | None, typer.Option(help="A participant's country (ISO-3).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
    status: Annotated[str | None, typer.Option(help="occurred, planned, attempted, ...")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date (2021-03-31).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None,
    cluster: Annotated[str | None, typer.Option(help="Only the reports of this real-world event.")] = None,
) -> None:
    """Write stored events to a file for other tools: Parquet, CSV, PLOVER JSON Lines or POLECAT TSV."""
    from backchannel.store import open_store

    filters = {
        "actor": actor, "with_actor": with_actor, "country": country, "status": status, "cluster_id": cluster,
        "event_type": event_type.upper() if event_type else None,
        "start": run(lambda: _day(since, "--since")), "end": run(lambda: _day(until, "--until")),
    }  # fmt: skip
    with run(lambda: open_store(db)) as store:
        n = run(lambda: export(store, fmt, out, **{k: v for k, v in filters.items() if v is not None}))
    err.print(f"{n} events -> {out} ({fmt})", highlight=False)


def _day(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{option} must be a date like 2021-03-31, not {value!r}") from None
