"""Tamper-evident custody log: RFC 6962 Merkle tree, C2SP signed checkpoints, proofs.

Modules, inside out: ``merkle`` (hashing, roots, the growing right edge), ``proofs``
(inclusion/consistency proofs and their RFC 9162 verification), ``canonical`` (RFC 8785
event bytes), ``keys`` / ``note`` / ``checkpoint`` (Ed25519 keys, signed notes and
tlog checkpoints in Go ``sumdb/note`` formats), ``stored_tree`` (hashes read back from a
``LogStore``), ``log`` (``CustodyLog``), ``memory_store`` (an in-memory ``LogStore``),
``report`` and ``verify`` (verification results as values).
"""
