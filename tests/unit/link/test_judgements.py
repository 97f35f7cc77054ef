"""Judgements: validation, JSON round trip, resolution (latest wins)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qarina.core.errors import InputError
from qarina.link.judgements import KINDS, MERGE, PARENT, SPLIT, Judgement, resolve_judgements

AT = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
refs = st.builds(
    lambda d, i: f"{d}#{i}",
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
    st.integers(0, 500),
)
instants = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@st.composite
def judgements(draw: st.DrawFn) -> Judgement:
    kind = draw(st.sampled_from(sorted(KINDS)))
    subject = draw(refs)
    other = draw(
        refs.filter(lambda r: r != subject) | (st.none() if kind == PARENT else st.nothing())
    )
    return Judgement(
        kind=kind,
        subject=subject,
        other=other,
        author=draw(st.text(min_size=1).filter(str.strip)),
        at=draw(instants),
        reason=draw(st.text()),
    )


@given(judgements())
def test_round_trip(judgement: Judgement) -> None:
    assert Judgement.from_dict(judgement.to_dict()) == judgement


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "unmerge"}, "kind"),
        ({"subject": "no-index"}, "reference"),
        ({"other": None}, "needs the other"),
        ({"other": "a#1"}, "two different"),
        ({"author": " "}, "author"),
        ({"at": datetime(2026, 1, 1)}, "timezone"),
    ],
)
def test_invalid_judgements(kwargs: dict[str, object], message: str) -> None:
    base: dict[str, object] = {
        "kind": MERGE,
        "subject": "a#1",
        "other": "b#0",
        "author": "analyst",
        "at": AT,
    }
    with pytest.raises(InputError, match=message):
        Judgement(**{**base, **kwargs})  # type: ignore[arg-type]


def test_from_dict_rejects_malformed() -> None:
    with pytest.raises(InputError, match="lacks"):
        Judgement.from_dict({"kind": MERGE})
    with pytest.raises(InputError, match="RFC 3339"):
        Judgement.from_dict(
            {"kind": MERGE, "subject": "a#1", "other": "b#1", "author": "x", "at": "yesterday"}
        )


def test_latest_judgement_per_pair_wins_and_unknown_records_are_set_aside() -> None:
    positions = {"a#0": 0, "b#0": 1, "c#0": 2}
    history = [
        Judgement(MERGE, "a#0", "b#0", "ana", AT, "same strike"),
        Judgement(SPLIT, "b#0", "a#0", "ben", AT + timedelta(hours=1), "different day"),
        Judgement(MERGE, "a#0", "gone#3", "ana", AT),
        Judgement(PARENT, "c#0", "a#0", "ana", AT),
    ]
    constraints = resolve_judgements(history, positions)
    assert constraints.must_link == []
    assert constraints.cannot_link == {0: frozenset({1}), 1: frozenset({0})}
    assert constraints.parents[2][0] == 0
    assert [j.other for j in constraints.unresolved] == ["gone#3"]
    with pytest.raises(InputError, match="Judgement values"):
        resolve_judgements([{"kind": MERGE}], positions)  # type: ignore[list-item]
