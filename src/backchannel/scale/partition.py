"""The unit of distributed work, for any engine: a batch of article dicts in, event rows out.

    code_partition(articles, history=) -> list[dict]    Dask, multiprocessing, plain loops
    code_frame(frame, history=) -> DataFrame            Dask DataFrames (map_partitions)
    code_batches(frames, history=) -> Iterator[...]     Spark (mapInPandas)
    link_frame(frame) -> DataFrame                      the second pass: link rows, group by group
    rows_to_events(rows) -> list[Event]                 and back

An article dict has the keys of ``Article`` (``id`` and ``text``, optionally ``title``, ``url``,
``outlet``, ``published``); ``history`` is the pipeline's setting (``extract --history``). An
event row is flat (``ROW_COLUMNS``): the fields an engine sorts, groups or filters on, plus
``record``, the whole contract record as JSON (with its trace, for ``--explain``). Rows come out
unlinked (``cluster_id`` empty); linking needs the rows of every article, so it is a second pass
(``link_frame``) over rows grouped by ``participants``.

Nothing heavy crosses the wire: the function is pickled by reference, and each worker process
builds its own ``Pipeline`` on first use (``backchannel.nlp.load`` is cached per process), so the
spaCy model is loaded once per worker and never pickled.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from backchannel import link
from backchannel.errors import StageError
from backchannel.model import Article, Event

if TYPE_CHECKING:
    import pandas

    from backchannel.pipeline import Pipeline

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one process per core; see backchannel.nlp

log = logging.getLogger("backchannel.scale")

# Column -> pandas dtype of an event row. "participants" is the linking key: the sorted
# participant keys (``Actor.key``) joined by "|"; link only ever joins records whose keys agree.
ROW_COLUMNS: dict[str, str] = {
    "id": "string",
    "article_id": "string",
    "event_type": "string",
    "mode": "string",
    "status": "string",
    "date_start": "string",
    "date_end": "string",
    "participants": "string",
    "outlet": "string",
    "confidence": "float64",
    "cluster_id": "string",
    "record": "string",
}
ARTICLE_COLUMNS = ("id", "text", "title", "url", "outlet", "published")
# The same columns as a Spark DDL schema, for ``mapInPandas(code_batches, SPARK_SCHEMA)``.
SPARK_SCHEMA = ", ".join(f"{c} {'double' if t == 'float64' else 'string'}" for c, t in ROW_COLUMNS.items())


@cache
def _pipeline(history: str) -> Pipeline:
    """One pipeline per process and setting, built on first use (the model loads on its first
    parse, once per process whatever the setting)."""
    from backchannel.pipeline import Pipeline

    return Pipeline(history=history)


def code_partition(articles: Iterable[Mapping[str, Any]], history: str = "contacts") -> list[dict[str, Any]]:
    """Code a batch of article dicts; one unlinked row per event. ``history`` is the pipeline's
    (``extract --history``). An article a stage fails on is logged on ``backchannel.scale`` and
    left out, as ``Pipeline`` does."""

    def failed(err: StageError) -> None:
        log.warning("%s", err)

    batch = [Article.from_dict(_clean_keys(a)) for a in articles]
    rows: list[dict[str, Any]] = []
    for doc in _pipeline(history).documents(batch, on_error=failed):
        rows.extend(event_row(ev) for ev in doc.events)
    return rows


def _clean_keys(article: Mapping[str, Any]) -> dict[str, Any]:
    """An article dict with missing values (None, NaN from a DataFrame) dropped and ids as text."""
    out = {k: v for k, v in article.items() if isinstance(v, str)}
    if "id" in article and not isinstance(article["id"], str):
        out["id"] = str(article["id"])
    return out


def event_row(ev: Event) -> dict[str, Any]:
    return {
        "id": ev.id,
        "article_id": ev.article_id,
        "event_type": ev.event_type,
        "mode": ev.mode,
        "status": ev.status,
        "date_start": ev.date.start.isoformat() if ev.date.start else None,
        "date_end": ev.date.end.isoformat() if ev.date.end else None,
        "participants": participants_key(ev),
        "outlet": ev.outlet,
        "confidence": ev.confidence,
        "cluster_id": ev.cluster_id,
        "record": json.dumps(ev.to_dict(trace=True), ensure_ascii=False, sort_keys=True),
    }


def participants_key(ev: Event) -> str:
    return "|".join(sorted({a.key for a in ev.participants}))


def rows_to_events(rows: Iterable[Mapping[str, Any]]) -> list[Event]:
    """Events from rows; the row's ``cluster_id`` (set by linking) wins over the record's."""
    out = []
    for row in rows:
        ev = Event.from_dict(json.loads(row["record"]))
        ev.cluster_id = row.get("cluster_id") or ev.cluster_id
        out.append(ev)
    return out


def frame(rows: list[dict[str, Any]]) -> pandas.DataFrame:
    """Rows as a DataFrame with the columns and dtypes of ``ROW_COLUMNS``, even when empty."""
    import pandas

    df = pandas.DataFrame(rows, columns=list(ROW_COLUMNS))
    return df.astype(ROW_COLUMNS)


def code_frame(articles: pandas.DataFrame, history: str = "contacts") -> pandas.DataFrame:
    """``code_partition`` over a DataFrame with the article columns; for ``map_partitions``."""
    present = [c for c in ARTICLE_COLUMNS if c in articles.columns]
    return frame(code_partition(articles[present].to_dict("records"), history))


def code_batches(
    batches: Iterable[pandas.DataFrame], history: str = "contacts"
) -> Iterator[pandas.DataFrame]:
    """Spark's ``mapInPandas`` form: an iterator of article frames in, of row frames out."""
    for articles in batches:
        yield code_frame(articles, history)


def link_frame(rows: pandas.DataFrame) -> pandas.DataFrame:
    """Link the rows of each participants group with ``link.link`` and set their ``cluster_id``.

    Exact when every row of a group is in this frame (shuffle on ``participants`` first): link only
    joins records whose participants agree, so groups never share a cluster, and cluster ids
    derive from a cluster's own members."""
    if rows.empty:
        return frame([])
    records = rows.to_dict("records")
    by_group: dict[str, list[int]] = {}
    for i, row in enumerate(records):
        by_group.setdefault(str(row["participants"]), []).append(i)
    for members in by_group.values():
        events = rows_to_events(records[i] for i in members)
        link.link(events)  # its contract: sets cluster_id on the events it is given
        for i, ev in zip(members, events, strict=True):
            records[i]["cluster_id"] = ev.cluster_id
    return frame(records)
