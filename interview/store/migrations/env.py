"""Alembic environment: always run by ``interview.store.db`` with a live connection."""

from __future__ import annotations

from alembic import context

from interview.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the program runs migrations
    raise RuntimeError("run migrations through interview.store.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # Two programs starting at once must not both create the tables.
        context.execute("SELECT pg_advisory_xact_lock(7342019)")
    context.run_migrations()
