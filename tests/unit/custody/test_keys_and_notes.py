"""Signed notes and keys: Go's reference vector byte for byte, malformed keys, key files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.core.errors import UsageError
from qarina.custody.keys import (
    KeyFormatError,
    Signer,
    generate_signer,
    load_signer,
    parse_signer_key,
    parse_verifier_key,
    save_signer,
    verifier_key_string,
)
from qarina.custody.note import NoteError, open_note, parse_note, sign_note


@pytest.fixture(scope="module")
def go_vector(shared_dir: Path) -> dict[str, Any]:
    path = shared_dir / "testvectors" / "signed-note" / "go-sumdb-note.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_go_note_is_reproduced_byte_for_byte(go_vector: dict[str, Any]) -> None:
    signer = parse_signer_key(go_vector["signer_key"])
    assert signer.name == go_vector["key_name"]
    assert f"{signer.key_id:08x}" == go_vector["key_id_hex"]
    assert signer.secret_key_string() == go_vector["signer_key"]
    assert verifier_key_string(signer) == go_vector["verifier_key"]
    assert sign_note(go_vector["text"], [signer]) == go_vector["signed_note"]


def test_go_note_opens_with_its_verifier(go_vector: dict[str, Any]) -> None:
    verifier = parse_verifier_key(go_vector["verifier_key"])
    opened = open_note(go_vector["signed_note"], [verifier])
    assert opened.text == go_vector["text"]
    assert [s.name for s in opened.verified] == ["PeterNeumann"]


def test_go_malformed_verifier_keys_are_rejected(go_vector: dict[str, Any]) -> None:
    assert len(go_vector["bad_verifier_keys"]) == 5
    for bad in go_vector["bad_verifier_keys"]:
        with pytest.raises(KeyFormatError):
            parse_verifier_key(bad)


def test_published_key_ids(go_vector: dict[str, Any]) -> None:
    for key, hex_id in go_vector["published_verifier_keys"].items():
        assert f"{parse_verifier_key(key).key_id:08x}" == hex_id


def test_tampered_or_foreign_notes_fail(go_vector: dict[str, Any]) -> None:
    verifier = parse_verifier_key(go_vector["verifier_key"])
    note = go_vector["signed_note"]
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(note.replace("answer", "Answer"), [verifier])
    with pytest.raises(NoteError, match="no signature from a known key"):
        open_note(note, [generate_signer("PeterNeumann").verifier()])
    impostor = generate_signer("PeterNeumann")
    forged = sign_note(go_vector["text"], [impostor])
    with pytest.raises(NoteError):
        open_note(forged, [verifier])


@pytest.mark.parametrize(
    "note",
    [
        "no blank line\n— a AAAAAAAA\n",
        "text\n\n— a AAAAAAAA",  # no final newline
        "text\n\n- a AAAAAAAAAA==\n",  # hyphen, not em dash
        "text\n\n— a !!!!\n",
        "text\n\n— a AAAA\n",  # too short
        "text\n\n— a+b AAAAAAAAAAAAAAAA\n",
        "te\x01xt\n\n— a AAAAAAAAAAAAAAAA\n",
        "\n\n— a AAAAAAAAAAAAAAAA\n",  # empty text
    ],
)
def test_malformed_notes_fail(note: str) -> None:
    with pytest.raises(NoteError):
        parse_note(note)


def test_several_signers_and_unknown_ones() -> None:
    a, b = generate_signer("a.example"), generate_signer("b.example")
    note = sign_note("hello\n", [a, b])
    opened = open_note(note, [b.verifier()])
    assert [s.name for s in opened.verified] == ["b.example"]
    assert [s.name for s in opened.unknown] == ["a.example"]


def test_key_file_round_trip_and_permissions(tmp_path: Path) -> None:
    signer = generate_signer("qarina.test/log")
    path = tmp_path / "log.key"
    save_signer(signer, path)
    assert os.stat(path).st_mode & 0o777 == 0o600
    loaded = load_signer(path)
    assert verifier_key_string(loaded) == verifier_key_string(signer)
    with pytest.raises(UsageError, match="already exists"):
        save_signer(signer, path)
    os.chmod(path, 0o644)
    with pytest.raises(UsageError, match="accessible by other users"):
        load_signer(path)
    with pytest.raises(UsageError, match="does not exist"):
        load_signer(tmp_path / "missing.key")


def test_secrets_stay_out_of_repr_and_errors(tmp_path: Path) -> None:
    signer = generate_signer("k")
    secret = signer.secret_key_string()
    assert secret.split("+")[-1] not in repr(signer)
    path = tmp_path / "bad.key"
    path.write_text(secret[:-3] + "###\n")
    os.chmod(path, 0o600)
    with pytest.raises(KeyFormatError) as caught:
        load_signer(path)
    assert secret[-20:-3] not in str(caught.value)


@pytest.mark.parametrize(
    "key",
    [
        "",
        "PRIVATE+KEY+a+00000000",
        "PUBLIC+KEY+a+00000000+AQ==",
    ],
)
def test_malformed_signer_keys(key: str) -> None:
    with pytest.raises(KeyFormatError):
        parse_signer_key(key)


def test_signer_key_with_wrong_id_is_refused() -> None:
    good = generate_signer("x").secret_key_string()
    parts = good.split("+")
    parts[3] = f"{(int(parts[3], 16) ^ 1):08x}"
    with pytest.raises(KeyFormatError, match="does not match"):
        parse_signer_key("+".join(parts))


key_names = st.text(
    st.characters(blacklist_categories=["Cs", "Cc", "Zs", "Zl", "Zp"], blacklist_characters="+"),
    min_size=1,
    max_size=20,
).filter(lambda name: not any(c.isspace() for c in name))
note_lines = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=40)


@given(key_names, st.binary(min_size=32, max_size=32))
@settings(max_examples=50)
def test_key_strings_round_trip(name: str, seed: bytes) -> None:
    signer = Signer(name, seed)
    assert parse_signer_key(signer.secret_key_string()).key_id == signer.key_id
    verifier = parse_verifier_key(verifier_key_string(signer))
    assert verifier == signer.verifier()


@given(st.lists(note_lines, min_size=1, max_size=5), key_names)
@settings(max_examples=50)
def test_signed_notes_round_trip(lines: list[str], name: str) -> None:
    text = "".join(line + "\n" for line in lines)
    signer = generate_signer(name)
    note = sign_note(text, [signer])
    opened = open_note(note, [signer.verifier()])
    assert opened.text == text
    assert parse_note(note)[1][0].key_id == signer.key_id
