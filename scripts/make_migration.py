"""Regenerate an Alembic revision from the current tables (development tool).

    python scripts/make_migration.py REV "message"

Autogenerates against an empty database at the previous head, then makes the output
self-contained: Qarina's column types are imported, the PostgreSQL-only GIN index is
guarded by dialect, and the append-only triggers of every append-only table are
installed at the end of ``upgrade``. Review the file before committing it.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy.dialects import sqlite

from qarina.store.sql.migrate import MIGRATIONS, _config
from qarina.store.sql.tables import append_only_tables, metadata


def expression_indexes() -> list[str]:
    """DDL of indexes over expressions, which autogenerate skips (same SQL on both backends)."""
    statements = []
    for table in metadata.sorted_tables:
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            if any(isinstance(e, sa.sql.elements.TextClause) for e in index.expressions):
                ddl = sa.schema.CreateIndex(index).compile(dialect=sqlite.dialect())
                statements.append(str(ddl).strip())
    return statements


def postprocess(path: Path) -> None:
    text = path.read_text()
    text = text.replace("qarina.store.sql.metadata.UTCDateTime(timezone=True)", "UTCDateTime()")
    text = text.replace(
        "from sqlalchemy.dialects import postgresql\n",
        "from sqlalchemy.dialects import postgresql\n\n"
        "from qarina.store.sql.metadata import UTCDateTime\n"
        "from qarina.store.sql.triggers import make_append_only\n",
    )
    text = re.sub(
        r"^(\s+)(batch_op\.(?:create|drop)_index\('ix_passage_fulltext_terms'.*)$",
        r"\1if op.get_bind().dialect.name == 'postgresql':\n\1    \2",
        text,
        flags=re.M,
    )
    text = text.replace(
        "depends_on = None\n",
        "depends_on = None\n\n# Tables that record what happened: UPDATE and DELETE are rejected.\n"
        f"APPEND_ONLY = {append_only_tables()!r}\n",
        1,
    )
    marker = "    # ### end Alembic commands ###"
    first = text.index(marker)
    extra = "".join(f"    op.execute({ddl!r})\n" for ddl in expression_indexes())
    text = (
        text[:first] + extra + "    make_append_only(op.get_bind(), APPEND_ONLY)\n" + text[first:]
    )
    path.write_text(text)


def main() -> None:
    rev, message = sys.argv[1], sys.argv[2]
    folder = tempfile.mkdtemp()
    engine = sa.create_engine(f"sqlite:///{folder}/empty.db")
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.revision(config, message=message, autogenerate=True, rev_id=rev)
    (generated,) = (MIGRATIONS / "versions").glob(f"{rev}_*.py")
    postprocess(generated)
    print(generated)


if __name__ == "__main__":
    main()
