"""Checkpoint bodies: serialiser round trip (property) and strict parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarina.custody.checkpoint import (
    Checkpoint,
    CheckpointError,
    format_checkpoint,
    open_checkpoint,
    parse_checkpoint,
    sign_checkpoint,
)
from qarina.custody.keys import generate_signer
from qarina.custody.note import NoteError

lines = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=30)
checkpoints = st.builds(
    Checkpoint,
    origin=lines,
    size=st.integers(min_value=0, max_value=2**63),
    root_hash=st.binary(min_size=32, max_size=32),
    extensions=st.lists(lines, max_size=3).map(tuple),
)


@given(checkpoints)
def test_checkpoint_round_trip(checkpoint: Checkpoint) -> None:
    assert parse_checkpoint(format_checkpoint(checkpoint)) == checkpoint


def test_known_body() -> None:
    body = format_checkpoint(Checkpoint("example.com/log", 8, bytes(range(32))))
    assert body == "example.com/log\n8\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"


@pytest.mark.parametrize(
    "body",
    [
        "origin\n8\n",
        "origin\n08\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
        "origin\n-1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
        "origin\n8\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n",
        "origin\n8\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n",
        "\n8\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
        "origin\n8\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n\n",
        "origin\n8\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    ],
)
def test_malformed_bodies(body: str) -> None:
    with pytest.raises(CheckpointError):
        parse_checkpoint(body)


def test_signed_checkpoint_checks_origin_and_key() -> None:
    signer = generate_signer("qarina.test/log")
    checkpoint = Checkpoint("qarina.test/log", 3, b"\x07" * 32)
    note = sign_checkpoint(checkpoint, [signer])
    assert open_checkpoint(note, [signer.verifier()], "qarina.test/log") == checkpoint
    with pytest.raises(CheckpointError, match="expected"):
        open_checkpoint(note, [signer.verifier()], "other/log")
    with pytest.raises(NoteError):
        open_checkpoint(note, [generate_signer("qarina.test/log").verifier()])
