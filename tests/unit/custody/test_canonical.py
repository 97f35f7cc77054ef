"""Canonical JSON and custody event bodies: equal to RFC 8785, round-trips, bad input."""

from __future__ import annotations

import enum
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from qarina.core.clock import format_instant
from qarina.core.errors import InputError
from qarina.core.model import CustodyEvent
from qarina.custody.canonical import (
    canonical_json,
    decode_event,
    encode_event,
    encode_events,
    event_body,
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
instants = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
events = st.builds(
    CustodyEvent,
    kind=st.from_regex(r"\A[a-z][a-z0-9_]{0,20}\Z"),
    actor=st.text(min_size=1).filter(str.strip),
    at=instants,
    subject=st.none() | st.text(),
    details=st.dictionaries(st.text(), json_values, max_size=4),
)


@given(json_values)
def test_canonical_json_equals_rfc8785(value: Any) -> None:
    try:
        expected = rfc8785.dumps(value)
    except rfc8785.CanonicalizationError:
        with pytest.raises(InputError):
            canonical_json(value)
        return
    assert canonical_json(value) == expected
    assert b"\n" not in expected


@given(events, st.integers(min_value=0, max_value=2**53 - 1))
def test_event_round_trip(event: CustodyEvent, index: int) -> None:
    try:
        data = encode_event(event, index)
    except InputError:
        return  # e.g. lone surrogates in text: refused, never silently altered
    decoded = decode_event(data)
    assert decoded.index == index
    assert (decoded.kind, decoded.actor, decoded.subject) == (
        event.kind,
        event.actor,
        event.subject,
    )
    assert decoded.at == event.at
    assert encode_event(decoded, index) == data
    assert b"\n" not in data


@given(events, st.integers(min_value=0, max_value=2**53 - 1))
@settings(max_examples=400)
def test_event_bytes_equal_rfc8785_of_the_body(event: CustodyEvent, index: int) -> None:
    try:
        expected = rfc8785.dumps(event_body(event, index))
    except rfc8785.CanonicalizationError:
        with pytest.raises(InputError):
            encode_event(event, index)
        return
    assert encode_event(event, index) == expected


def test_known_encoding() -> None:
    event = CustodyEvent(
        kind="acquired",
        actor="alice",
        subject="sha256:" + "0" * 64,
        at=datetime(2017, 2, 15, 12, 0, tzinfo=timezone(timedelta(hours=3))),
        details={"name": "report\n.pdf", "é": 1, "a": [True, None]},
    )
    assert encode_event(event, 7) == (
        b'{"actor":"alice","at":"2017-02-15T09:00:00.000000Z","details":{"a":[true,null],'
        b'"name":"report\\n.pdf","\xc3\xa9":1},"index":7,"kind":"acquired",'
        b'"subject":"sha256:' + b"0" * 64 + b'","v":1}'
    )


def test_circular_values_are_refused() -> None:
    loop: dict[str, object] = {}
    loop["self"] = loop
    with pytest.raises(InputError, match="nested too deeply"):
        canonical_json(loop)


def test_string_subclasses_encode_as_their_value() -> None:
    class Kind(str, enum.Enum):  # noqa: UP042 - the mixin whose format() differs
        ACQUIRED = "acquired"

    event = CustodyEvent(
        kind=Kind.ACQUIRED, actor="a", at=datetime(2020, 1, 1, tzinfo=UTC), subject=None
    )
    plain = CustodyEvent(
        kind="acquired", actor="a", at=datetime(2020, 1, 1, tzinfo=UTC), subject=None
    )
    assert encode_event(event, 1) == encode_event(plain, 1)


def test_astral_keys_sort_by_utf16() -> None:
    value = {"\U0001f600": 1, "\ufb01": 2}
    assert canonical_json(value) == rfc8785.dumps(value)
    assert canonical_json(value).startswith(b'{"\xf0')


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "Acquired"},
        {"kind": ""},
        {"kind": "acquired\n"},
        {"kind": 3},
        {"actor": " "},
        {"at": datetime(2020, 1, 1)},
        {"at": "2020-01-01T00:00:00Z"},
        {"at": ["unhashable"]},
        {"details": {"x": float("nan")}},
        {"details": {"x": 2**60}},
        {"details": {"x": object()}},
        {"details": {"x": "\ud800"}},
    ],
)
def test_bad_events_are_refused(change: dict[str, Any]) -> None:
    fields: dict[str, Any] = {
        "kind": "acquired",
        "actor": "a",
        "at": datetime(2020, 1, 1, tzinfo=UTC),
        "subject": None,
        "details": {},
    }
    fields.update(change)
    with pytest.raises(InputError):
        encode_event(CustodyEvent(**fields), 0)


@pytest.mark.parametrize("index", [-1, True, 2**53, 1.0])
def test_bad_indexes_are_refused(index: Any) -> None:
    event = CustodyEvent(
        kind="viewed", actor="a", at=datetime(2020, 1, 1, tzinfo=UTC), subject=None
    )
    with pytest.raises(InputError):
        encode_event(event, index)


def test_non_canonical_leaves_are_refused() -> None:
    event = CustodyEvent(
        kind="viewed", actor="a", at=datetime(2020, 1, 1, tzinfo=UTC), subject=None
    )
    data = encode_event(event, 3)
    body = json.loads(data)
    for bad in (
        json.dumps(body).encode(),  # spaces
        data.replace(b'"v":1', b'"v":2'),
        data.replace(b'"index":3', b'"index":"3"'),
        data[:-1],
        b"\xff",
        json.dumps({**body, "extra": 1}, separators=(",", ":"), sort_keys=True).encode(),
        data.replace(b"00.000000Z", b"00Z"),
    ):
        with pytest.raises(InputError):
            decode_event(bad)


@given(st.lists(events, max_size=8), st.integers(min_value=0, max_value=2**40))
@settings(max_examples=200)
def test_batch_encoding_equals_rfc8785_event_by_event(
    batch: list[CustodyEvent], first: int
) -> None:
    expected: list[bytes] = []
    for offset, event in enumerate(batch):
        try:
            expected.append(rfc8785.dumps(event_body(event, first + offset)))
        except rfc8785.CanonicalizationError:
            with pytest.raises(InputError):
                encode_events(batch, first)
            return
    datas, times = encode_events(batch, first)
    assert datas == expected
    assert times == [json.loads(data)["at"] for data in datas]


@pytest.mark.parametrize(
    "zone", [UTC, timezone(timedelta(0), "UTC"), timezone(timedelta(hours=-5)), ZoneInfo("UTC")]
)
def test_every_utc_spelling_gives_the_same_bytes(zone: Any) -> None:
    instant = datetime(2016, 11, 17, 6, 30, 0, 250, tzinfo=UTC)
    event = CustodyEvent(
        kind="viewed",
        actor="a",
        at=instant.astimezone(zone),
        subject="s",
        details={"n": 1, "nested": {"b": [1.5, "x"]}},
    )
    plain = CustodyEvent(
        kind="viewed",
        actor="a",
        at=instant,
        subject="s",
        details={"n": 1, "nested": {"b": [1.5, "x"]}},
    )
    assert encode_events([event, plain], 4)[0] == [encode_event(plain, 4), encode_event(plain, 5)]
    assert encode_event(plain, 4) == rfc8785.dumps(event_body(plain, 4))


def test_one_bad_event_refuses_the_batch() -> None:
    good = CustodyEvent(kind="viewed", actor="a", at=datetime(2020, 1, 1, tzinfo=UTC), subject=None)
    bad = CustodyEvent(
        kind="viewed",
        actor="a",
        at=datetime(2020, 1, 1, tzinfo=UTC),
        subject=None,
        details={"x": "\ud800"},
    )
    with pytest.raises(InputError):
        encode_events([good, bad, good], 0)
    with pytest.raises(InputError):
        encode_events([good, good], 2**53 - 1)  # the second index is out of range


@given(st.datetimes(timezones=st.just(UTC)))
def test_event_times_are_format_instant(at: datetime) -> None:
    event = CustodyEvent(kind="viewed", actor="a", at=at, subject=None)
    assert encode_events([event], 0)[1] == [format_instant(at)]
