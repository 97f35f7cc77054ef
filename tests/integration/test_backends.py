"""The test backends themselves work: a round trip and append-only triggers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from qarina.store.sql.triggers import make_append_only


def test_append_only_trigger_rejects_update_and_delete(engine: Engine) -> None:
    meta = sa.MetaData()
    table = sa.Table("ledger", meta, sa.Column("id", sa.Integer, primary_key=True))
    meta.create_all(engine)
    with engine.begin() as conn:
        make_append_only(conn, ["ledger"])
        conn.execute(table.insert(), [{"id": 1}, {"id": 2}])
    for statement in (table.update().values(id=3), table.delete()):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as conn:
            conn.execute(statement)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 2
