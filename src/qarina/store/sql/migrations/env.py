"""Alembic environment: runs migrations on the connection handed over by ``migrate.py``."""

from __future__ import annotations

from alembic import context

from qarina.store.sql.tables import metadata  # declares every table

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run Qarina migrations through qarina.store.sql.migrate.upgrade()")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
