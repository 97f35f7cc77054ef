"""Umbrella claimants narrowed to the investigative body a document names.

News often credits a finding to "the United Nations and the OPCW" or to "the OPCW" and
names the body that made it elsewhere ("the panel, known as the Joint Investigative
Mechanism"; "its Investigation and Identification Team"). When a claimant is made only of
umbrella organisations and the document names exactly one investigative body working for
all of them (``investigates_for`` in ``resources/lexicon/organizations.json``), the claim
is that body's.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from qarina.extract.claims import JOINT, members
from qarina.extract.lexicon import load_resource


@cache
def _bodies() -> dict[str, frozenset[str]]:
    """Investigative body -> the umbrella organisations it works for."""
    return {
        e["name"]: frozenset(e["investigates_for"])
        for e in load_resource("organizations")["organizations"]
        if e.get("investigates_for")
    }


def umbrella_narrowing(named: Iterable[str]) -> dict[str, str]:
    """Claimant name -> the one investigative body it stands for in this document.

    ``named`` are the organisations the document names. Only claimants that consist of
    umbrella organisations served by exactly one named body are mapped.
    """
    bodies = _bodies()
    present = [b for b in dict.fromkeys(named) if b in bodies]
    umbrellas = {u for b in present for u in bodies[b]}
    out: dict[str, str] = {}
    for size in (1, 2):
        for combo in _combinations(sorted(umbrellas), size):
            served = [b for b in present if set(combo) <= bodies[b]]
            if len(served) == 1:
                out[JOINT.join(combo)] = served[0]
                out[JOINT.join(reversed(combo))] = served[0]
    return out


def _combinations(items: list[str], size: int) -> list[tuple[str, ...]]:
    if size == 1:
        return [(x,) for x in items]
    return [(a, b) for i, a in enumerate(items) for b in items[i + 1 :]]


def narrow(name: str | None, mapping: dict[str, str]) -> str | None:
    """``name`` replaced by its investigative body when ``mapping`` has one."""
    if name is None:
        return None
    return mapping.get(name, name)


def narrow_all(names: Iterable[str], mapping: dict[str, str]) -> list[str]:
    """Each name narrowed, split into members, duplicates dropped (order kept)."""
    out = [n for name in names for n in members(mapping.get(name, name))]
    return list(dict.fromkeys(out))
