"""C2SP ``tlog-checkpoint``: the signed statement "log ORIGIN has SIZE leaves and root R".

Body: the origin line, the tree size in decimal, the base64 root hash, then optional
extension lines; every line ends with a newline. It is signed as a C2SP signed note.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass

from qarina.custody.merkle import HASH_SIZE
from qarina.custody.note import NoteError, NoteSigner, NoteVerifier, open_note, sign_note

_DECIMAL = re.compile(r"^(0|[1-9][0-9]{0,19})$")


class CheckpointError(NoteError):
    """A checkpoint body is malformed or is not for the expected log."""

    code = "qarina.integrity.checkpoint"


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The parsed body of a checkpoint."""

    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()


def format_checkpoint(checkpoint: Checkpoint) -> str:
    """The checkpoint body text (what gets signed)."""
    _check_fields(checkpoint)
    root = base64.b64encode(checkpoint.root_hash).decode("ascii")
    lines = [checkpoint.origin, str(checkpoint.size), root, *checkpoint.extensions]
    return "".join(line + "\n" for line in lines)


def _check_fields(checkpoint: Checkpoint) -> None:
    if not checkpoint.origin or "\n" in checkpoint.origin:
        raise CheckpointError("checkpoint origin must be one non-empty line")
    if checkpoint.size < 0:
        raise CheckpointError("checkpoint size must not be negative")
    if len(checkpoint.root_hash) != HASH_SIZE:
        raise CheckpointError(f"checkpoint root hash must be {HASH_SIZE} bytes")
    for line in checkpoint.extensions:
        if not line or "\n" in line:
            raise CheckpointError("checkpoint extension lines must be non-empty single lines")


def parse_checkpoint(text: str) -> Checkpoint:
    """Parse a checkpoint body; raise :class:`CheckpointError` on any deviation."""
    if not text.endswith("\n"):
        raise CheckpointError("checkpoint body must end with a newline")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise CheckpointError("checkpoint body needs origin, size and root lines")
    origin, size_text, root_text, *extensions = lines
    if not _DECIMAL.match(size_text):
        raise CheckpointError(f"checkpoint size {size_text!r} is not a decimal number")
    try:
        root = base64.b64decode(root_text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CheckpointError("checkpoint root hash is not base64") from exc
    if base64.b64encode(root).decode("ascii") != root_text:
        raise CheckpointError("checkpoint root hash is not canonical base64")
    checkpoint = Checkpoint(origin, int(size_text), root, tuple(extensions))
    _check_fields(checkpoint)
    return checkpoint


def sign_checkpoint(checkpoint: Checkpoint, signers: Sequence[NoteSigner]) -> str:
    """The signed note of ``checkpoint``."""
    return sign_note(format_checkpoint(checkpoint), signers)


def open_checkpoint(
    note: str, verifiers: Sequence[NoteVerifier], origin: str | None = None
) -> Checkpoint:
    """Verify a signed checkpoint note and return its body (``origin`` checked if given)."""
    opened = open_note(note, verifiers)
    checkpoint = parse_checkpoint(opened.text)
    if origin is not None and checkpoint.origin != origin:
        raise CheckpointError(f"checkpoint is for log {checkpoint.origin!r}, expected {origin!r}")
    return checkpoint
