"""Tamper evidence: every change an attacker with disk and database access can make
is caught by ``verify``, which names the check and the item or event."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from qarina.app.ingestion import Ingestion
from qarina.app.verification import verify_workspace
from qarina.app.workspace import Workspace
from qarina.custody.checkpoint import Checkpoint, sign_checkpoint
from qarina.custody.keys import generate_signer
from qarina.store.sql.custody_tables import custody_checkpoints, custody_events


def _ingested(workspace: Workspace, tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"r{n}.txt").write_text(f"Report {n}: chlorine in Sarmin on 16 March 2015.")
    Ingestion(workspace).ingest_paths([folder])
    workspace.checkpoint()
    assert verify_workspace(workspace, record=False).ok
    return [item.sha256 for item in workspace.evidence.iter_items()]


def _drop_triggers(workspace: Workspace, table: str) -> None:
    """What an attacker with database access does first."""
    with workspace.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            for op in ("update", "delete"):
                conn.execute(sa.text(f"DROP TRIGGER {table}_no_{op}"))
        else:
            conn.execute(sa.text(f"DROP TRIGGER {table}_append_only ON {table}"))


def _failing(workspace: Workspace) -> dict[str, list[str]]:
    report = verify_workspace(workspace, record=False)
    assert not report.ok
    failed: dict[str, list[str]] = {}
    for finding in report.failures:
        failed.setdefault(finding.check, []).append(finding.subject)
    return failed


def _writable(path: str) -> None:
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_one_changed_byte_in_a_blob(workspace: Workspace, tmp_path: Path) -> None:
    sha = _ingested(workspace, tmp_path)[0]
    path = workspace.blobs.path_of(sha)
    _writable(path)
    data = bytearray(Path(path).read_bytes())
    data[3] ^= 0x01
    Path(path).write_bytes(bytes(data))
    assert _failing(workspace) == {"blob-hash": [sha]}


def test_deleted_blob(workspace: Workspace, tmp_path: Path) -> None:
    sha = _ingested(workspace, tmp_path)[1]
    os.unlink(workspace.blobs.path_of(sha))
    assert _failing(workspace) == {"blob-present": [sha]}


def _edit_event(conn: sa.Connection) -> None:
    row = conn.execute(sa.select(custody_events).where(custody_events.c.leaf_index == 3)).one()
    forged = row.data.replace(b'"tester"', b'"someone"')
    assert forged != row.data
    conn.execute(
        custody_events.update().where(custody_events.c.leaf_index == 3).values(data=forged)
    )


def _delete_event(conn: sa.Connection) -> None:
    conn.execute(custody_events.delete().where(custody_events.c.leaf_index == 4))


def _swap_events(conn: sa.Connection) -> None:
    rows = {
        r.leaf_index: r
        for r in conn.execute(
            sa.select(custody_events).where(custody_events.c.leaf_index.in_([2, 5]))
        )
    }
    for here, there in ((2, 5), (5, 2)):
        conn.execute(
            custody_events.update()
            .where(custody_events.c.leaf_index == here)
            .values(data=rows[there].data, leaf_hash=rows[there].leaf_hash)
        )


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [(_edit_event, "leaf"), (_delete_event, "leaf"), (_swap_events, "leaf")],
    ids=["edit-event-row", "delete-event-row", "reorder-events"],
)
def test_event_rows_changed(
    workspace: Workspace, tmp_path: Path, tamper: Callable[[sa.Connection], None], expected: str
) -> None:
    _ingested(workspace, tmp_path)
    _drop_triggers(workspace, "custody_events")
    with workspace.engine.begin() as conn:
        tamper(conn)
    failed = _failing(workspace)
    assert any(check.startswith(expected) for check in failed), failed


def test_checkpoint_signed_by_another_key(workspace: Workspace, tmp_path: Path) -> None:
    _ingested(workspace, tmp_path)
    size = workspace.custody.size()
    impostor = generate_signer(workspace.signer.name)
    note = sign_checkpoint(
        Checkpoint(workspace.signer.name, size, workspace.custody.root()), [impostor]
    )
    with workspace.engine.begin() as conn:
        conn.execute(
            custody_checkpoints.insert().values(
                tree_size=size,
                root_hash=workspace.custody.root(),
                note=note,
                created_at="2026-11-29T09:00:00.000000Z",
            )
        )
    assert "checkpoint.signature" in _failing(workspace)


def test_checkpoint_with_the_right_key_on_an_inconsistent_tree(
    workspace: Workspace, tmp_path: Path
) -> None:
    _ingested(workspace, tmp_path)
    size = workspace.custody.size()
    forged_root = bytes(32)
    note = sign_checkpoint(
        Checkpoint(workspace.signer.name, size + 5, forged_root), [workspace.signer]
    )
    with workspace.engine.begin() as conn:
        conn.execute(
            custody_checkpoints.insert().values(
                tree_size=size + 5,
                root_hash=forged_root,
                note=note,
                created_at="2026-11-29T09:00:00.000000Z",
            )
        )
    failed = _failing(workspace)
    assert any(check.startswith("checkpoint") for check in failed), failed


def test_acquisition_row_edited_after_triggers_dropped(
    workspace: Workspace, tmp_path: Path
) -> None:
    _ingested(workspace, tmp_path)
    _drop_triggers(workspace, "acquisitions")
    with workspace.engine.begin() as conn:
        conn.execute(sa.text("UPDATE acquisitions SET original_name = 'planted.txt'"))
    assert "acquisition-logged" in _failing(workspace)
