"""Append-only enforcement: triggers that reject UPDATE and DELETE on both backends."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION qarina_reject_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'qarina: % on append-only table % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql
"""


def append_only_statements(dialect: str, table: str) -> list[str]:
    """DDL that makes ``table`` reject UPDATE and DELETE on ``dialect``."""
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'qarina: {op} on append-only table {table} "
            "is not allowed'); END"
            for op in ("UPDATE", "DELETE")
        ]
    if dialect == "postgresql":
        return [
            _PG_FUNCTION,
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION qarina_reject_change()",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION qarina_reject_change()",
        ]
    raise ValueError(f"no append-only triggers for dialect {dialect!r}")


def make_append_only(connection: Connection, tables: list[str]) -> None:
    """Install the append-only triggers on ``tables`` through ``connection``."""
    for table in tables:
        for statement in append_only_statements(connection.dialect.name, table):
            connection.execute(sa.text(statement))
