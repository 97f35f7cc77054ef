"""Canonical JSON (RFC 8785, JCS) and the custody event body that becomes a log leaf.

The signed bytes are a contract of their own, separate from any API JSON: an event body
is ``{"v", "index", "kind", "actor", "at", "subject", "details"}`` in JCS form. ``index``
is the event's leaf index, so a row moved to another position no longer matches its
content. JCS escapes control characters, so canonical bytes never hold a raw newline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import rfc8785

from qarina.core.clock import format_instant, parse_instant
from qarina.core.errors import InputError
from qarina.core.model import CustodyEvent

EVENT_FORMAT_VERSION = 1
EVENT_FIELDS = frozenset({"v", "index", "kind", "actor", "at", "subject", "details"})
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")
_SAFE_INT = 2**53 - 1
_encode_string: Callable[[str], str] = json.encoder.encode_basestring
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_UTC_FORMAT = "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ"
_C_MAKE_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)
# The C encoder behind ``_ENCODER`` built once: ``_ENCODER.encode`` builds one per call.
# No circular-reference markers: it only sees values that ``_is_plain`` walked to the end.
_C_ENCODER: Any = (
    _C_MAKE_ENCODER(None, None, _encode_string, None, ":", ",", True, False, True)
    if _C_MAKE_ENCODER is not None
    else None
)


def canonical_json(value: Any) -> bytes:
    """RFC 8785 canonical UTF-8 bytes of a JSON value (``InputError`` if not representable).

    Values made only of ``dict``/``list``/``str``/``int``/``bool``/``None`` with keys in
    the Basic Multilingual Plane serialise identically through the standard library's
    encoder (same escapes, same key order), which is several times faster; everything
    else (floats, astral-plane keys, subclasses) goes through the ``rfc8785`` package.
    """
    if _is_plain_safe(value):
        text = _ENCODER.encode(value)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            data = _jcs(value)  # lone surrogates: let the reference encoder refuse them
    else:
        data = _jcs(value)
    if b"\n" in data:  # cannot happen with a correct encoder; the log format relies on it
        raise InputError("canonical JSON must not contain a raw newline")
    return data


def _encode_plain(value: Any) -> str:
    """JSON text of a value that :func:`_is_plain` accepted (the RFC 8785 text)."""
    if _C_ENCODER is None:
        return _ENCODER.encode(value)
    return "".join(_C_ENCODER(value, 0))


def _jcs(value: Any) -> bytes:
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as exc:
        raise InputError(f"value cannot be written as canonical JSON: {exc}") from exc
    except RecursionError as exc:
        raise InputError("value is nested too deeply (or circular) for canonical JSON") from exc


def _is_plain_safe(value: Any) -> bool:
    try:
        return _is_plain(value)
    except RecursionError:
        return False  # the reference encoder then reports it


def _is_plain(value: Any) -> bool:
    """True when the standard library encoder gives the RFC 8785 bytes for ``value``."""
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or not (key.isascii() or max(key) <= "\uffff"):
                return False
            if not _is_plain_scalar(item) and not _is_plain(item):
                return False
        return True
    if kind is list or kind is tuple:
        return all(_is_plain_scalar(item) or _is_plain(item) for item in value)
    return _is_plain_scalar(value)


def _is_plain_scalar(value: Any) -> bool:
    kind = type(value)
    if kind is str or value is None or kind is bool:
        return True
    return kind is int and -_SAFE_INT <= value <= _SAFE_INT


def _parse_number(text: str) -> int | float:
    """JSON numbers are IEEE doubles: integers beyond 2**53 come back as floats."""
    value = int(text)
    return value if -_SAFE_INT <= value <= _SAFE_INT else float(text)


_DECODER = json.JSONDecoder(parse_int=_parse_number)


def event_body(event: CustodyEvent, index: int) -> dict[str, Any]:
    """The JSON object that is canonicalised into the leaf for ``event`` at ``index``."""
    return {
        "v": EVENT_FORMAT_VERSION,
        "index": index,
        "kind": event.kind,
        "actor": event.actor,
        "at": _checked_time(event, index),
        "subject": event.subject,
        "details": event.details,
    }


@lru_cache(maxsize=256)
def _is_valid_kind(kind: str) -> bool:
    return _KIND.match(kind) is not None


def _checked_time(event: CustodyEvent, index: int) -> str:
    """Validate the event's fields; return its time as RFC 3339."""
    if not isinstance(event.kind, str) or not _is_valid_kind(event.kind):
        raise InputError(
            f"custody event kind {event.kind!r} is not a lower-case word",
            hint="kinds are past-tense verbs such as 'acquired' or 'exported'",
        )
    if not isinstance(event.actor, str) or not event.actor.strip():
        raise InputError("a custody event needs a non-empty actor")
    if event.subject is not None and not isinstance(event.subject, str):
        raise InputError("a custody event subject must be a string or None")
    if not isinstance(event.details, dict):
        raise InputError("custody event details must be a JSON object")
    if type(index) is not int or not 0 <= index <= _SAFE_INT:
        raise InputError(f"leaf index {index!r} is not an integer in range")
    if not isinstance(event.at, datetime):
        raise InputError("a custody event time must be a datetime")
    return _instant(event.at)


@lru_cache(maxsize=1024)
def _instant(value: datetime) -> str:
    """RFC 3339 text of an instant; cached because a batch of events usually shares one."""
    try:
        return format_instant(value)
    except (ValueError, AttributeError) as exc:
        raise InputError(f"custody event time is not a timezone-aware instant: {exc}") from exc


def encode_event(event: CustodyEvent, index: int) -> bytes:
    """Canonical bytes of ``event`` as leaf ``index``."""
    return encode_events((event,), index)[0][0]


def encode_event_with_time(event: CustodyEvent, index: int) -> tuple[bytes, str]:
    """Canonical bytes of ``event`` as leaf ``index``, and its RFC 3339 time."""
    datas, times = encode_events((event,), index)
    return datas[0], times[0]


def encode_events(
    events: Sequence[CustodyEvent], first_index: int
) -> tuple[list[bytes], list[str]]:
    """Canonical bytes and RFC 3339 times of ``events`` as leaves ``first_index``, ``+1``...

    Two parallel lists rather than a list of pairs: a million appended events then
    allocate a million fewer tuples for the garbage collector to track.

    The body's keys are fixed and sort as ``actor, at, details, index, kind, subject,
    v``; the validated fields need no escaping except the two free strings, so the bytes
    are assembled directly (the property tests compare them with ``rfc8785``). The loop
    handles the common shape inline (plain ``str`` fields, a ``datetime`` in UTC and
    flat plain details); any other event goes through the general path, which gives
    the same bytes or refuses the event.
    """
    if events:  # the indexes in between are then in range too
        _check_index(first_index)
        _check_index(first_index + len(events) - 1)
    datas: list[bytes] = []
    times: list[str] = []
    index = first_index
    for event in events:
        kind, actor, subject, details, at = (
            event.kind,
            event.actor,
            event.subject,
            event.details,
            event.at,
        )
        if (
            type(at) is datetime
            and at.tzinfo is UTC
            and type(kind) is str
            and type(actor) is str
            and (subject is None or type(subject) is str)
            and type(details) is dict
            and _is_valid_kind(kind)
            and actor.strip()
            and _is_flat_plain(details)
        ):
            at_text = _UTC_FORMAT % (  # format_instant's text, in half the time
                at.year,
                at.month,
                at.day,
                at.hour,
                at.minute,
                at.second,
                at.microsecond,
            )
            subject_json = "null" if subject is None else _encode_string(subject)
            text = (
                f'{{"actor":{_encode_string(actor)},"at":"{at_text}",'
                f'"details":{_encode_plain(details)},"index":{index},"kind":"{kind}",'
                f'"subject":{subject_json},"v":1}}'
            )
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError:  # lone surrogates: the general path refuses them
                data, at_text = _encode_general(event, index)
        else:
            data, at_text = _encode_general(event, index)
        datas.append(data)
        times.append(at_text)
        index += 1
    return datas, times


def _check_index(index: int) -> None:
    if type(index) is not int or not 0 <= index <= _SAFE_INT:
        raise InputError(f"leaf index {index!r} is not an integer in range")


def _is_flat_plain(details: dict[Any, Any]) -> bool:
    """:func:`_is_plain` for ``details``, without a call per value when they are scalars."""
    for key, item in details.items():
        if type(key) is not str or not (key.isascii() or max(key) <= "\uffff"):
            return False
        kind = type(item)
        if kind is str or item is None or kind is bool:
            continue
        if kind is int:
            if not -_SAFE_INT <= item <= _SAFE_INT:
                return False
        elif not _is_plain_safe(item):
            return False
    return True


def _encode_general(event: CustodyEvent, index: int) -> tuple[bytes, str]:
    """The bytes of any event (or ``InputError``): the whole body through the JCS encoder."""
    at = _checked_time(event, index)
    return canonical_json(event_body(event, index)), at


def decode_event(data: bytes) -> CustodyEvent:
    """Parse leaf bytes back into an event (with ``index`` set); refuse non-canonical bytes."""
    return decode_event_with_time(data)[0]


def decode_event_with_time(data: bytes) -> tuple[CustodyEvent, str]:
    """:func:`decode_event`, plus the event's time exactly as written in the bytes."""
    try:
        body = _DECODER.decode(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"custody leaf is not UTF-8 JSON: {exc}") from exc
    if not isinstance(body, dict) or set(body) != EVENT_FIELDS:
        raise InputError("custody leaf is not an event object with the expected fields")
    if body["v"] != EVENT_FORMAT_VERSION:
        raise InputError(f"unknown custody event format version {body['v']!r}")
    index, at = body["index"], body["at"]
    if type(index) is not int or not isinstance(at, str):
        raise InputError("custody leaf has a malformed index or time")
    try:
        instant = parse_instant(at)
    except ValueError as exc:
        raise InputError(f"custody leaf time {at!r} is not RFC 3339") from exc
    event = CustodyEvent(
        kind=body["kind"],
        actor=body["actor"],
        at=instant,
        subject=body["subject"],
        details=body["details"],
        index=index,
    )
    if encode_event(event, index) != data:
        raise InputError(f"custody leaf {index} is not in canonical form")
    return event, at
