"""The commands an outside verifier scripts against, run as a user would."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from qarina.custody.checkpoint import parse_checkpoint
from qarina.custody.keys import parse_verifier_key
from qarina.custody.merkle import hash_children, hash_leaf
from qarina.custody.note import open_note
from tests.e2e.conftest import Run


def _root(leaves: list[bytes]) -> bytes:
    """An independent RFC 6962 root, written here from the RFC (not Qarina's code)."""
    if len(leaves) == 1:
        return hash_leaf(leaves[0])
    split = 1
    while split * 2 < len(leaves):
        split *= 2
    return hash_children(_root(leaves[:split]), _root(leaves[split:]))


def test_init_ingest_log_checkpoint_key_verify_show(qarina: Run, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Sarin attack on Khan Shaykhun, 4 April 2017.")
    (docs / "b.html").write_text(
        "<html><title>Douma</title><body><p>Chlorine in Douma "
        "on 7 April 2018, 43 killed.</p></body></html>"
    )
    qarina("init", "ws")
    ingest = qarina("ingest", "ws", str(docs), "--json")
    summary = json.loads(ingest.stdout)
    assert summary["totals"]["preserved"] == 2

    leaves = qarina("log", "ws", "--canonical").stdout.encode().split(b"\n")[:-1]
    assert all(json.loads(leaf)["index"] == n for n, leaf in enumerate(leaves))
    note = qarina("checkpoint", "ws").stdout
    key = qarina("key", "ws").stdout.strip()
    opened = open_note(note, [parse_verifier_key(key)])
    checkpoint = parse_checkpoint(opened.text)
    # the log printed is exactly the tree the signed checkpoint commits to
    leaves = qarina("log", "ws", "--canonical").stdout.encode().split(b"\n")[:-1]
    assert checkpoint.size == len(leaves)
    assert checkpoint.root_hash == _root(leaves)

    verified = qarina("verify", "ws")
    assert "every check holds" in verified.stdout

    sha = "sha256:" + hashlib.sha256((docs / "a.txt").read_bytes()).hexdigest()
    shown = json.loads(qarina("show", "ws", sha[7:20], "--json").stdout)
    assert shown["sha256"] == sha
    assert shown["inclusion_proof"]["verified"] is True
    assert base64.b64decode(shown["inclusion_proof"]["leaf_hash"])
    hits = json.loads(qarina("search", "ws", "Douma chlorine", "--json").stdout)
    assert hits and hits[0]["item_sha256"] != sha


def test_errors_are_one_line_with_a_hint(qarina: Run, tmp_path: Path) -> None:
    done = qarina("ingest", "nowhere", str(tmp_path), check=False)
    assert done.returncode == 4
    assert "not a Qarina workspace" in done.stderr and "qarina init" in done.stderr
    qarina("init", "ws")
    again = qarina("init", "ws", check=False)
    assert again.returncode == 2 and "already exists" in again.stderr
    missing = qarina("show", "ws", "abcdef123456", check=False)
    assert missing.returncode == 3


def test_verify_fails_on_a_changed_blob(qarina: Run, tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("original bytes")
    qarina("init", "ws")
    qarina("ingest", "ws", str(tmp_path / "x.txt"))
    blob = next((tmp_path / "ws" / "blobs" / "sha256").rglob("*"))
    while blob.is_dir():
        blob = next(blob.iterdir())
    blob.chmod(0o600)
    blob.write_bytes(b"Original bytes")
    done = qarina("verify", "ws", check=False)
    assert done.returncode == 1
    assert "blob-hash" in done.stdout and blob.name in done.stdout
