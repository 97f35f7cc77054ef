"""Identifiers: digests for content, UUIDs for things people create."""

from __future__ import annotations

import re
import uuid

_SHA256 = re.compile(r"^sha256:[0-9a-f]{64}$")


def new_id() -> str:
    """A fresh random id for something a person or process creates (case, user, incident)."""
    return str(uuid.uuid4())


def sha256_ref(hex_digest: str) -> str:
    """Write a SHA-256 hex digest in the ``sha256:<hex>`` form used everywhere."""
    ref = f"sha256:{hex_digest.lower()}"
    if not _SHA256.match(ref):
        raise ValueError(f"not a SHA-256 hex digest: {hex_digest!r}")
    return ref


def is_sha256_ref(value: str) -> bool:
    """True for a well-formed ``sha256:<64 hex>`` reference."""
    return bool(_SHA256.match(value))


def hex_of(ref: str) -> str:
    """The hex part of a ``sha256:<hex>`` reference (raises ``ValueError`` otherwise)."""
    if not _SHA256.match(ref):
        raise ValueError(f"not a sha256 reference: {ref!r}")
    return ref.split(":", 1)[1]


def processor_ref(name: str, version: str) -> str:
    """The ``name@version`` form that every derived value names its producer by."""
    return f"{name}@{version}"
