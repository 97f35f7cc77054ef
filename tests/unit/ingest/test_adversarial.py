"""Hostile and broken originals: each gives a clear reason or a safe result, never a crash.

Every case runs through the same path the application uses: identify, choose, extract.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from qarina.core.errors import InputError
from qarina.ingest.contract import Extraction
from qarina.ingest.identify import identify
from qarina.ingest.registry import default_registry
from tests.unit.ingest.builders import encrypted_pdf_bytes, jpeg_with_exif, pdf_bytes


def _ingest(path: Path) -> tuple[str, Extraction]:
    ingestor = default_registry().choose(identify(path))
    return ingestor.name, ingestor.extract(path)


def _reason(path: Path) -> str:
    ingestor = default_registry().choose(identify(path))
    with pytest.raises(InputError) as caught:
        ingestor.extract(path)
    reason = str(caught.value)
    assert "\n" not in reason and path.name in reason
    return reason


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n" + os.urandom(500))
    assert "not a readable PDF" in _reason(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(pdf_bytes(["some text on the page"])[:120])
    assert "PDF" in _reason(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    for algorithm in ("AES-256", "RC4-128"):
        path = tmp_path / f"locked-{algorithm}.pdf"
        path.write_bytes(encrypted_pdf_bytes("secret witness list", "s3cret", algorithm))
        assert "needs a password" in _reason(path)


def test_empty_file_is_kept_as_opaque_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    name, result = _ingest(path)
    assert name == "opaque"
    assert result.warnings == ("the file is empty (0 bytes)",)


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.pdf", "empty.jpg"])
def test_empty_file_given_to_each_ingestor_directly(tmp_path: Path, name: str) -> None:
    from qarina.ingest.registry import load_ingestor

    path = tmp_path / name
    path.write_bytes(b"")
    for spec in (
        "text:TextIngestor",
        "html:HTMLIngestor",
        "pdf:PDFIngestor",
        "image:ImageIngestor",
    ):
        ingestor = load_ingestor(f"qarina.ingest.formats.{spec}")
        with pytest.raises(InputError, match=r"is empty \(0 bytes\)"):
            ingestor.extract(path)


def test_whitespace_only_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n  ")
    assert "only whitespace" in _reason(path)


def test_binary_named_txt_is_opaque(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(os.urandom(3000))
    name, result = _ingest(path)
    assert (name, result.text) == ("opaque", None)


def test_huge_single_line(tmp_path: Path) -> None:
    from qarina.ingest.passages import split_passages

    path = tmp_path / "line.txt"
    path.write_text("the helicopters dropped chlorine on the city and witnesses said " * 60_000)
    name, result = _ingest(path)
    assert name == "text" and result.text is not None
    passages = split_passages("sha256:" + "0" * 64, result.text, result.language)
    assert max(len(p.text) for p in passages) <= 1000
    assert result.language == "en"


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    good = "Les hélicoptères ont largué du chlore sur Alep, selon l'enquête. "
    path.write_bytes(good.encode() * 3 + b"\xc3\x28\xa0\xa1" + good.encode())
    name, result = _ingest(path)
    assert name == "text" and result.text is not None
    assert result.text.count(good.strip()) == 4
    assert any("invalid in utf-8" in w for w in result.warnings)


XSS_PAGE = """<!DOCTYPE html><html><head><title>Report<script>alert('t')</script></title>
<script>document.write('INJECTED-HEAD')</script><style>body{background:url(javascript:alert(1))}</style>
</head><body onload="alert('onload')"><article>
<p>Investigators documented eight chlorine attacks in the city over four weeks.<script>
alert('INJECTED-BODY')</script></p>
<p>Witnesses said helicopters dropped the cylinders on residential buildings at night.</p>
<img src=x onerror="alert('INJECTED-IMG')"><svg><script>alert('INJECTED-SVG')</script></svg>
<a href="javascript:alert('INJECTED-LINK')">details</a>
<iframe srcdoc="<script>alert('INJECTED-FRAME')</script>"></iframe>
<noscript>INJECTED-NOSCRIPT</noscript><template>INJECTED-TEMPLATE</template>
<p>&lt;script&gt;escaped text is text&lt;/script&gt; and stays as words.</p>
</article></body></html>"""


@pytest.mark.parametrize("page", [XSS_PAGE, "<p>short<script>alert('INJECTED-SHORT')</script></p>"])
def test_html_scripts_and_xss_payloads_never_reach_the_text(tmp_path: Path, page: str) -> None:
    path = tmp_path / "xss.html"
    path.write_text(page, encoding="utf-8")
    name, result = _ingest(path)
    assert name == "html" and result.text
    for needle in ("INJECTED", "alert(", "javascript:", "onerror", "onload", "document.write"):
        assert needle not in result.text


def test_html_title_is_kept_verbatim_as_plain_text(tmp_path: Path) -> None:
    # <title> is raw text in HTML: a browser shows these characters, it runs nothing.
    # The title is recorded as written; every output (web, report) escapes it.
    path = tmp_path / "xss.html"
    path.write_text(XSS_PAGE, encoding="utf-8")
    _name, result = _ingest(path)
    assert result.title == "Report<script>alert('t')</script>"


def test_html_without_any_text(tmp_path: Path) -> None:
    path = tmp_path / "empty-page.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    name, result = _ingest(path)
    assert (name, result.text) == ("html", None)
    assert "no readable text" in result.warnings[-1]


def test_binary_html(tmp_path: Path) -> None:
    path = tmp_path / "garbage.html"
    path.write_bytes(b"<html>" + os.urandom(5000))
    name, result = _ingest(path)  # whatever it is detected as, it must not crash
    assert name in {"html", "opaque", "text"}
    assert result.text is None or "\x00" not in result.text


HOSTILE = "<script>alert('x')</script>\x00\x1b[31mred\x07" + "A" * 5000


def test_image_with_hostile_exif_strings(tmp_path: Path) -> None:
    path = jpeg_with_exif(
        tmp_path / "hostile.jpg",
        make=HOSTILE,
        model="\ud7ff\u202eevil-rtl",
        taken="9999:99:99 99:99:99",
        description=b"\xff\xfe\x00bad bytes" * 200,
    )
    name, result = _ingest(path)
    meta = result.metadata
    assert name == "image"
    assert len(meta["make"]) == 500
    assert "\x00" not in meta["make"] and "\x1b" not in meta["make"]
    assert "\x00" not in meta["description"] and len(meta["description"]) <= 500
    assert "taken_at" not in meta
    assert any("not a valid EXIF date" in w for w in result.warnings)
    assert any("control character" in w for w in result.warnings)


def test_image_with_impossible_gps(tmp_path: Path) -> None:
    path = jpeg_with_exif(tmp_path / "gps.jpg", lat=(123.0, 0.0, 0.0))
    _name, result = _ingest(path)
    assert "gps" not in result.metadata
    assert "GPS position is out of range and was not recorded" in result.warnings


def test_image_with_zero_denominator_gps(tmp_path: Path) -> None:
    from PIL import Image
    from PIL.ExifTags import IFD
    from PIL.TiffImagePlugin import IFDRational

    exif = Image.Exif()
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[2] = (IFDRational(36, 0), IFDRational(1, 1), IFDRational(0, 1))
    gps[4] = (IFDRational(37, 1), IFDRational(1, 1), IFDRational(0, 1))
    path = tmp_path / "zero.jpg"
    Image.new("RGB", (8, 8)).save(path, "JPEG", exif=exif)
    _name, result = _ingest(path)
    assert "gps" not in result.metadata
    assert any("GPS position" in w for w in result.warnings)


def test_truncated_jpeg(tmp_path: Path) -> None:
    whole = jpeg_with_exif(tmp_path / "whole.jpg").read_bytes()
    path = tmp_path / "cut.jpg"
    path.write_bytes(whole[:40])
    name, _result = (None, None)
    ingestor = default_registry().choose(identify(path))
    try:
        name, _result = ingestor.name, ingestor.extract(path)
    except InputError as exc:
        assert "cut.jpg" in str(exc)
    else:
        assert name in {"image", "opaque"}


def test_image_bomb_header(tmp_path: Path) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    path = tmp_path / "bomb.png"
    path.write_bytes(png)
    assert "too many pixels" in _reason(path)


def test_damaged_exif_is_reported_not_raised(tmp_path: Path) -> None:
    data = bytearray(jpeg_with_exif(tmp_path / "ok.jpg").read_bytes())
    app1 = data.find(b"Exif\x00\x00")
    data[app1 + 14 : app1 + 40] = b"\xff" * 26  # clobber the first IFD entries
    path = tmp_path / "damaged-exif.jpg"
    path.write_bytes(bytes(data))
    name, result = _ingest(path)
    assert name == "image"
    assert result.metadata["format"] == "JPEG"
    assert any(w.startswith("damaged metadata") for w in result.warnings)


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 12)):
        pos = rnd.randrange(len(out)) if out else 0
        roll = rnd.random()
        if roll < 0.6 and out:
            out[pos] = rnd.randrange(256)
        elif roll < 0.8:
            out[pos:pos] = rnd.randbytes(rnd.randint(1, 8))
        else:
            del out[pos : pos + rnd.randint(1, 50)]
    return bytes(out[: rnd.randrange(len(out) + 1)] if rnd.random() < 0.1 else out)


@pytest.mark.parametrize("seed", range(4))
def test_mutated_originals_never_crash(tmp_path: Path, seed: int) -> None:
    """Random byte damage to valid PDF, JPEG, PNG and HTML: a result or an InputError."""
    from PIL import Image

    Image.new("RGB", (6, 6)).save(tmp_path / "seed.png")
    seeds = {
        ".pdf": pdf_bytes(["First page of the report", "second"], title="Title"),
        ".jpg": jpeg_with_exif(tmp_path / "seed.jpg").read_bytes(),
        ".png": (tmp_path / "seed.png").read_bytes(),
        ".html": ("<html><body>" + "<p>Chlorine was used in the city.</p>" * 20).encode(),
    }
    rnd = random.Random(seed)
    registry = default_registry()
    for number in range(60):
        suffix, data = rnd.choice(sorted(seeds.items()))
        path = tmp_path / f"m{number}{suffix}"
        path.write_bytes(_mutate(data, rnd))
        try:
            registry.choose(identify(path)).extract(path)
        except InputError as exc:
            assert path.name in str(exc)
