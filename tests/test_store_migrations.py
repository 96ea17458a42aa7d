"""Migrations: a fresh database gets the schema the queries expect; an up-to-date one is untouched."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, event, inspect

from backchannel.store import Store, open_store
from backchannel.store._migrate import alembic_config, current, head
from backchannel.store._schema import EXPRESSION_INDEXES, TABLES, VERSION_TABLE, in_metadata, metadata
from test_store_backends import BACKENDS, dump, location, make_event, make_item, opened


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with opened(request.param, tmp_path) as fresh:
        yield fresh


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with location(request.param, tmp_path) as url:
        yield url


def _compared(obj: Any, name: str | None, kind: str, reflected: bool, other: Any) -> bool:
    return name not in EXPRESSION_INDEXES  # checked by name below


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_store_migrations_fresh_database_matches_the_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        assert current(conn) == head()
        opts = {"include_name": in_metadata, "include_object": _compared, "compare_type": True}
        context = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(context, metadata) == []
        tables = set(inspect(conn).get_table_names())
        if store.engine.dialect.name == "sqlite":
            indexes = set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars()
            )
        else:
            indexes = set(conn.exec_driver_sql("SELECT indexname FROM pg_indexes").scalars())
    assert indexes >= EXPRESSION_INDEXES
    assert {t.name for t in TABLES} | {VERSION_TABLE} <= tables
    if store.engine.dialect.name == "sqlite":
        assert "articles_fts" in tables


@contextmanager
def _statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def test_store_migrations_up_to_date_database_is_untouched(store_url: str) -> None:
    with open_store(store_url) as store:
        store.ingest([make_item("a1", "kept", make_event("e1", "a1"))])
        before = dump(store)
    with _statements() as seen, open_store(store_url) as store:
        after = dump(store)
        assert store.event("e1") is not None
    assert after == before
    ddl = [s for s in seen if s.lstrip().split(" ", 1)[0].upper() in {"CREATE", "ALTER", "DROP", "INSERT"}]
    assert ddl == []
    assert seen  # the listener saw the reopening at all


def test_store_migrations_upgrade_head_again_is_a_no_op(store: Store) -> None:
    store.ingest([make_item("a1", "kept", make_event("e1", "a1"))])
    before = dump(store)
    with _statements() as seen, store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert dump(store) == before
    assert not [s for s in seen if s.lstrip().upper().startswith(("CREATE", "ALTER", "DROP"))]


def test_store_migrations_downgrade_then_upgrade(store: Store) -> None:
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with store.engine.connect() as conn:
        assert current(conn) is None
        left = set(inspect(conn).get_table_names()) - {VERSION_TABLE}
        assert left == set()
    with store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    store.ingest([make_item("a1", "searchable again", make_event("e1", "a1"))])
    assert [hit.article_id for hit in store.search("searchable")] == ["a1"]


def test_store_migrations_concurrent_first_opens(tmp_path: Path) -> None:
    path = tmp_path / "race.db"
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_once() -> None:
        start.wait()
        try:
            open_store(path).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_once) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(path) as store, store.engine.connect() as conn:
        assert current(conn) == head()
