"""Alerts: what fired (``alerts``) and how far each rule has read (``alert_marks``).

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-24

A migration is a frozen copy of the schema at its revision; it does not import ``_schema``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
    )
    op.create_index("ix_alerts_rule_fired_at", "alerts", ["rule", "fired_at"])
    op.create_table(
        "alert_marks",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_alert_marks"),
    )


def downgrade() -> None:
    op.drop_table("alert_marks")
    op.drop_index("ix_alerts_rule_fired_at", table_name="alerts")
    op.drop_table("alerts")
