"""Perceptual hashes: a re-posted photo is linked, a different one is not."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageFilter

from qarina.core.errors import InputError
from qarina.link.media import (
    difference_hash,
    format_hash,
    hamming,
    near_duplicate_media,
    perceptual_hash,
)


def _scene(seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    coarse = rng.integers(0, 255, size=(8, 8, 3), dtype=np.uint8)
    return Image.fromarray(coarse).resize((320, 240), Image.Resampling.BICUBIC)


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def test_reposted_photo_is_close_and_other_photo_far() -> None:
    original = _scene(1)
    repost = original.resize((200, 150)).filter(ImageFilter.GaussianBlur(1))
    found = near_duplicate_media(
        {"orig.png": original, "repost.jpg": _jpeg(repost, 40), "other.jpg": _jpeg(_scene(2), 90)}
    )
    assert [(f["a"], f["b"]) for f in found] == [("orig.png", "repost.jpg")]
    assert isinstance(found[0]["distance"], int) and found[0]["distance"] <= 10
    assert hamming(perceptual_hash(original), perceptual_hash(_scene(2))) > 16
    assert hamming(difference_hash(original), difference_hash(repost)) <= 10


def test_hash_form_and_bad_input() -> None:
    assert len(format_hash(perceptual_hash(_scene(3)))) == 16
    with pytest.raises(InputError, match="not a readable image"):
        perceptual_hash(b"not an image")
