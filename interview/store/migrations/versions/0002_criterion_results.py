"""Per-criterion results table and the attempts.over_time flag, backfilled from reports.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("over_time", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    op.create_table(
        "criterion_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.String(length=120), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("earned", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], ondelete="CASCADE",
                                name=op.f("fk_criterion_results_attempt_id_attempts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_criterion_results")),
    )
    op.create_index(op.f("ix_criterion_results_attempt_id"), "criterion_results",
                    ["attempt_id"])
    op.create_index(op.f("ix_criterion_results_criterion_id"), "criterion_results",
                    ["criterion_id"])
    _backfill()


def _backfill() -> None:
    conn = op.get_bind()
    attempts = sa.table("attempts", sa.column("id", sa.Integer), sa.column("report", sa.JSON),
                        sa.column("elapsed", sa.Float), sa.column("time_limit", sa.Integer),
                        sa.column("over_time", sa.Boolean))
    results = sa.table("criterion_results", sa.column("attempt_id", sa.Integer),
                       sa.column("criterion_id", sa.String), sa.column("label", sa.String),
                       sa.column("weight", sa.Float), sa.column("earned", sa.Float),
                       sa.column("status", sa.String), sa.column("source", sa.String))
    conn.execute(attempts.update().where(attempts.c.elapsed > attempts.c.time_limit)
                 .values(over_time=True))
    rows: list[dict[str, Any]] = []
    for attempt_id, report in conn.execute(sa.select(attempts.c.id, attempts.c.report)):
        if isinstance(report, str):
            report = json.loads(report)
        if not isinstance(report, dict):
            continue
        for c in report.get("criteria") or []:
            rows.append({
                "attempt_id": attempt_id, "criterion_id": str(c.get("id", ""))[:120],
                "label": str(c.get("label", ""))[:300], "weight": float(c.get("weight", 0.0)),
                "earned": float(c.get("earned", 0.0)), "status": str(c.get("status", "missed")),
                "source": str(c.get("source", "answer")),
            })
    if rows:
        conn.execute(results.insert(), rows)


def downgrade() -> None:
    op.drop_table("criterion_results")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("over_time")
