"""Small originals built at test time: PDFs written by hand, JPEGs with EXIF, HTML pages."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image
from PIL.ExifTags import IFD
from PIL.TiffImagePlugin import IFDRational
from pypdf import PdfReader, PdfWriter


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(pages: list[str], title: str | None = None) -> bytes:
    """A valid PDF with one Helvetica text line per page (ASCII text only)."""
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    font_id = 3 + 2 * count
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({_escape(text)}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info_ref = b""
    if title is not None:
        objects.append(f"<< /Title ({_escape(title)}) >>".encode("latin-1"))
        info_ref = f" /Info {len(objects)} 0 R".encode()
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info_ref))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def encrypted_pdf_bytes(text: str, user_password: str, algorithm: str = "AES-256") -> bytes:
    """A PDF of one page encrypted with ``user_password`` (empty: restrictions only)."""
    writer = PdfWriter()
    for page in PdfReader(BytesIO(pdf_bytes([text]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def jpeg_with_exif(
    path: Path,
    *,
    make: str = "Qarina Test Camera",
    model: str = "QT-1",
    taken: str = "2016:11:20 14:30:05",
    lat: tuple[float, float, float] = (36.0, 12.0, 0.0),
    lon: tuple[float, float, float] = (37.0, 9.0, 36.0),
    lat_ref: str = "N",
    lon_ref: str = "E",
    description: str | bytes | None = None,
) -> Path:
    """Write a small JPEG whose EXIF says camera, time taken and GPS position."""
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    if description is not None:
        exif[0x010E] = description
    exif.get_ifd(IFD.Exif)[0x9003] = taken
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[1] = lat_ref
    gps[2] = tuple(IFDRational(v) for v in lat)
    gps[3] = lon_ref
    gps[4] = tuple(IFDRational(v) for v in lon)
    Image.new("RGB", (32, 24), (120, 130, 140)).save(path, "JPEG", exif=exif)
    return path


def article_html(title: str, site: str, published: str, paragraphs: list[str]) -> str:
    """A news-like page with navigation, footer, scripts and metadata in its head."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | {site}</title>"
        f"<meta property='og:site_name' content='{site}'>"
        f"<meta property='article:published_time' content='{published}T09:00:00Z'>"
        "<script>window.tracker = 'TRACKER-CODE';</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/about'>About us</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Subscribe to our newsletter. All rights reserved.</footer></body></html>"
    )
