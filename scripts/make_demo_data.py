"""Generate the binary files of the demo collection: the PDF and the JPEG with EXIF.

Run once from the repository root; the outputs are committed:

    .venv/bin/python scripts/make_demo_data.py

Needs fpdf2 (a development-only tool, not a Qarina dependency) and Pillow. Both outputs
are deterministic (fixed creation date, fixed pixels), so re-running gives the same bytes.
The texts are the project's own words; ``sources.json`` names the public sources.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw
from PIL.ExifTags import IFD
from PIL.TiffImagePlugin import IFDRational

OUT = Path(__file__).resolve().parents[1] / "src" / "qarina" / "app" / "demo_data"
WRITTEN = datetime(2026, 11, 29, tzinfo=UTC)

PDF_TITLE = "Who used chemical weapons in Syria? The Joint Investigative Mechanism in 2016"
PDF_PARAGRAPHS = [
    "Summary written for the Qarina demo collection in our own words. It is not a copy of "
    "the reports named below and it is not evidence.",
    "The OPCW-UN Joint Investigative Mechanism was created by Security Council resolution "
    "2235 of 7 August 2015 to identify those responsible for the use of chemicals as "
    "weapons in Syria, in cases where the OPCW fact-finding mission had confirmed such use.",
    "Its third report, sent to the Security Council on 24 August 2016 (document S/2016/738), "
    "examined nine cases. For two of them the mechanism found enough information to name a "
    "perpetrator: in Talmenes on 21 April 2014 and in Sarmin on 16 March 2015, a helicopter "
    "of the Syrian Arab Armed Forces dropped a device that released a toxic substance. In "
    "a third case, in Marea on 21 August 2015, it found that the Islamic State in Iraq and "
    "the Levant (ISIL) had used sulfur mustard.",
    "Its fourth report, of 21 October 2016 (document S/2016/888), added a further finding: "
    "the Syrian Arab Armed Forces were responsible for the attack in Qmenas, Idlib "
    "governorate, on 16 March 2015, where a helicopter dropped a device that released a "
    "toxic substance.",
    "These findings were later cited by human rights organisations and by governments when "
    "new reports of chlorine attacks, such as those on Aleppo in late 2016, were published.",
    "Sources summarised: OPCW-UN Joint Investigative Mechanism, third report, S/2016/738, "
    "24 August 2016, https://undocs.org/S/2016/738 ; fourth report, S/2016/888, "
    "21 October 2016, https://undocs.org/S/2016/888 ; Security Council resolution 2235 "
    "(2015), https://undocs.org/S/RES/2235(2015)",
]


def make_pdf(path: Path) -> None:
    """A two-page English PDF with a text layer and document information."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(WRITTEN)
    pdf.set_title(PDF_TITLE)
    pdf.set_author("Qarina contributors")
    pdf.set_subject("Demo collection: summary of the JIM third and fourth reports")
    pdf.set_creator("scripts/make_demo_data.py")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=15)
    pdf.multi_cell(0, 8, PDF_TITLE)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for number, paragraph in enumerate(PDF_PARAGRAPHS):
        if number == 4:
            pdf.add_page()
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(3)
    pdf.output(str(path))


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 100)


def make_jpeg(path: Path) -> None:
    """A synthetic picture (no real scene) whose EXIF names camera, time and position."""
    image = Image.new("RGB", (320, 200), (214, 206, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 120, 320, 200), fill=(150, 140, 125))
    draw.rectangle((40, 60, 120, 120), fill=(120, 110, 100))
    draw.rectangle((180, 40, 280, 120), fill=(135, 125, 112))
    exif = Image.Exif()
    exif[0x010F] = "Qarina"  # Make
    exif[0x0110] = "Demo generator 1"  # Model
    exif[0x0131] = "scripts/make_demo_data.py"  # Software
    exif[0x010E] = "Synthetic demo image made by Qarina; not a photograph, not evidence."
    exif[0x8298] = "Qarina contributors"  # Copyright
    exif_ifd = exif.get_ifd(IFD.Exif)
    exif_ifd[0x9003] = "2016:12:13 10:15:00"  # DateTimeOriginal
    exif_ifd[0x9011] = "+02:00"  # OffsetTimeOriginal
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[1], gps[2] = "N", _dms(36.2021)  # Aleppo (city centre)
    gps[3], gps[4] = "E", _dms(37.1343)
    gps[5], gps[6] = b"\x00", IFDRational(379, 1)
    image.save(path, "JPEG", quality=85, exif=exif)


def main() -> None:
    make_pdf(OUT / "jim-findings-2016.en.pdf")
    make_jpeg(OUT / "synthetic-photo-aleppo.jpg")
    print(f"wrote {OUT / 'jim-findings-2016.en.pdf'} and {OUT / 'synthetic-photo-aleppo.jpg'}")


if __name__ == "__main__":
    main()
