"""Ed25519 signing keys in the key formats of Go's ``sumdb/note`` (C2SP signed-note).

- key id: the first 4 bytes (big-endian) of SHA-256(name || 0x0A || 0x01 || public key);
- verifier key: ``NAME+HEXID+base64(0x01 || public key)``;
- signer key: ``PRIVATE+KEY+NAME+HEXID+base64(0x01 || 32-byte seed)``.

A signer key is a secret: it is written only to a file of mode 0600 and never appears in
``repr``, logs or error messages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from qarina.core.errors import InputError, UsageError

ALG_ED25519 = 0x01
_SIGNER_PREFIX = "PRIVATE+KEY+"
_HEX_ID = re.compile(r"^[0-9a-f]{8}$")


class KeyFormatError(InputError):
    """A key string or key file is malformed or inconsistent."""

    code = "qarina.input.key"


def is_valid_key_name(name: str) -> bool:
    """Key names are non-empty and contain no whitespace, control character or ``+``."""
    return (
        bool(name)
        and "+" not in name
        and not any(c.isspace() or ord(c) < 0x20 or c == "\x7f" for c in name)
    )


def compute_key_id(name: str, public_key: bytes) -> int:
    """The 32-bit key id of an Ed25519 ``public_key`` published under ``name``."""
    digest = hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([ALG_ED25519]) + public_key)
    return int.from_bytes(digest.digest()[:4], "big")


@dataclass(frozen=True, slots=True)
class Verifier:
    """A named Ed25519 public key that checks note signatures."""

    name: str
    key_id: int
    public_key: bytes

    def verify(self, message: bytes, signature: bytes) -> bool:
        """True when ``signature`` is this key's Ed25519 signature of ``message``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


class Signer:
    """A named Ed25519 private key. Its ``repr`` never shows the key."""

    __slots__ = ("_private", "key_id", "name", "public_key")

    def __init__(self, name: str, seed: bytes) -> None:
        if not is_valid_key_name(name):
            raise KeyFormatError(f"invalid key name {name!r}", hint="no spaces, no '+'")
        if len(seed) != 32:
            raise KeyFormatError("an Ed25519 seed is 32 bytes")
        self._private = Ed25519PrivateKey.from_private_bytes(seed)
        self.name = name
        self.public_key = self._private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = compute_key_id(name, self.public_key)

    def __repr__(self) -> str:
        return f"Signer(name={self.name!r}, key_id={self.key_id:08x})"

    def sign(self, message: bytes) -> bytes:
        """The Ed25519 signature of ``message``."""
        return self._private.sign(message)

    def verifier(self) -> Verifier:
        """The public half of this key."""
        return Verifier(self.name, self.key_id, self.public_key)

    def secret_key_string(self) -> str:
        """The Go-format signer key (a secret: write it only with :func:`save_signer`)."""
        seed = self._private.private_bytes_raw()
        return _SIGNER_PREFIX + _key_string(self.name, self.key_id, seed)


def _key_string(name: str, key_id: int, key: bytes) -> str:
    encoded = base64.b64encode(bytes([ALG_ED25519]) + key).decode("ascii")
    return f"{name}+{key_id:08x}+{encoded}"


def verifier_key_string(key: Verifier | Signer) -> str:
    """``NAME+HEXID+base64(0x01 || public key)`` for a verifier or a signer's public half."""
    return _key_string(key.name, key.key_id, key.public_key)


def _parse_key_string(text: str, what: str) -> tuple[str, int, bytes]:
    parts = text.split("+", 2)
    if len(parts) != 3:
        raise KeyFormatError(f"{what} must have the form NAME+HEXID+KEY")
    name, hex_id, encoded = parts
    if not is_valid_key_name(name):
        raise KeyFormatError(f"{what} has an invalid name", hint="no spaces, no '+'")
    if not _HEX_ID.match(hex_id):
        raise KeyFormatError(f"{what} key id must be 8 lower-case hex digits")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyFormatError(f"{what} key is not base64") from exc
    if base64.b64encode(raw).decode("ascii") != encoded:
        raise KeyFormatError(f"{what} key is not in canonical base64")
    if len(raw) != 33 or raw[0] != ALG_ED25519:
        raise KeyFormatError(f"{what} is not a 32-byte Ed25519 key (algorithm byte 0x01)")
    return name, int(hex_id, 16), raw[1:]


def parse_verifier_key(text: str) -> Verifier:
    """Parse ``NAME+HEXID+base64(0x01 || public key)``; the id must match the key."""
    name, key_id, public_key = _parse_key_string(text, "verifier key")
    if compute_key_id(name, public_key) != key_id:
        raise KeyFormatError("verifier key id does not match its name and public key")
    try:
        Ed25519PublicKey.from_public_bytes(public_key)
    except ValueError as exc:
        raise KeyFormatError("verifier key is not a valid Ed25519 public key") from exc
    return Verifier(name, key_id, public_key)


def parse_signer_key(text: str) -> Signer:
    """Parse a Go-format signer key ``PRIVATE+KEY+NAME+HEXID+base64(0x01 || seed)``."""
    if not text.startswith(_SIGNER_PREFIX):
        raise KeyFormatError("signer key must start with PRIVATE+KEY+")
    name, key_id, seed = _parse_key_string(text[len(_SIGNER_PREFIX) :], "signer key")
    signer = Signer(name, seed)
    if signer.key_id != key_id:
        raise KeyFormatError("signer key id does not match its name and key")
    return signer


def generate_signer(name: str) -> Signer:
    """A fresh Ed25519 signing key named ``name`` (seed from the OS random source)."""
    return Signer(name, os.urandom(32))


def save_signer(signer: Signer, path: Path) -> None:
    """Write the signer key to a new file readable by its owner only (mode 0600).

    Refuses to overwrite: losing a signing key must be a deliberate act.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError as exc:
        raise UsageError(f"key file {path} already exists", hint="remove it first") from exc
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, (signer.secret_key_string() + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def load_signer(path: Path) -> Signer:
    """Read a signer key file; refuse one that others can read or write."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError as exc:
        raise UsageError(f"key file {path} does not exist") from exc
    except OSError as exc:
        raise UsageError(f"cannot open key file {path}: {exc.strerror}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(f"key file {path} is not a regular file")
        if mode & 0o077:
            raise UsageError(
                f"key file {path} is accessible by other users (mode {mode & 0o777:o})",
                hint=f"run: chmod 600 {path}",
            )
        text = os.read(fd, 4096).decode("ascii", errors="replace").strip()
    finally:
        os.close(fd)
    try:
        return parse_signer_key(text)
    except KeyFormatError as exc:  # never echo the file content
        raise KeyFormatError(f"key file {path} holds no valid signer key: {exc.message}") from None
