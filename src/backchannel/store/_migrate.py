"""Bring a database to the current schema when the store opens it.

1. Read the revision (a read, so that an up-to-date database costs one query and no lock).
2. Refuse a database that is not ours, or that a newer backchannel has written.
3. Otherwise, under the write lock, run alembic's ``upgrade head`` on our own connection.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from backchannel.errors import StoreError
from backchannel.store._schema import TABLES, VERSION_TABLE

SCRIPT_LOCATION = "backchannel.store:migrations"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An alembic Config for our migrations, with no ini file: a live connection, or a URL."""
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def head() -> str:
    """The revision this version of backchannel writes."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(conn: Connection) -> str | None:
    """The database's revision; None for a database we have not migrated."""
    context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def _check(conn: Connection, revision: str | None, dialect: str, db: str) -> None:
    """Refuse a database that is someone else's, or newer than we are."""
    if revision is not None:
        if not _known(revision):
            raise StoreError(
                f"{db} has schema revision {revision}, written by a newer backchannel; upgrade backchannel"
            )
        return
    tables = set(inspect(conn).get_table_names())
    ours = {t.name for t in TABLES}
    # A SQLite file belongs to one application; a PostgreSQL database may be shared.
    foreign = tables if dialect == "sqlite" else tables & ours
    if foreign:
        raise StoreError(
            f"{db} already holds tables ({', '.join(sorted(foreign)[:3])}) but is not a backchannel "
            "store; choose another file or database"
        )


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises one of several errors for an unknown revision
        return False


def migrate(
    read: Callable[[], AbstractContextManager[Connection]],
    write: Callable[[], AbstractContextManager[Connection]],
    dialect: str,
    db: str,
) -> None:
    with read() as conn:
        revision = current(conn)
    target = head()
    if revision == target:
        return
    with write() as conn:
        # Checked again under the lock: another process may have migrated in the meantime.
        revision = current(conn)
        _check(conn, revision, dialect, db)
        if revision != target:
            command.upgrade(alembic_config(conn), "head")
