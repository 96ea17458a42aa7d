"""Indices for reading under load: events in list order, participants by country and event.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

``ix_events_order`` lets a page of events (chronological, undated last) be read off an index
instead of sorting every match; ``ix_event_actors_country_event_id`` answers "has this event a
participant from this country" from the index alone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index(
        "ix_events_order",
        "events",
        [sa.text("(date_start IS NULL)"), "date_start", "article_id", "ord"],
    )
    op.drop_index("ix_event_actors_country", table_name="event_actors")
    op.create_index("ix_event_actors_country_event_id", "event_actors", ["country", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_actors_country_event_id", table_name="event_actors")
    op.create_index("ix_event_actors_country", "event_actors", ["country"])
    op.drop_index("ix_events_order", table_name="events")
