"""backchannel: verifiable event data from raw news.

The public API (everything else is implementation):

    extract(paths) -> list[Event]        read, code and link articles; no store needed
    Pipeline                             the stages, for coding Article objects directly
    open_store(db) -> Store              SQLite file or PostgreSQL URL
    Article, Event, Actor, DateSpan, Evidence, Location, Attribution, Cluster   the records
    BackchannelError and its subclasses  see backchannel.errors
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from backchannel.errors import BackchannelError, InputError, StageError, StoreError
from backchannel.model import Actor, Article, Attribution, Cluster, DateSpan, Event, Evidence, Location

if TYPE_CHECKING:
    from backchannel.pipeline import Pipeline
    from backchannel.store import Store

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "Attribution", "BackchannelError", "Cluster", "DateSpan", "Event", "Evidence",
    "InputError", "Location", "Pipeline", "StageError", "Store", "StoreError", "extract", "open_store",
]  # fmt: skip


def extract(paths: Iterable[str | Path]) -> list[Event]:
    """Read, code and link the articles under ``paths`` (files or folders)."""
    from backchannel.api import extract_paths

    return extract_paths(paths).events


def open_store(db: str | Path = "backchannel.db") -> Store:
    from backchannel.store import open_store as _open

    return _open(db)


def __getattr__(name: str) -> object:
    if name == "Pipeline":
        from backchannel.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
