"""Means and kinds of events: chemical agents, delivery platforms, event cue words.

Data: ``resources/lexicon/means.json`` (agents, deliveries, drop verbs, priorities) and
``events.json`` (attack, execution, detention and medical-facility words).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from qarina.extract.lexicon import TermHit, TermMatcher, invert, lists_matcher, load_resource

UNKNOWN_AGENT = "unknown toxic chemical"
_DROP = "dropped"


@dataclass(frozen=True, slots=True)
class EventCues:
    """Event words of one span of text, as lexicon hits."""

    attacks: list[TermHit]
    attack_nouns: list[TermHit]  # "attack", "attaques", "هجمات": an event named as such
    singular_attacks: list[TermHit]
    executions: list[TermHit]
    detention: list[TermHit]
    medical: list[TermHit]
    occasions: list[TermHit]  # "eight occasions", "huit reprises", "ثماني مرات"


@cache
def _agent_matcher() -> TermMatcher:
    data = load_resource("means")
    return TermMatcher(invert(data["agents"]), stems=invert(data["agent_stems"]))


@cache
def _delivery_matcher() -> TermMatcher:
    data = load_resource("means")
    terms = invert(data["deliveries"])
    for verb in data["drop_verbs"]:
        terms.setdefault(verb, _DROP)
    return TermMatcher(terms, stems=invert(data["delivery_stems"]))


_EVENT_LISTS = (
    "attack",
    "attack_nouns",
    "singular",
    "execution",
    "detention",
    "medical",
    "occasions",
)


@cache
def _attack_stems() -> TermMatcher:
    return TermMatcher({}, stems={s: s for s in load_resource("events")["attack_stems"]})


def find_agents(text: str, folded: str | None = None) -> list[TermHit]:
    """Chemical agents named in ``text``; ``value`` is the normalised agent."""
    return _agent_matcher().find(text, folded)


def find_deliveries(text: str, folded: str | None = None) -> list[TermHit]:
    """Delivery words; ``value`` is a delivery enum or ``"dropped"`` for drop verbs."""
    return _delivery_matcher().find(text, folded)


def find_event_cues(text: str, folded: str | None = None) -> EventCues:
    """Attack, execution, detention and medical-facility words in ``text``."""
    found = lists_matcher("events", _EVENT_LISTS).find(text, folded)
    attacks = found["attack"] + _attack_stems().find(text, folded)
    return EventCues(
        attacks=sorted(attacks, key=lambda h: h.start),
        attack_nouns=found["attack_nouns"],
        singular_attacks=found["singular"],
        executions=found["execution"],
        detention=found["detention"],
        medical=found["medical"],
        occasions=found["occasions"],
    )


def choose_agent(values: Iterable[str]) -> str | list[str] | None:
    """Named agents win over ``unknown toxic chemical``; several named agents make a list."""
    seen = list(dict.fromkeys(values))
    named = [v for v in seen if v != UNKNOWN_AGENT]
    if len(named) > 1:
        return named
    if named:
        return named[0]
    return UNKNOWN_AGENT if seen else None


def choose_delivery(values: Iterable[str]) -> str:
    """The platform wins over the munition; a drop verb alone means an aircraft."""
    present = set(values)
    for option in load_resource("means")["delivery_priority"]:
        if option in present:
            return str(option)
    return "aircraft" if _DROP in present else "unknown"
