"""Names on mentor notes and dispute resolutions, stored at write time.

On a cohort database a member may not read the mentor's ``users`` row (row-level security),
so a note's author and a dispute's resolver are kept by name on the row itself:
``answer_notes.author_name`` and ``disputes.resolver_name``, filled from ``users.name`` for
the rows written before this revision.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answer_notes") as batch:
        batch.add_column(sa.Column("author_name", sa.String(length=200), nullable=True))
    with op.batch_alter_table("disputes") as batch:
        batch.add_column(sa.Column("resolver_name", sa.String(length=200), nullable=True))
    op.execute("UPDATE answer_notes SET author_name = "
               "(SELECT name FROM users WHERE users.id = answer_notes.author_id) "
               "WHERE author_name IS NULL")
    op.execute("UPDATE disputes SET resolver_name = "
               "(SELECT name FROM users WHERE users.id = disputes.resolved_by) "
               "WHERE resolver_name IS NULL AND resolved_by IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("disputes") as batch:
        batch.drop_column("resolver_name")
    with op.batch_alter_table("answer_notes") as batch:
        batch.drop_column("author_name")
