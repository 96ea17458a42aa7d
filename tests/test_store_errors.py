"""Failures: each is one StoreError line that says what to do, and committed data survives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backchannel.errors import StoreError
from backchannel.store import open_store
from test_store_backends import make_event, make_item


def _refused(target: str | Path, match: str, timeout: float = 10.0) -> StoreError:
    with pytest.raises(StoreError, match=match) as caught:
        open_store(target, timeout=timeout)
    message = str(caught.value)
    assert "\n" not in message and message.strip() == message
    return caught.value


def test_store_errors_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"These are my notes, not a database.\n" * 200
    path.write_bytes(content)
    error = _refused(path, "not a SQLite database or is damaged; choose another file")
    assert error.retryable is False
    assert path.read_bytes() == content  # nothing written to someone else's file


def test_store_errors_damaged_database(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    with open_store(path) as store:
        store.ingest([make_item(f"a{i}", f"article {i} " + "words " * 400) for i in range(30)])
    with sqlite3.connect(path) as conn:  # fold the WAL in, so that the file holds everything
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 6] = b"\xff" * (page * 4)  # wreck pages 3 to 6, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged") as caught, open_store(path) as store:
        store.articles(limit=None)
        store.search("article")
    assert "\n" not in str(caught.value)


def test_store_errors_missing_folder(tmp_path: Path) -> None:
    _refused(tmp_path / "no" / "such" / "folder" / "x.db", "check that its folder exists")


def test_store_errors_directory_instead_of_file(tmp_path: Path) -> None:
    _refused(tmp_path, "cannot open")


def test_store_errors_someone_elses_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
    _refused(path, "not a backchannel store")
    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert names == {"bookmarks"}


def test_store_errors_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE backchannel_version SET version_num = '9999'")
    _refused(path, "newer backchannel; upgrade backchannel")


def test_store_errors_locked_database_is_retryable(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    with open_store(path, timeout=0.2) as store:
        store.ingest([make_item("a1", "committed before the lock", make_event("e1", "a1"))])
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process is writing
        try:
            with pytest.raises(StoreError, match="locked by another process") as caught:
                store.ingest([make_item("a2", "waits for the lock")])
            assert caught.value.retryable is True
            assert "\n" not in str(caught.value)
            assert store.count_articles() == 1  # readers are not blocked (WAL)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.ingest([make_item("a2", "waits for the lock")]).added == 1
        assert store.count_articles() == 2 and store.event("e1") is not None


def test_store_errors_unreachable_server_hides_password() -> None:
    error = _refused("postgresql://bc:hunter2@127.0.0.1:1/bc", "cannot reach", timeout=2)
    assert error.retryable is True
    assert "hunter2" not in str(error)
    assert "127.0.0.1:1" in str(error)


def test_store_errors_bad_url() -> None:
    _refused("postgresql://[::1", "cannot read the database URL|unsupported")
