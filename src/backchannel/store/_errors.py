"""Database errors become one ``StoreError`` line that says what to do.

A busy (locked) database and an unreachable server are ``retryable``; a file that is not a
database, a read-only file or a schema from a newer version are not.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from backchannel.errors import StoreError

# (words in the driver's message, what we say, retryable). {db} is the database's display name.
_KNOWN: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (
        ("database is locked", "database table is locked", "database is busy"),
        "{db} is locked by another process; wait for it to finish and try again",
        True,
    ),
    (
        ("file is not a database", "malformed", "not a database"),
        "{db} is not a SQLite database or is damaged; choose another file or restore it from a backup",
        False,
    ),
    (
        ("unable to open database file",),
        "cannot open {db}; check that its folder exists and that you may write there",
        False,
    ),
    (
        ("readonly database", "read-only"),
        "{db} is read-only; make the file writable or copy it somewhere writable",
        False,
    ),
    (
        ("database or disk is full", "disk i/o error", "no space left"),
        "{db} cannot be written (disk full or failing); free some space and try again",
        True,
    ),
    (
        ("password authentication failed", "role \"", "database \"", "permission denied"),
        "{db} refused us: {reason}; check the user, password and database name in the URL",
        False,
    ),
    (
        ("connection refused", "could not connect", "timeout expired", "could not translate host",
         "connection failed", "server closed the connection", "connection is bad"),
        "cannot reach {db} ({reason}); check that the server is running and the URL is right",
        True,
    ),
    (
        ("could not serialize", "deadlock detected", "lock timeout", "canceling statement due to lock"),
        "{db} is busy with another writer; try again",
        True,
    ),
)  # fmt: skip


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0].strip() if text else type(orig).__name__


def translate(exc: BaseException, db: str) -> StoreError:
    """The StoreError for a database error, with ``retryable`` set when trying again can help."""
    reason = _reason(exc)
    low = reason.lower()
    for words, message, retryable in _KNOWN:
        if any(w in low for w in words):
            err = StoreError(message.format(db=db, reason=reason))
            err.retryable = retryable
            return err
    return StoreError(f"{db}: {reason}; if this persists, report it with the command you ran")


@contextmanager
def translated(db: str) -> Iterator[None]:
    """Run a block and turn any SQLAlchemy or driver error into a StoreError."""
    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, DBAPIError, sqlite3.Error) as exc:
        raise translate(exc, db) from exc
