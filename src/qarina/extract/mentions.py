"""Every typed mention of one document, found once and sliced by sentence.

:func:`read_mentions` runs each finder (dates, counts, places, organisations,
perpetrators, agents, deliveries, event and attribution cues) over the whole text once;
:class:`Mentions` then hands out the mentions that fall inside any span cheaply
(binary search on start offsets).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from qarina.extract.actors import (
    OrgMention,
    PerpetratorMention,
    find_governments,
    find_organizations,
    find_perpetrators,
)
from qarina.extract.agents import EventCues, find_agents, find_deliveries, find_event_cues
from qarina.extract.counts import CountMention, find_counts
from qarina.extract.datelines import apply_datelines
from qarina.extract.dates import DateMention, find_dates
from qarina.extract.legal import LegalRef, find_legal_refs
from qarina.extract.lexicon import TermHit, lists_matcher
from qarina.extract.places import PlaceMention, find_places
from qarina.extract.sentences import Sentence, split_sentences
from qarina.extract.tokens import fold_offsets


class Spanned(Protocol):
    """Anything with character offsets."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=Spanned)


class SpanIndex(Generic[T]):
    """Mentions sorted by start, queried by range."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items: list[T] = sorted(items, key=lambda m: m.start)
        self._starts = [m.start for m in self.items]

    def within(self, start: int, end: int) -> list[T]:
        """Mentions that start inside ``[start, end)`` and end by ``end``."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self.items[lo:hi] if m.end <= end]

    def overlapping(self, start: int, end: int) -> bool:
        """True when some mention overlaps ``[start, end)``."""
        hi = bisect.bisect_left(self._starts, end)
        return any(m.end > start for m in self.items[max(0, hi - 8) : hi])


CUE_KEYS = (
    "claim_verbs",
    "according_to",
    "anaphora",
    "unnamed_sources",
    "undetermined",
    "parent",
    "earlier",
    "period_anaphora",
    "report_date_verbs",
    "finding_date_verbs",
    "seen_verbs",
    "relay_nouns",
    "definite_event",
    "all_members",
    "place_anaphora",
    "denial_verbs",
    "auxiliaries",
    "inclusion",
    "since",
)


@dataclass(slots=True)
class Mentions:
    """All mentions of one document."""

    text: str
    language: str | None
    published: str | None
    sentences: list[Sentence]
    dates: SpanIndex[DateMention]
    counts: SpanIndex[CountMention]
    places: SpanIndex[PlaceMention]
    orgs: SpanIndex[OrgMention]
    governments: SpanIndex[OrgMention]
    perpetrators: SpanIndex[PerpetratorMention]
    agents: SpanIndex[TermHit]
    deliveries: SpanIndex[TermHit]
    legal: list[LegalRef]
    legal_index: SpanIndex[LegalRef]
    events: dict[str, SpanIndex[TermHit]]
    cues: dict[str, SpanIndex[TermHit]] = field(default_factory=dict)

    def cue(self, key: str, start: int, end: int) -> list[TermHit]:
        """Attribution cue hits of one kind inside a span."""
        return self.cues[key].within(start, end)


def _event_indexes(cues: EventCues) -> dict[str, SpanIndex[TermHit]]:
    return {
        "attack": SpanIndex(cues.attacks),
        "attack_noun": SpanIndex(cues.attack_nouns),
        "singular": SpanIndex(cues.singular_attacks),
        "execution": SpanIndex(cues.executions),
        "detention": SpanIndex(cues.detention),
        "medical": SpanIndex(cues.medical),
        "occasions": SpanIndex(cues.occasions),
    }


def read_mentions(text: str, language: str | None, published: str | None) -> Mentions:
    """Run every finder once over ``text``."""
    folded = fold_offsets(text)
    orgs = find_organizations(text, folded)
    dates = apply_datelines(text, language, published, find_dates(text, language, published))
    org_index = SpanIndex(orgs)
    agents = [a for a in find_agents(text, folded) if not org_index.overlapping(a.start, a.end)]
    legal = find_legal_refs(text, dates, folded)
    return Mentions(
        text=text,
        language=language,
        published=published,
        sentences=split_sentences(text),
        dates=SpanIndex(dates),
        counts=SpanIndex(find_counts(text, language)),
        places=SpanIndex(find_places(text, language)),
        orgs=org_index,
        governments=SpanIndex(find_governments(text, folded)),
        perpetrators=SpanIndex(find_perpetrators(text, folded)),
        agents=SpanIndex(agents),
        deliveries=SpanIndex(find_deliveries(text, folded)),
        legal=legal,
        legal_index=SpanIndex(legal),
        events=_event_indexes(find_event_cues(text, folded)),
        cues={
            k: SpanIndex(v) for k, v in lists_matcher("cues", CUE_KEYS).find(text, folded).items()
        },
    )
