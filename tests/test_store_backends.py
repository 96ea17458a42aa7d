"""The backends every store test runs on, record builders, and the tests of opening a store.

Other ``test_store_*`` modules import ``BACKENDS`` and ``opened`` for their ``store`` fixture
(SQLite always; PostgreSQL when BACKCHANNEL_TEST_PG_URL is set, else skipped), ``dump`` and the
record builders from here.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from backchannel.errors import StoreError
from backchannel.model import Actor, Article, DateSpan, Event, Evidence
from backchannel.store import Store, StoredArticle, database_url, open_store

PG_URL = os.environ.get("BACKCHANNEL_TEST_PG_URL")
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@contextmanager
def _pg_schema() -> Iterator[str]:
    """A URL to a fresh, empty schema of the test server, dropped afterwards."""
    if not PG_URL:
        pytest.skip("set BACKCHANNEL_TEST_PG_URL to run the PostgreSQL tests")
    schema = f"bc_test_{uuid.uuid4().hex[:12]}"
    url = database_url(PG_URL)
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@contextmanager
def location(backend: str, tmp_path: Path) -> Iterator[str]:
    """Where a fresh store lives: a SQLite file, or an empty PostgreSQL schema."""
    if backend == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with _pg_schema() as url:
        yield url


@contextmanager
def opened(backend: str, tmp_path: Path) -> Iterator[Store]:
    """A fresh store on ``backend``. Each module's ``store`` fixture is parametrised over
    ``BACKENDS`` and opens one with this (the fixture belongs in conftest.py; see the report)."""
    with location(backend, tmp_path) as url, open_store(url) as store:
        yield store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with opened(request.param, tmp_path) as fresh:
        yield fresh


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (FTS5 shadow tables included), in a stable order."""
    with store.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {
            name: sorted((tuple(row) for row in conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
            for name in sorted(names)
        }


# ---------------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------------

MILLEY = Actor("Mark Milley", "Army Gen. Mark Milley", "USA", "MIL", "Chairman", "mark-milley")
GERASIMOV = Actor("Valery Gerasimov", "Gen. Valery Gerasimov", "RUS", "MIL", "Chief", "valery-gerasimov")
BLINKEN = Actor("Antony Blinken", "Secretary of State Antony Blinken", "USA", "GOV", None, "antony-blinken")
LAVROV = Actor("Sergei Lavrov", "Russia’s foreign minister", "RUS", "GOV", None, "sergei-lavrov")
RUSSIAN_FORCES = Actor(None, "Russian forces", "RUS", "MIL")
UKRAINE = Actor(None, "Ukraine", "UKR", "GOV")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(start: str | None, end: str | None = None) -> DateSpan:
    if start is None:
        return DateSpan.unknown()
    first, last = day(start), day(end or start)
    return DateSpan(first, last, "day" if first == last else "week", None, "explicit")


def make_event(
    event_id: str,
    article_id: str = "a1",
    event_type: str = "CONSULT",
    actors: tuple[Actor, ...] = (MILLEY, GERASIMOV),
    recipients: tuple[Actor, ...] = (),
    date: DateSpan | None = None,
    status: str = "occurred",
    cluster_id: str = "",
) -> Event:
    return Event(
        id=event_id,
        article_id=article_id,
        event_type=event_type,
        mode=None,
        contexts=["military"],
        status=status,  # type: ignore[arg-type]
        actors=list(actors),
        recipients=list(recipients),
        initiator=None,
        date=date or span("2021-09-22"),
        location=None,
        attribution=None,
        evidence=Evidence("met", 0, 3),
        confidence=0.9,
        cluster_id=cluster_id,
    )


def make_item(
    article_id: str, text_: str, *events: Event, title: str | None = None, outlet: str | None = None
) -> StoredArticle:
    article = Article(id=article_id, text=text_, title=title, outlet=outlet, published="2021-09-23")
    return StoredArticle(article, span("2021-09-23"), None, list(events))


# ---------------------------------------------------------------------------------------------
# Tests: opening
# ---------------------------------------------------------------------------------------------


def test_store_backends_fixture_gives_an_empty_store(store: Store) -> None:
    assert store.count_articles() == 0
    assert store.events() == []
    assert store.clusters() == []


def test_store_backends_plain_path_is_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with open_store(str(path)) as store:
        assert store.engine.dialect.name == "sqlite"
        assert store.name == str(path)
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def test_store_backends_sqlite_url_and_memory(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'url.db'}") as store:
        assert store.engine.dialect.name == "sqlite"
    assert (tmp_path / "url.db").exists()
    with open_store(":memory:") as store:
        store.ingest([make_item("m1", "kept in memory")])
        assert store.count_articles() == 1


def test_store_backends_postgres_urls_use_psycopg() -> None:
    for given in ("postgresql://u:secret@db.example/bc", "postgres://u:secret@db.example/bc"):
        url = database_url(given)
        assert url.drivername == "postgresql+psycopg"
        assert url.password == "secret" and url.database == "bc"
    assert database_url("postgresql+psycopg://u@h/bc").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("given", ["mysql://u@h/db", "oracle://x", "sqlite+aiosqlite:///x.db"])
def test_store_backends_unsupported_url_is_a_store_error(given: str) -> None:
    with pytest.raises(StoreError, match="unsupported database") as caught:
        open_store(given)
    assert "\n" not in str(caught.value)


def test_store_backends_sqlite_pragmas(tmp_path: Path) -> None:
    with open_store(tmp_path / "pragmas.db") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_store_backends_closed_store_says_so(tmp_path: Path) -> None:
    store = open_store(tmp_path / "closed.db")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count_articles()
