"""Near-duplicate media: perceptual hashes of images, so a re-posted photo is linked.

``perceptual_hash`` is the DCT hash (pHash): grey 32×32, 2-D DCT, the 8×8 lowest
frequencies compared with their median → 64 bits. ``difference_hash`` (dHash) compares
neighbouring pixels of a grey 9×8 image. Re-encoding, resizing and mild recolouring change
few bits; a different picture changes about half. Pairs within ``MAX_DISTANCE`` bits are
reported with their Hamming distance.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from qarina.core.errors import InputError

HASHER = "phash@1"
MAX_DISTANCE = 10  # of 64 bits
_SIZE = 32
_LOW = 8

ImageInput = bytes | Path | Image.Image


def _open(image: ImageInput) -> Image.Image:
    if isinstance(image, Image.Image):
        return image
    try:
        source = io.BytesIO(image) if isinstance(image, bytes) else image
        opened = Image.open(source)
        opened.load()
        return opened
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"not a readable image: {exc}") from exc


@lru_cache(maxsize=1)
def _dct_matrix() -> npt.NDArray[np.float64]:
    n = np.arange(_SIZE)
    matrix = np.cos(np.pi * (2 * n[None, :] + 1) * n[:, None] / (2 * _SIZE))
    matrix[0] *= 1 / np.sqrt(2)
    return np.asarray(matrix * np.sqrt(2 / _SIZE), dtype=np.float64)


def _bits_to_int(bits: npt.NDArray[np.bool_]) -> int:
    value = 0
    for bit in bits.ravel():
        value = (value << 1) | int(bit)
    return value


def perceptual_hash(image: ImageInput) -> int:
    """64-bit DCT perceptual hash of an image."""
    grey = _open(image).convert("L").resize((_SIZE, _SIZE), Image.Resampling.LANCZOS)
    pixels = np.asarray(grey, dtype=np.float64)
    dct = _dct_matrix()
    low = (dct @ pixels @ dct.T)[:_LOW, :_LOW]
    return _bits_to_int(low > np.median(low))


def difference_hash(image: ImageInput) -> int:
    """64-bit difference hash: is each pixel brighter than its right neighbour."""
    grey = _open(image).convert("L").resize((_LOW + 1, _LOW), Image.Resampling.LANCZOS)
    pixels = np.asarray(grey, dtype=np.int16)
    return _bits_to_int(pixels[:, 1:] > pixels[:, :-1])


def hamming(a: int, b: int) -> int:
    """Number of differing bits."""
    return (a ^ b).bit_count()


def format_hash(value: int) -> str:
    """16 hex digits, the stored form."""
    return f"{value:016x}"


def near_duplicate_media(
    images: Mapping[str, ImageInput], max_distance: int = MAX_DISTANCE
) -> list[dict[str, object]]:
    """Pairs of image ids whose perceptual hashes differ by at most ``max_distance`` bits."""
    hashes = {key: perceptual_hash(image) for key, image in images.items()}
    keys = sorted(hashes)
    out: list[dict[str, object]] = []
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            distance = hamming(hashes[first], hashes[second])
            if distance <= max_distance:
                out.append(
                    {
                        "a": first,
                        "b": second,
                        "distance": distance,
                        "hasher": HASHER,
                        "hashes": [format_hash(hashes[first]), format_hash(hashes[second])],
                    }
                )
    return out
