"""Engine events: the session's live state (hints, reveals, deadline, draft) and the
attempts.after_reveal flag.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch mode): on SQLite a batch copy would drop and recreate
    # ``attempts``, and the drop cascades to ``criterion_results``.
    op.add_column("sessions", sa.Column("live_state", sa.JSON(), nullable=True))
    op.add_column("attempts", sa.Column("after_reveal", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))


def downgrade() -> None:
    # Batch mode is needed to drop columns on SQLite; it recreates ``attempts``, so run
    # downgrades with foreign keys off (criterion_results would cascade otherwise).
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("after_reveal")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("live_state")
