"""Per-question summaries kept at write time, so statistics scale with history.

``question_summaries`` holds each attempted session question's best attempt and its counted
score; ``missed_summaries`` the criteria that attempt missed (less accepted disputes). Both
are derived data, filled here for the existing history by ``store.summaries.refresh`` and
kept by every write path afterwards. On a cohort PostgreSQL database the cohort's grants and
row-level security are applied to the new tables as well (``cohort.reapply_policies``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "question_summaries",
        sa.Column("session_question_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.String(length=32), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("best", sa.Float(), nullable=False),
        sa.Column("best_attempt_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["session_question_id"], ["session_questions.id"],
                                ondelete="CASCADE",
                                name=op.f("fk_question_summaries_session_question_id_"
                                          "session_questions")),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_question_summaries_session_id_sessions")),
        sa.PrimaryKeyConstraint("session_question_id", name=op.f("pk_question_summaries")),
    )
    op.create_index("ix_question_summaries_rounds", "question_summaries",
                    ["user_id", "session_id", "round", "best"])
    op.create_index("ix_question_summaries_tags", "question_summaries",
                    ["user_id", "snapshot_id", "best"])
    op.create_index("ix_question_summaries_session", "question_summaries",
                    ["session_id", "answered"])
    op.create_table(
        "missed_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_question_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.String(length=120), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["session_question_id"], ["session_questions.id"],
                                ondelete="CASCADE",
                                name=op.f("fk_missed_summaries_session_question_id_"
                                          "session_questions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missed_summaries")),
    )
    op.create_index("ix_missed_summaries_user", "missed_summaries",
                    ["user_id", "criterion_id", "label"])
    op.create_index(op.f("ix_missed_summaries_session_question_id"), "missed_summaries",
                    ["session_question_id"])

    from interview.store import cohort, summaries

    conn = op.get_bind()
    summaries.refresh(conn, None)
    if conn.dialect.name == "postgresql" and cohort.is_cohort(conn):
        cohort.reapply_policies(conn)


def downgrade() -> None:
    op.drop_table("missed_summaries")
    op.drop_table("question_summaries")
