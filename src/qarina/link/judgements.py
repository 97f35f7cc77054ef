"""Human decisions about linking, kept as an append-only list of values.

A :class:`Judgement` names incident records by their stable reference ``<doc id>#<index>``
(not by incident ids, which change when membership changes). Kinds:

* ``merge``: ``subject`` and ``other`` report the same event;
* ``split``: ``subject`` and ``other`` report different events;
* ``parent``: the incident of ``subject`` is part of the incident of ``other``
  (``other`` null: it has no parent).

For a pair judged more than once, the latest judgement in the list wins. The linker
applies judgements on every run and never undoes them (see ``clustering``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from qarina.core.clock import format_instant, parse_instant
from qarina.core.errors import InputError

MERGE = "merge"
SPLIT = "split"
PARENT = "parent"
KINDS = frozenset({MERGE, SPLIT, PARENT})
_REF = re.compile(r"^.+#\d+$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Judgement:
    """One person's decision about two incident records: who, when, why."""

    kind: str
    subject: str
    other: str | None
    author: str
    at: datetime
    reason: str = field(default="")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError(f"judgement kind must be one of {sorted(KINDS)}: {self.kind!r}")
        for ref in (self.subject, self.other):
            if ref is not None and not (isinstance(ref, str) and _REF.match(ref)):
                raise InputError(f"a record reference is '<doc id>#<index>': {ref!r}")
        if self.other is None and self.kind != PARENT:
            raise InputError(f"a {self.kind} judgement needs the other record")
        if self.other == self.subject:
            raise InputError("a judgement needs two different records")
        if not isinstance(self.author, str) or not self.author.strip():
            raise InputError("a judgement needs its author")
        if not isinstance(self.at, datetime) or self.at.tzinfo is None:
            raise InputError("a judgement's time must be a timezone-aware datetime")

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (as written to the custody log)."""
        return {
            "kind": self.kind,
            "subject": self.subject,
            "other": self.other,
            "author": self.author,
            "at": format_instant(self.at),
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Judgement:
        """Inverse of :meth:`to_dict`; raises :class:`InputError` on malformed input."""
        if not isinstance(data, Mapping):
            raise InputError("a judgement must be a JSON object")
        missing = {"kind", "subject", "author", "at"} - set(data)
        if missing:
            raise InputError(f"judgement lacks {sorted(missing)}")
        try:
            at = parse_instant(str(data["at"]))
        except ValueError as exc:
            raise InputError(f"judgement time is not RFC 3339: {data['at']!r}") from exc
        return cls(
            kind=data["kind"],
            subject=data["subject"],
            other=data.get("other"),
            author=data["author"],
            at=at,
            reason=str(data.get("reason") or ""),
        )


@dataclass(frozen=True, slots=True)
class Constraints:
    """Judgements resolved against the records of one run (positions, not references)."""

    must_link: Sequence[tuple[int, int, Judgement]]
    cannot_link: Mapping[int, frozenset[int]]
    parents: Mapping[int, tuple[int | None, Judgement]]
    unresolved: Sequence[Judgement]


def resolve_judgements(
    judgements: Sequence[Judgement], positions: Mapping[str, int]
) -> Constraints:
    """Latest judgement per pair wins; judgements naming absent records are set aside."""
    pair_verdict: dict[tuple[int, int], Judgement] = {}
    parents: dict[int, tuple[int | None, Judgement]] = {}
    unresolved: list[Judgement] = []
    for judgement in judgements:
        if not isinstance(judgement, Judgement):
            raise InputError(f"judgements must be Judgement values, not {type(judgement)!r}")
        subject = positions.get(judgement.subject)
        other = positions.get(judgement.other) if judgement.other is not None else None
        if subject is None or (judgement.other is not None and other is None):
            unresolved.append(judgement)
        elif judgement.kind == PARENT:
            parents[subject] = (other, judgement)
        else:
            assert other is not None
            pair_verdict[(min(subject, other), max(subject, other))] = judgement
    must = [(a, b, j) for (a, b), j in pair_verdict.items() if j.kind == MERGE]
    cannot: dict[int, set[int]] = {}
    for (a, b), j in pair_verdict.items():
        if j.kind == SPLIT:
            cannot.setdefault(a, set()).add(b)
            cannot.setdefault(b, set()).add(a)
    return Constraints(
        must_link=must,
        cannot_link={k: frozenset(v) for k, v in cannot.items()},
        parents=parents,
        unresolved=unresolved,
    )
