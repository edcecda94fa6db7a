"""Covering indexes for history and statistics at scale (no table changes).

The statistics read each question's best attempt and the criteria it missed. Without these
indexes SQLite reads every attempt's full row (answer and report JSON) to find a score; at
10,000 sessions that was most of ``stats``' time.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_attempts_by_session", "attempts",
     ["session_id", "skipped", "session_question_id", "score", "id"]),
    ("ix_attempts_best", "attempts", ["session_question_id", "score", "id"]),
    ("ix_criterion_results_by_attempt", "criterion_results",
     ["attempt_id", "status", "criterion_id", "label"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
