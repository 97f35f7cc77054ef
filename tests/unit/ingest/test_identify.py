"""Content-based type detection compared with the type a file name claims."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qarina.core.errors import InputError
from qarina.ingest.identify import EMPTY_MIME, OCTET_STREAM, claimed_mime_of, identify
from tests.unit.ingest.builders import jpeg_with_exif, pdf_bytes


def test_text_file_is_text_and_matches_its_name(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Helicopters dropped chlorine on Aleppo.\n", encoding="utf-8")
    found = identify(path)
    assert (found.mime, found.claimed_mime, found.extension) == ("text/plain", "text/plain", ".txt")
    assert found.matches_claim
    assert found.size == path.stat().st_size


def test_binary_named_txt_is_detected_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "looks-like-text.txt"
    path.write_bytes(os.urandom(4096))
    found = identify(path)
    assert found.mime == OCTET_STREAM
    assert found.claimed_mime == "text/plain"
    assert not found.matches_claim


def test_pdf_and_jpeg_are_recognised_whatever_their_name(tmp_path: Path) -> None:
    pdf = tmp_path / "report.bin"
    pdf.write_bytes(pdf_bytes(["hello"]))
    jpeg = jpeg_with_exif(tmp_path / "photo.txt")
    assert identify(pdf).mime == "application/pdf"
    assert identify(jpeg).mime == "image/jpeg"
    assert identify(jpeg).claimed_mime == "text/plain"


def test_original_name_gives_the_claim_for_a_digest_named_copy(tmp_path: Path) -> None:
    stored = tmp_path / "ab12cd"
    stored.write_text("<!DOCTYPE html><html><body><p>x</p></body></html>", encoding="utf-8")
    found = identify(stored, original_name="Page.HTML")
    assert (found.mime, found.claimed_mime, found.extension) == ("text/html", "text/html", ".html")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    found = identify(path)
    assert found.mime == EMPTY_MIME
    assert found.is_empty


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"cannot read missing\.txt"):
        identify(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="not a regular file"):
        identify(tmp_path)


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("a.jsonl", "application/jsonl"),
        ("b.PDF", "application/pdf"),
        ("c.jpeg", "image/jpeg"),
        ("no-extension", None),
        ("d.unknownext", None),
    ],
)
def test_claimed_mime_comes_from_the_extension(name: str, mime: str | None) -> None:
    assert claimed_mime_of(name) == mime
