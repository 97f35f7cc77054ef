"""Each built-in ingestor on well-formed originals."""

from __future__ import annotations

from pathlib import Path

import pytest

from qarina.core.errors import InputError
from qarina.ingest.formats.html import HTMLIngestor, iso_date
from qarina.ingest.formats.image import ImageIngestor
from qarina.ingest.formats.opaque import OpaqueIngestor
from qarina.ingest.formats.pdf import PDFIngestor
from qarina.ingest.formats.text import TextIngestor
from tests.unit.ingest.builders import article_html, encrypted_pdf_bytes, jpeg_with_exif, pdf_bytes

PARAGRAPHS = [
    "Government helicopters dropped chlorine on residential neighbourhoods of the city "
    "at least eight times over four weeks, according to the investigators.",
    "Witnesses described a strong smell of chlorine and difficulty breathing after the "
    "attacks, and medical workers treated dozens of patients in field clinics.",
    "The organisation called on the Security Council to impose targeted sanctions on "
    "those responsible and to refer the situation to the International Criminal Court.",
]


def test_text_utf8_with_language_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\r\n".join(PARAGRAPHS).encode())
    result = TextIngestor().extract(path)
    assert result.text == "\n".join(PARAGRAPHS)
    assert result.language == "en"
    assert result.metadata["encoding"] == "utf-8"
    assert result.processor == "text@1"
    assert result.title is None and result.warnings == ()


def test_text_arabic_cp1256(tmp_path: Path) -> None:
    arabic = "ألقت مروحيات حكومية براميل تحتوي على غاز الكلور على أحياء سكنية في مدينة حلب"
    path = tmp_path / "ar.txt"
    path.write_bytes(arabic.encode("cp1256"))
    result = TextIngestor().extract(path)
    assert (result.text, result.language, result.metadata["encoding"]) == (arabic, "ar", "cp1256")


def test_html_main_content_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        article_html("Chlorine attacks on Aleppo", "Example News", "2017-02-13", PARAGRAPHS),
        encoding="utf-8",
    )
    result = HTMLIngestor().extract(path)
    assert result.title == "Chlorine attacks on Aleppo"
    assert result.publisher == "Example News"
    assert result.published == "2017-02-13"
    assert result.language == "en"
    assert result.text is not None
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    for boilerplate in ("TRACKER-CODE", "Subscribe to our newsletter", "About us"):
        assert boilerplate not in result.text


def test_html_date_is_not_guessed_from_the_article_text(tmp_path: Path) -> None:
    page = "<html><body><article>" + "".join(
        f"<p>On 21 December 2016 the General Assembly acted. {p}</p>" for p in PARAGRAPHS
    )
    path = tmp_path / "undated.html"
    path.write_text(page + "</article></body></html>", encoding="utf-8")
    assert HTMLIngestor().extract(path).published is None


def test_html_declared_windows_arabic_charset(tmp_path: Path) -> None:
    arabic = "أعلنت الجمعية العامة إنشاء آلية دولية محايدة ومستقلة لجمع الأدلة وحفظها وتحليلها"
    page = f"<html><head><meta charset='windows-1256'></head><body><p>{arabic}</p></body></html>"
    path = tmp_path / "ar.html"
    path.write_bytes(page.encode("cp1256"))
    result = HTMLIngestor().extract(path)
    assert result.text == arabic
    assert result.metadata["encoding"] == "cp1256"
    assert result.language == "ar"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2017-02-13", "2017-02-13"), ("2017-02-30", None), ("13/02/2017", None), (None, None)],
)
def test_iso_date(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_pdf_pages_title_and_page_starts(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf_bytes(["First page (summary)", "", "Third page"], title="Report"))
    result = PDFIngestor().extract(path)
    assert result.text == "First page (summary)\n\nThird page"
    assert result.title == "Report"
    assert result.metadata["pages"] == 3
    starts = result.metadata["page_starts"]
    assert result.text[starts[2] :].startswith("Third page")


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path: Path) -> None:
    path = tmp_path / "owner-only.pdf"
    path.write_bytes(encrypted_pdf_bytes("Readable despite restrictions", ""))
    assert PDFIngestor().extract(path).text == "Readable despite restrictions"


def test_pdf_page_limit_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_bytes([f"page {i}" for i in range(5)]))
    result = PDFIngestor(max_pages=2).extract(path)
    assert result.text == "page 0\n\npage 1"
    assert result.warnings == ("only the first 2 of 5 pages were read",)


def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([""]))
    result = PDFIngestor().extract(path)
    assert result.text is None
    assert "OCR" in result.warnings[0]


def test_image_exif_camera_time_and_gps(tmp_path: Path) -> None:
    path = jpeg_with_exif(tmp_path / "p.jpg", lat_ref="S", lon_ref="W")
    result = ImageIngestor().extract(path)
    meta = result.metadata
    assert result.text is None
    assert (meta["format"], meta["width"], meta["height"]) == ("JPEG", 32, 24)
    assert (meta["make"], meta["model"]) == ("Qarina Test Camera", "QT-1")
    assert meta["taken_at"] == "2016-11-20T14:30:05"
    assert meta["gps"] == {"lat": -36.2, "lon": -37.16}


def test_png_without_exif(tmp_path: Path) -> None:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "taken near the clinic")
    path = tmp_path / "i.png"
    Image.new("L", (4, 4)).save(path, pnginfo=info)
    meta = ImageIngestor().extract(path).metadata
    assert meta["format"] == "PNG" and "gps" not in meta
    assert meta["info"] == {"Comment": "taken near the clinic"}


def test_opaque_records_size_only(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"\x00\x01\x02")
    result = OpaqueIngestor().extract(path)
    assert (result.text, result.metadata, result.processor) == (None, {"bytes": 3}, "opaque@1")
    assert not result.has_text


def test_size_limits_give_a_clear_reason(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000)
    with pytest.raises(InputError, match="over this ingestor's limit"):
        TextIngestor(max_bytes=1000).extract(path)


def test_html_short_page_falls_back_to_its_declared_language(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text("<html lang='ar-SY'><body><p>حلب</p></body></html>", encoding="utf-8")
    result = HTMLIngestor().extract(path)
    assert (result.text, result.language) == ("حلب", "ar")
    assert result.metadata["declared_language"] == "ar"


def test_html_fast_mode_keeps_the_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(article_html("T", "Site", "2017-02-13", PARAGRAPHS), encoding="utf-8")
    result = HTMLIngestor(fast=True).extract(path)
    assert result.text is not None and all(p in result.text for p in PARAGRAPHS)
    assert "TRACKER-CODE" not in result.text


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    from qarina.ingest.identify import identify
    from qarina.ingest.registry import default_registry

    path = tmp_path / "page.xhtml"
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    path.write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n"
        "<html xmlns='http://www.w3.org/1999/xhtml' lang='en'><head><title>X</title></head>"
        f"<body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    ingestor = default_registry().choose(identify(path))
    result = ingestor.extract(path)
    assert ingestor.name == "html"
    assert result.text is not None and PARAGRAPHS[0] in result.text
