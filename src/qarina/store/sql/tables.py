"""Every table module, imported for its side effect of declaring tables on ``metadata``.

Migrations (and schema checks) import this one module so that no table is forgotten.
"""

from __future__ import annotations

from qarina.store.sql import accounts, cases, custody_tables, fulltext, schema
from qarina.store.sql.metadata import metadata

MODULES = (schema, custody_tables, fulltext, cases, accounts)


def append_only_tables() -> list[str]:
    """Names of all tables whose rows may never change, sorted."""
    names: set[str] = set(schema.APPEND_ONLY)
    names.update(custody_tables.CUSTODY_APPEND_ONLY, cases.APPEND_ONLY, accounts.APPEND_ONLY)
    return sorted(names)


__all__ = ["MODULES", "append_only_tables", "metadata"]
