"""Images: format, size and EXIF metadata (camera, time taken, GPS position); no text.

Only the header and metadata are read (pixels are never decoded). EXIF strings are
untrusted: they are decoded, stripped of control characters and cut to a bounded length
before they are recorded, and every such repair is reported as a warning.
"""

from __future__ import annotations

import warnings as pywarnings
from pathlib import Path
from typing import Any, ClassVar

from PIL import Image, UnidentifiedImageError
from PIL.ExifTags import IFD

from qarina.core.errors import InputError
from qarina.ingest.contract import Accepts, Extraction
from qarina.ingest.formats.exif import gps_position, taken_at, text_value
from qarina.ingest.original import check_original

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
# Base IFD tags kept, by the name we record them under.
_BASE_TAGS = {
    "make": 0x010F,
    "model": 0x0110,
    "software": 0x0131,
    "date_time": 0x0132,
    "artist": 0x013B,
    "copyright": 0x8298,
    "description": 0x010E,
}
_EXIF_TAGS = {
    "lens_model": 0xA434,
    "body_serial_number": 0xA431,
}
_INFO_SKIP = frozenset({"icc_profile", "exif", "xmp", "photoshop", "adobe", "transparency"})


def _open(path: Path) -> Image.Image:
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(f"{path.name} declares too many pixels to open safely: {exc}") from exc
    except UnidentifiedImageError as exc:
        raise InputError(f"{path.name} is not an image format Pillow can read") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise InputError(f"{path.name} is a damaged image: {exc}") from exc


def _tag_values(
    source: Any, tags: dict[str, int], out: dict[str, Any], warnings: list[str]
) -> None:
    for key, tag in tags.items():
        if tag in source:
            value = text_value(source[tag], key, warnings)
            if value:
                out[key] = value


def _info_values(info: dict[Any, Any], warnings: list[str]) -> dict[str, str]:
    """Other textual metadata (PNG text chunks, comments), bounded like EXIF strings."""
    values: dict[str, str] = {}
    for key, raw in list(info.items())[:50]:
        if not isinstance(key, str) or key.lower() in _INFO_SKIP:
            continue
        if isinstance(raw, str | bytes):
            value = text_value(raw, f"info.{key[:40]}", warnings)
            if value:
                values[key[:40]] = value
    return values


def read_image_metadata(image: Image.Image, warnings: list[str]) -> dict[str, Any]:
    """Format, size and EXIF metadata of an opened image, as JSON-compatible values."""
    metadata: dict[str, Any] = {
        "format": image.format,
        "width": image.width,
        "height": image.height,
        "mode": image.mode,
    }
    exif = image.getexif()
    _tag_values(exif, _BASE_TAGS, metadata, warnings)
    exif_ifd = exif.get_ifd(IFD.Exif)
    _tag_values(exif_ifd, _EXIF_TAGS, metadata, warnings)
    when = taken_at(exif_ifd, warnings)
    if when:
        metadata["taken_at"] = when
    position = gps_position(exif.get_ifd(IFD.GPSInfo), warnings)
    if position:
        metadata["gps"] = position
    others = _info_values(dict(image.info), warnings)
    if others:
        metadata["info"] = others
    return metadata


def _library_warnings(caught: list[pywarnings.WarningMessage]) -> list[str]:
    """Pillow's complaints about damaged metadata, once each, as our warnings."""
    messages = dict.fromkeys(" ".join(str(w.message).split())[:200] for w in caught)
    return [f"damaged metadata: {message}" for message in list(messages)[:10]]


class ImageIngestor:
    """Photographs and other raster images that Pillow reads."""

    name: ClassVar[str] = "image"
    version: ClassVar[str] = "1"
    accepts: ClassVar[Accepts] = Accepts(
        mime_types={
            "image/jpeg": 60,
            "image/png": 60,
            "image/tiff": 60,
            "image/webp": 60,
            "image/gif": 60,
            "image/bmp": 60,
        },
        extensions={".jpg": 20, ".jpeg": 20, ".png": 20, ".tif": 20, ".tiff": 20, ".webp": 20},
    )

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes

    def extract(self, path: Path) -> Extraction:
        """Metadata only; ``text`` is None."""
        check_original(path, self.max_bytes)
        warnings: list[str] = []
        with pywarnings.catch_warnings(record=True) as caught:
            pywarnings.simplefilter("always")
            with _open(path) as image:
                try:
                    metadata = read_image_metadata(image, warnings)
                except (OSError, ValueError, SyntaxError, KeyError, TypeError) as exc:
                    reason = f"{path.name} has unreadable image metadata: {exc}"
                    raise InputError(reason) from exc
        warnings.extend(_library_warnings(caught))
        return Extraction(
            processor=f"{self.name}@{self.version}",
            text=None,
            metadata=metadata,
            warnings=tuple(warnings),
        )
