"""Time comes from an injected clock so that tests and replays are deterministic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the current instant in UTC."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, always timezone-aware UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock for tests: starts at ``start`` and advances by ``step`` on every read."""

    def __init__(self, start: datetime, step: timedelta = timedelta(0)) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware start")
        self._current = start.astimezone(UTC)
        self._step = step

    def now(self) -> datetime:
        value = self._current
        self._current = value + self._step
        return value


def format_instant(value: datetime) -> str:
    """RFC 3339 UTC with microseconds and a ``Z``: the one form instants take in events."""
    if value.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_instant(text: str) -> datetime:
    """Inverse of :func:`format_instant` (accepts any RFC 3339 offset)."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"instant without timezone: {text!r}")
    return value.astimezone(UTC)
