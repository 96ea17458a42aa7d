"""Alembic environment for the store's schema.

The store runs this itself when it opens a database (``backchannel.store._migrate``), passing its
open connection in ``config.attributes["connection"]``; no alembic.ini is involved. To write a new
revision against a scratch database::

    from alembic import command
    from backchannel.store._migrate import alembic_config
    cfg = alembic_config(url="sqlite:///scratch.db")
    command.revision(cfg, "what changes", autogenerate=True)

then edit it by hand: keep it plain ``op`` calls, with dialect-specific DDL (full-text search)
behind ``op.get_bind().dialect.name``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from backchannel.store._schema import VERSION_TABLE, in_metadata, metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=True,  # SQLite can alter a table only by copying it
        compare_type=True,
        include_name=in_metadata,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    if context.is_offline_mode():
        raise SystemExit("backchannel migrations run against a live database only (no --sql mode)")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("give the database: alembic_config(url=...) or config.attributes['connection']")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


run()
