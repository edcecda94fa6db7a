"""Spaced review: one FSRS card per user and question (``review_cards``).

Cards are derived data: a user who has sessions but no cards gets them rebuilt from the
history (``interview.service.review``), so downgrading loses nothing that cannot be rebuilt.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("round", sa.String(length=32), nullable=False),
        sa.Column("bank", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("card", sa.Text(), nullable=False),
        sa.Column("prev_card", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("last_score", sa.Float(), nullable=False),
        sa.Column("last_band", sa.String(length=16), nullable=False),
        sa.Column("last_rating", sa.String(length=8), nullable=False),
        sa.Column("missed", sa.JSON(), nullable=False),
        sa.Column("last_reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("last_session_id", sa.Integer(), nullable=True),
        sa.Column("last_attempt_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_review_cards_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_cards")),
        sa.UniqueConstraint("user_id", "question_id", name=op.f("uq_review_cards_user_id")),
    )
    op.create_index("ix_review_cards_user_due", "review_cards", ["user_id", "due"])


def downgrade() -> None:
    op.drop_index("ix_review_cards_user_due", table_name="review_cards")
    op.drop_table("review_cards")
