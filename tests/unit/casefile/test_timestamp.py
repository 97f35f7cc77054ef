"""RFC 3161 tokens: a local openssl authority, and Sigstore's real staging tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from qarina.core.errors import StorageError
from qarina.custody.timestamp import (
    TimestampAuthority,
    TimestampError,
    build_request,
    request_token,
    verify_token,
)
from tests.unit.casefile.local_tsa import LocalTSA, make_tsa, serve_tsa

NOTE = b"qarina.local/test\n12\nAAAA\n\n\xe2\x80\x94 qarina.local/test abc\n"


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> LocalTSA:
    return make_tsa(tmp_path_factory.mktemp("tsa"))


def test_local_authority_token_verifies(tsa: LocalTSA) -> None:
    token = tsa.reply(build_request(NOTE))
    info = verify_token(token, NOTE, tsa.chain_pem)
    assert info.hash_algorithm == "sha256"
    assert info.policy == "1.2.3.4.1"
    assert "Qarina Test TSA" in info.tsa


def test_token_for_other_data_fails(tsa: LocalTSA) -> None:
    token = tsa.reply(build_request(NOTE))
    with pytest.raises(TimestampError, match="imprint"):
        verify_token(token, NOTE + b"x", tsa.chain_pem)


def test_token_under_another_root_fails(tsa: LocalTSA, tmp_path: Path) -> None:
    other = make_tsa(tmp_path / "other")
    token = tsa.reply(build_request(NOTE))
    with pytest.raises(TimestampError, match="signature"):
        verify_token(token, NOTE, other.chain_pem)


def test_altered_token_fails(tsa: LocalTSA) -> None:
    token = bytearray(tsa.reply(build_request(NOTE)))
    token[-10] ^= 0x01
    with pytest.raises(TimestampError):
        verify_token(bytes(token), NOTE, tsa.chain_pem)


def test_garbage_and_bad_chain_fail(tsa: LocalTSA) -> None:
    with pytest.raises(TimestampError, match="RFC 3161"):
        verify_token(b"not a token", NOTE, tsa.chain_pem)
    token = tsa.reply(build_request(NOTE))
    with pytest.raises(TimestampError, match="PEM"):
        verify_token(token, NOTE, b"nonsense")


def test_request_token_over_http(tsa: LocalTSA) -> None:
    with serve_tsa(tsa) as url:
        token = request_token(TimestampAuthority("local", url, tsa.chain_pem), NOTE)
    assert verify_token(token, NOTE, tsa.chain_pem).hash_algorithm == "sha256"


def test_unreachable_authority_is_a_clear_error(tsa: LocalTSA) -> None:
    authority = TimestampAuthority("down", "http://127.0.0.1:9/tsa", tsa.chain_pem)
    with pytest.raises(StorageError, match="did not answer"):
        request_token(authority, NOTE, timeout=2)


SIGSTAGE = "testvectors/rfc3161-sigstage"


@pytest.mark.parametrize(
    "name",
    [
        "response-sha256.tsr",
        "response-sha384.tsr",
        "response-sha512.tsr",
        "response-no-embedded-cert.tsr",
    ],
)
def test_sigstore_staging_tokens_verify(shared_dir: Path, name: str) -> None:
    folder = shared_dir / SIGSTAGE
    info = verify_token(
        (folder / name).read_bytes(), b"hello", (folder / "ts_chain.pem").read_bytes()
    )
    assert info.gen_time.year >= 2025


def test_sigstore_altered_token_is_rejected(shared_dir: Path) -> None:
    folder = shared_dir / SIGSTAGE
    chain = (folder / "ts_chain.pem").read_bytes()
    with pytest.raises(TimestampError, match="signature"):
        verify_token((folder / "response-invalid-signature.tsr").read_bytes(), b"hello", chain)
    with pytest.raises(TimestampError, match="imprint"):
        verify_token((folder / "response-sha256.tsr").read_bytes(), b"hellO", chain)
