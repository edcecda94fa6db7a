"""Mentor notes with score overrides, and disputed criteria.

``answer_notes``: append-only notes on an attempt; the newest one with a score is the override
that counts (the attempt's machine score is never changed). ``disputes``: a candidate's "I
covered this" on a missed criterion, pending until a mentor accepts or rejects it.

Revision ID: 0006_mentor_notes
Revises: 0004 (re-chained after 0005 when merged)
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answer_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)",
                           name=op.f("ck_answer_notes_score_range")),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE",
                                name=op.f("fk_answer_notes_attempt_id_attempts")),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_answer_notes_author_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_notes")),
    )
    op.create_index("ix_answer_notes_latest", "answer_notes", ["attempt_id", "id"])
    op.create_index(op.f("ix_answer_notes_author_id"), "answer_notes", ["author_id"])
    op.create_table(
        "disputes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.String(length=120), nullable=False),
        sa.Column("criterion_label", sa.String(length=300), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')",
                           name=op.f("ck_disputes_status")),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE",
                                name=op.f("fk_disputes_attempt_id_attempts")),
        sa.ForeignKeyConstraint(["resolved_by"], ["users.id"], ondelete="SET NULL",
                                name=op.f("fk_disputes_resolved_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disputes")),
    )
    op.create_index("ix_disputes_by_attempt", "disputes",
                    ["attempt_id", "status", "criterion_id"])
    op.create_index(op.f("ix_disputes_status"), "disputes", ["status"])
    op.create_index(op.f("ix_disputes_resolved_by"), "disputes", ["resolved_by"])


def downgrade() -> None:
    op.drop_table("disputes")
    op.drop_table("answer_notes")
