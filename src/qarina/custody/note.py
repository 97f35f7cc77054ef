"""C2SP signed notes (the format of Go's ``sumdb/note``): text, blank line, signature lines.

A note is ``text`` (UTF-8, ending in a newline, no empty line, no control characters
other than newline), then an empty line, then one line per signature:
``— NAME base64(4-byte key id || signature)``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from qarina.core.errors import IntegrityError
from qarina.custody.keys import is_valid_key_name

_DASH = "\u2014 "
MAX_SIGNATURES = 100
MAX_NOTE_BYTES = 1 << 20


class NoteError(IntegrityError):
    """A note is malformed, carries a bad signature, or no signature from a known key."""

    code = "qarina.integrity.note"


class NoteSigner(Protocol):
    """What signing a note needs."""

    @property
    def name(self) -> str: ...

    @property
    def key_id(self) -> int: ...

    def sign(self, message: bytes) -> bytes: ...


class NoteVerifier(Protocol):
    """What checking a note signature needs."""

    @property
    def name(self) -> str: ...

    @property
    def key_id(self) -> int: ...

    def verify(self, message: bytes, signature: bytes) -> bool: ...


@dataclass(frozen=True, slots=True)
class NoteSignature:
    """One signature line: who (name and key id) and the signature bytes."""

    name: str
    key_id: int
    signature: bytes


@dataclass(frozen=True, slots=True)
class OpenedNote:
    """A note whose text is vouched for by ``verified``; ``unknown`` lists other signers."""

    text: str
    verified: tuple[NoteSignature, ...]
    unknown: tuple[NoteSignature, ...]


def check_note_text(text: str) -> None:
    """Raise :class:`NoteError` unless ``text`` can be the text of a note."""
    if not text or not text.endswith("\n"):
        raise NoteError("note text must be non-empty and end with a newline")
    if text.startswith("\n") or "\n\n" in text:
        raise NoteError("note text must not contain empty lines")
    if any(ord(c) < 0x20 and c != "\n" for c in text) or "\x7f" in text:
        raise NoteError("note text must not contain control characters other than newline")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise NoteError("note text must be valid UTF-8") from exc


def sign_note(text: str, signers: Sequence[NoteSigner]) -> str:
    """The signed note for ``text``, with one signature line per signer, in order."""
    check_note_text(text)
    if not signers:
        raise NoteError("a signed note needs at least one signer")
    message = text.encode("utf-8")
    lines = []
    for signer in signers:
        if not is_valid_key_name(signer.name):
            raise NoteError(f"invalid signer name {signer.name!r}")
        blob = signer.key_id.to_bytes(4, "big") + signer.sign(message)
        lines.append(f"{_DASH}{signer.name} {base64.b64encode(blob).decode('ascii')}\n")
    return text + "\n" + "".join(lines)


def parse_note(note: str) -> tuple[str, list[NoteSignature]]:
    """Split a note into its text and its signature lines (no cryptography yet)."""
    if len(note.encode("utf-8", errors="replace")) > MAX_NOTE_BYTES:
        raise NoteError("note is larger than 1 MiB")
    split = note.rfind("\n\n")
    if split < 0:
        raise NoteError("note has no blank line before its signatures")
    text, block = note[: split + 1], note[split + 2 :]
    check_note_text(text)
    if not block.endswith("\n"):
        raise NoteError("note signatures must end with a newline")
    signatures = [_parse_signature_line(line) for line in block[:-1].split("\n")]
    if len(signatures) > MAX_SIGNATURES:
        raise NoteError(f"note has more than {MAX_SIGNATURES} signatures")
    return text, signatures


def _parse_signature_line(line: str) -> NoteSignature:
    if not line.startswith(_DASH):
        raise NoteError("note signature line does not start with an em dash and a space")
    name, _, encoded = line[len(_DASH) :].partition(" ")
    if not is_valid_key_name(name) or not encoded:
        raise NoteError("note signature line has a malformed name or no signature")
    try:
        blob = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise NoteError("note signature is not base64") from exc
    if len(blob) < 5:
        raise NoteError("note signature is too short")
    return NoteSignature(name, int.from_bytes(blob[:4], "big"), blob[4:])


def open_note(note: str, verifiers: Sequence[NoteVerifier]) -> OpenedNote:
    """Check ``note`` against known keys; raise :class:`NoteError` unless one vouches for it.

    A signature line from an unknown key is set aside (``unknown``); a line that names a
    known key but does not verify makes the whole note invalid.
    """
    text, signatures = parse_note(note)
    known = {(v.name, v.key_id): v for v in verifiers}
    message = text.encode("utf-8")
    verified: list[NoteSignature] = []
    unknown: list[NoteSignature] = []
    seen: set[tuple[str, int]] = set()
    for sig in signatures:
        key = (sig.name, sig.key_id)
        verifier = known.get(key)
        if verifier is None:
            unknown.append(sig)
            continue
        if not verifier.verify(message, sig.signature):
            raise NoteError(f"invalid signature from key {sig.name}+{sig.key_id:08x}")
        if key not in seen:
            seen.add(key)
            verified.append(sig)
    if not verified:
        raise NoteError("note has no signature from a known key")
    return OpenedNote(text, tuple(verified), tuple(unknown))
