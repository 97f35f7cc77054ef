"""Instants and text folding: the serialisers every custody event and search key uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarina.core.clock import FixedClock, format_instant, parse_instant
from qarina.core.textnorm import fold, fold_keep_offsets


@given(st.datetimes(timezones=st.just(UTC)))
def test_instants_round_trip_in_rfc3339(value: datetime) -> None:
    text = format_instant(value)
    assert len(text) == 27 and text.endswith("Z")
    assert parse_instant(text) == value


def test_offsets_are_converted_to_utc_and_naive_times_refused() -> None:
    plus_three = timezone(timedelta(hours=3))
    assert format_instant(datetime(2017, 2, 13, 3, 0, tzinfo=plus_three)) == (
        "2017-02-13T00:00:00.000000Z"
    )
    with pytest.raises(ValueError):
        format_instant(datetime(2017, 2, 13))


def test_fixed_clock_steps() -> None:
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=UTC), timedelta(seconds=2))
    assert (clock.now(), clock.now()) == (
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 1, 1, 0, 0, 2, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("إدلب", "ادلب"),
        ("حلَب", "حلب"),
        ("الغوطة", "الغوطه"),
        ("٢١ آب", "21 اب"),
        ("Alép", "alep"),
        ("Khan Sheikhoun", "khan sheikhoun"),
        ("ـحـلـب", "حلب"),
    ],
)
def test_fold_unifies_spelling_variants(variant: str, canonical: str) -> None:
    assert fold(variant) == canonical


@given(st.text(max_size=200))
def test_offset_keeping_fold_has_the_same_length(text: str) -> None:
    assert len(fold_keep_offsets(text)) == len(text)
