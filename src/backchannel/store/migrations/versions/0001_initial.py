"""The first schema: articles, events and their participants, clusters and their keys, full-text search.

Revision ID: 0001
Revises:
Create Date: 2025-11-23

A migration is a frozen copy of the schema at its revision; it does not import ``_schema``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

SQLITE_FTS = (
    # External content: the index refers to articles.seq and keeps no copy of the text.
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
    "content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
)

# A tsvector holds at most 1 MB, so only the first 100,000 characters are indexed: far more than
# a news article, and short enough that no text can overflow it and fail its INSERT.
POSTGRES_FTS = (
    "CREATE INDEX ix_articles_search ON articles "
    "USING gin (to_tsvector('english', left(coalesce(title, '') || ' ' || text, 100000)))",
)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("seq", RowId, autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("given_title", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("published", sa.Text()),
        sa.Column("pub_start", sa.Date()),
        sa.Column("pub_end", sa.Date()),
        sa.Column("pub_granularity", sa.Text(), nullable=False),
        sa.Column("pub_basis", sa.Text(), nullable=False),
        sa.Column("pub_text", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_articles"),
        sa.UniqueConstraint("id", name="uq_articles_id"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_pub_start", "articles", ["pub_start"])

    op.create_table(
        "events",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Text(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text()),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("granularity", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("quad", sa.SmallInteger()),
        sa.Column("record", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("article_id", "ord", name="uq_events_article_id_ord"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_events_article_id_articles", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_events_cluster_id", "events", ["cluster_id"])
    op.create_index("ix_events_event_type_date_start", "events", ["event_type", "date_start"])
    op.create_index("ix_events_date_start_date_end", "events", ["date_start", "date_end"])

    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Text(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("country", sa.Text()),
        sa.Column("sector", sa.Text()),
        sa.Column("role", sa.Text()),
        sa.Column("kb_id", sa.Text()),
        sa.Column("name_fold", sa.Text()),
        sa.Column("text_fold", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "position", "ord", name="pk_event_actors"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_event_actors_event_id_events", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_event_actors_kb_id", "event_actors", ["kb_id"])
    op.create_index("ix_event_actors_name_fold", "event_actors", ["name_fold"])
    op.create_index("ix_event_actors_country", "event_actors", ["country"])

    op.create_table(
        "clusters",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text()),
        sa.Column("date_start", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_clusters"),
    )
    op.create_index("ix_clusters_event_type_date_start", "clusters", ["event_type", "date_start"])
    op.create_index("ix_clusters_date_start_date_end", "clusters", ["date_start", "date_end"])

    op.create_table(
        "cluster_keys",
        sa.Column("cluster_id", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "key", name="pk_cluster_keys"),
        sa.ForeignKeyConstraint(
            ["cluster_id"], ["clusters.id"], name="fk_cluster_keys_cluster_id_clusters", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_cluster_keys_key", "cluster_keys", ["key"])

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS if dialect == "postgresql" else ():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("cluster_keys", "clusters", "event_actors", "events", "articles"):
        op.drop_table(table)
