"""Initial schema: users, sessions, question snapshots, session questions, attempts.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "question_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("round", sa.String(length=32), nullable=False),
        sa.Column("bank", sa.String(length=120), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_snapshots")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_question_snapshots_content_hash")),
    )
    op.create_index(op.f("ix_question_snapshots_question_id"), "question_snapshots",
                    ["question_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("round", sa.String(length=32), nullable=False),
        sa.Column("rounds", sa.String(length=200), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("app_version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    op.create_index(op.f("ix_sessions_user_id"), "sessions", ["user_id"])
    op.create_index(op.f("ix_sessions_started_at"), "sessions", ["started_at"])
    op.create_table(
        "session_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("round", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_session_questions_session_id_sessions")),
        sa.ForeignKeyConstraint(["snapshot_id"], ["question_snapshots.id"],
                                name=op.f("fk_session_questions_snapshot_id_question_snapshots")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_questions")),
        sa.UniqueConstraint("session_id", "position",
                            name=op.f("uq_session_questions_session_id")),
    )
    op.create_index(op.f("ix_session_questions_session_id"), "session_questions", ["session_id"])
    op.create_index(op.f("ix_session_questions_snapshot_id"), "session_questions",
                    ["snapshot_id"])
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("session_question_id", sa.Integer(), nullable=False),
        sa.Column("attempt_no", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("band", sa.String(length=16), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("hints_used", sa.Integer(), nullable=False),
        sa.Column("hint_penalty", sa.Float(), nullable=False),
        sa.Column("elapsed", sa.Float(), nullable=False),
        sa.Column("time_limit", sa.Integer(), nullable=False),
        sa.Column("followups", sa.JSON(), nullable=False),
        sa.Column("concluded", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_attempts_session_id_sessions")),
        sa.ForeignKeyConstraint(["session_question_id"], ["session_questions.id"],
                                ondelete="CASCADE",
                                name=op.f("fk_attempts_session_question_id_session_questions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
        sa.UniqueConstraint("session_question_id", "attempt_no",
                            name=op.f("uq_attempts_session_question_id")),
    )
    op.create_index(op.f("ix_attempts_session_id"), "attempts", ["session_id"])
    op.create_index(op.f("ix_attempts_session_question_id"), "attempts",
                    ["session_question_id"])


def downgrade() -> None:
    op.drop_table("attempts")
    op.drop_table("session_questions")
    op.drop_table("sessions")
    op.drop_table("question_snapshots")
    op.drop_table("users")
