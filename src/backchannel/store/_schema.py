"""The tables, in SQLAlchemy Core. The same schema on SQLite and PostgreSQL.

This module describes the schema the queries are written against; the migrations in
``migrations/versions`` create it, and a test checks that the two agree. Full-text search is
dialect-specific and lives outside this metadata (see ``_dialects.py`` and the migrations).

    articles ─┬─< events ─< event_actors        clusters ─< cluster_keys
              │   (record: Event JSON)           (record: Cluster JSON)
    alerts (record: Alert JSON)    alert_marks (rule -> articles.seq read up to)

``events.record`` and ``clusters.record`` hold the full JSON of the record, which is what the
store returns; the other columns are copies kept for filtering and indexing.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    Table,
    Text,
    UniqueConstraint,
)

# The name of alembic's bookkeeping table; ours so that we can share a PostgreSQL database.
VERSION_TABLE = "backchannel_version"

# Full-text search objects: dialect-specific, created by the migrations, not in this metadata.
FTS_OBJECTS = ("articles_fts", "ix_articles_search")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

# An integer key that SQLite treats as the rowid (so VACUUM never renumbers it; the FTS index
# refers to it) and PostgreSQL as a bigint identity.
RowId = BigInteger().with_variant(Integer(), "sqlite")

articles = Table(
    "articles",
    metadata,
    Column("seq", RowId, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("title", Text),  # the display title (StoredArticle.title)
    Column("given_title", Text),  # Article.title, as given
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Text),  # Article.published, as given
    Column("pub_start", Date),
    Column("pub_end", Date),
    Column("pub_granularity", Text, nullable=False),
    Column("pub_basis", Text, nullable=False),
    Column("pub_text", Text),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("id"),
    UniqueConstraint("content_hash"),
    Index(None, "pub_start"),
)

events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("ord", Integer, nullable=False),  # position in the article's list of events
    Column("cluster_id", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("mode", Text),
    Column("status", Text, nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("granularity", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("quad", SmallInteger),  # None for an event type outside PLOVER
    Column("record", Text, nullable=False),
    UniqueConstraint("article_id", "ord"),
    Index(None, "cluster_id"),
    Index(None, "event_type", "date_start"),
    Index(None, "date_start", "date_end"),
)
# The order every event list is read in (``_queries.event_order``): a page is read off this index
# instead of sorting every match.
Index(
    "ix_events_order", events.c.date_start.is_(None), events.c.date_start, events.c.article_id, events.c.ord
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("position", Text, nullable=False),  # actor | recipient | initiator | source
    Column("ord", Integer, nullable=False),
    Column("name", Text),
    Column("text", Text, nullable=False),
    Column("country", Text),
    Column("sector", Text),
    Column("role", Text),
    Column("kb_id", Text),
    # str.casefold() of name and text: the same case-insensitive match on both databases.
    Column("name_fold", Text),
    Column("text_fold", Text, nullable=False),
    PrimaryKeyConstraint("event_id", "position", "ord"),
    Index(None, "kb_id"),
    Index(None, "name_fold"),
    Index(None, "country", "event_id"),
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", Text, primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("mode", Text),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("reports", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("record", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(None, "event_type", "date_start"),
    Index(None, "date_start", "date_end"),
)

cluster_keys = Table(
    "cluster_keys",
    metadata,
    Column("cluster_id", Text, ForeignKey("clusters.id", ondelete="CASCADE"), nullable=False),
    Column("key", Text, nullable=False),
    PrimaryKeyConstraint("cluster_id", "key"),
    Index(None, "key"),
)

# What alert rules fired (``record``: the alert as JSON), and per rule the ``articles.seq`` up to
# which it has read (see ``_alerts.py``).
alerts = Table(
    "alerts",
    metadata,
    Column("id", Text, primary_key=True),
    Column("rule", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("fired_at", DateTime(timezone=True), nullable=False),
    Column("record", Text, nullable=False),
    Index(None, "rule", "fired_at"),
)

alert_marks = Table(
    "alert_marks",
    metadata,
    Column("name", Text, primary_key=True),
    Column("seq", BigInteger, nullable=False),
)

TABLES = (articles, events, event_actors, clusters, cluster_keys, alerts, alert_marks)


# Indices on an expression, which SQLAlchemy cannot read back from SQLite: the schema test checks
# that they exist by name instead of comparing them.
EXPRESSION_INDEXES = frozenset({"ix_events_order"})


def in_metadata(name: str | None, kind: str, parents: object) -> bool:
    """alembic's ``include_name``: compare everything but full-text search, the version table
    (so that autogenerate never proposes to drop them) and the expression indices."""
    return not (name or "").startswith(FTS_OBJECTS) and name not in {VERSION_TABLE, *EXPRESSION_INDEXES}
