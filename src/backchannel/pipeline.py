"""The pipeline: the stages in order, over batches of articles.

    clean → segment → dates → actors → parse → events        per article (parse batched)
    link                                                      across the articles of a run

Each stage names what it needs and what it adds; ``Pipeline`` checks the order once, before
it runs, the way spaCy checks its components. A stage that fails on one article is logged with
the stage's name and that article is skipped; the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from backchannel import actors, clean, dates, events, link, parse, segment
from backchannel.errors import ConfigError, StageError
from backchannel.kb import KnowledgeBase, default_kb
from backchannel.model import Article, Document, Event

log = logging.getLogger("backchannel.pipeline")


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    provides: str
    run: Callable[[Document], Document] | None = None  # None for stages run over a whole batch


def _dates_stage(doc: Document) -> Document:
    doc.times = dates.find_times_by_section(doc.text, doc.paragraphs, doc.published)
    doc.done.add("dates")
    return doc


def default_stages(kb: KnowledgeBase, history: str = "contacts") -> list[Stage]:
    return [
        Stage("clean", (), "clean"),
        Stage("segment", ("clean",), "segment", segment.segment),
        Stage("dates", ("clean",), "dates", _dates_stage),
        Stage("actors", ("segment",), "actors", lambda d: actors.annotate(d, kb)),
        Stage("parse", ("segment", "actors"), "parse"),
        Stage(
            "events", ("parse", "dates", "actors"), "events", lambda d: events.code(d, kb, history=history)
        ),
    ]


def check_order(stages: Sequence[Stage]) -> None:
    done: set[str] = set()
    for s in stages:
        missing = [r for r in s.requires if r not in done]
        if missing:
            raise ConfigError(f"stage {s.name!r} needs {missing} to run before it")
        done.add(s.provides)


class Pipeline:
    """Articles in, coded documents out. The spaCy model and the KB load on first use."""

    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        nlp: object | None = None,
        batch_size: int = 64,
        history: str = "contacts",
    ) -> None:
        """``history``: which events dated over a year before their article to keep: "contacts"
        (default: the record of a channel matters; old clashes mentioned as background do not),
        "all" or "none"."""
        if history not in {"contacts", "all", "none"}:
            raise ConfigError(f"history must be 'contacts', 'all' or 'none', not {history!r}")
        self.kb = kb or default_kb()
        self.nlp = nlp
        self.batch_size = batch_size
        self.stages = default_stages(self.kb, history)
        check_order(self.stages)

    def documents(
        self, articles: Iterable[Article], on_error: Callable[[StageError], None] | None = None
    ) -> Iterator[Document]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._batch(batch, on_error)
                batch = []
        if batch:
            yield from self._batch(batch, on_error)

    def _batch(
        self, articles: list[Article], on_error: Callable[[StageError], None] | None
    ) -> list[Document]:
        docs = _each("clean", clean.clean, articles, on_error)
        for stage in self.stages[1:]:
            if stage.run is None:
                parse.parse(docs, self.nlp)
            else:
                docs = _each(stage.name, stage.run, docs, on_error)
        return docs

    def extract(
        self, articles: Iterable[Article], on_error: Callable[[StageError], None] | None = None
    ) -> list[Event]:
        """Code every article, then link the records of all of them (one run, one set of clusters)."""
        found: list[Event] = []
        for doc in self.documents(articles, on_error):
            found.extend(doc.events)
        return link.link(found)


def _each(
    name: str, fn: Callable[[Any], Document], items: list[Any], on_error: Callable[[StageError], None] | None
) -> list[Document]:
    """Run one stage over a batch; an article the stage fails on is reported and dropped."""
    out = []
    for item in items:
        article_id = item.id if isinstance(item, Article) else item.article.id
        try:
            out.append(fn(item))
        except Exception as exc:  # one bad article must not stop the batch
            (on_error or _log_error)(StageError(name, article_id, f"{type(exc).__name__}: {exc}"))
    return out


def _log_error(err: StageError) -> None:
    log.warning("%s", err)
