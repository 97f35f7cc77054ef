"""Incident drafts: one claim about one event, filled from one or more clauses.

A :class:`Draft` collects the evidence of one incident record while the assembler walks
the sentences. :func:`compatible` says whether two pieces of evidence can describe the
same event as told by the same claimant; :meth:`Draft.absorb` merges facts, keeping the
first value of each field except where a later one is strictly more precise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qarina.extract.actors import PerpetratorMention
from qarina.extract.agents import UNKNOWN_AGENT
from qarina.extract.anchors import Anchor
from qarina.extract.claims import related
from qarina.extract.clauses import Clause
from qarina.extract.counts import CountMention
from qarina.extract.dates import DateMention
from qarina.extract.lexicon import TermHit

UNNAMED = "\x00unnamed"  # claimant marker for "journalists and activists reported..."


@dataclass(slots=True)
class Draft:
    """The evidence gathered so far for one incident record."""

    sentences: list[int]
    event_type: str
    anchor: Anchor | None = None
    coarse: Anchor | None = None  # country, governorate: shown only without a town
    date: DateMention | None = None
    agents: list[TermHit] = field(default_factory=list)
    deliveries: list[TermHit] = field(default_factory=list)
    perpetrator: PerpetratorMention | None = None
    perpetrator_closed: bool = False
    claimant: str | None = None
    other_claimants: list[str] = field(default_factory=list)  # named in later evidence
    attacks: CountMention | None = None
    attacks_exact_one: bool = False
    killed: CountMention | None = None
    injured: CountMention | None = None
    parent: Draft | None = None
    member: bool = False
    singular: bool = False
    plural: bool = False

    @property
    def last_sentence(self) -> int:
        """Index of the latest sentence that fed this draft."""
        return self.sentences[-1]

    def is_aggregate(self) -> bool:
        """Several attacks, or one claim over a span of days."""
        if self.attacks is not None and _count_floor(self.attacks) > 1:
            return True
        return self.date is not None and self.date.date_start != self.date.date_end

    def absorb(self, other: Draft) -> None:
        """Take every fact of ``other`` that this draft lacks (or states less precisely)."""
        self.sentences = sorted(set(self.sentences) | set(other.sentences))
        if self.anchor is None or (
            other.anchor
            and other.anchor.district
            and not self.anchor.district
            and other.anchor.town == self.anchor.town
        ):
            self.anchor = other.anchor or self.anchor
        if self.date is None and other.date is not None:
            self.coarse = other.coarse  # the country named with the date, not elsewhere
        if self.date is None or (other.date is not None and _narrower(other.date, self.date)):
            self.date = other.date or self.date
        self.agents += other.agents
        self.deliveries += other.deliveries
        if not self.perpetrator_closed and self.perpetrator is None:
            self.perpetrator = other.perpetrator
        self.perpetrator_closed = self.perpetrator_closed or other.perpetrator_closed
        if other.claimant and other.claimant not in (self.claimant, UNNAMED):
            self.other_claimants.append(other.claimant)
        self.claimant = self.claimant or other.claimant
        self.attacks = self.attacks or other.attacks
        self.killed = _larger(self.killed, other.killed)  # the toll, not a part of it
        self.injured = _larger(self.injured, other.injured)
        self.singular = self.singular or other.singular
        self.plural = self.plural or other.plural

    def attack_count(self) -> dict[str, int] | None:
        """Attacks counted: the stated count, or exactly one for a single dated attack."""
        if self.attacks is not None:
            return dict(self.attacks.value)
        if self.attacks_exact_one:
            return {"exact": 1}
        single_day = self.date is not None and self.date.date_start == self.date.date_end
        if single_day and not self.is_aggregate() and (self.singular or self._one_place_event()):
            return {"exact": 1}
        return None

    def _one_place_event(self) -> bool:
        """A use of a chemical at one town on one day, with no plural attack word."""
        named = self.anchor is not None and self.anchor.district is None
        return named and not self.plural and self.event_type == "chemical_attack"

    def agent_values(self) -> set[str]:
        """Named agents (``unknown toxic chemical`` left out)."""
        return {a.value for a in self.agents if a.value != UNKNOWN_AGENT}


def _larger(a: CountMention | None, b: CountMention | None) -> CountMention | None:
    if a is None or b is None:
        return a or b
    return b if _count_floor(b) > _count_floor(a) else a


def largest(counts: list[CountMention]) -> CountMention | None:
    """The biggest of several counts (first one on ties)."""
    best: CountMention | None = None
    for c in counts:
        best = _larger(best, c)
    return best


def _count_floor(count: CountMention) -> int:
    values = count.value
    return int(values.get("exact", values.get("min", values.get("approx", values.get("max", 0)))))


def _narrower(a: DateMention, b: DateMention) -> bool:
    """``a`` lies inside ``b`` and is shorter."""
    if not (a.date_start and a.date_end and b.date_start and b.date_end):
        return False
    inside = b.date_start <= a.date_start and a.date_end <= b.date_end
    return inside and (a.date_start, a.date_end) != (b.date_start, b.date_end)


def dates_overlap(a: DateMention | None, b: DateMention | None) -> bool:
    """True when either is missing or the intervals meet."""
    if a is None or b is None or not (a.date_start and b.date_start):
        return True
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    return a.date_start <= b_end and b.date_start <= a_end


def _point_vs_span(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return False
    return (a.date_start == a.date_end) != (b.date_start == b.date_end)


def compatible(a: Draft, b: Draft) -> bool:
    """Can ``a`` and ``b`` be the same event told by the same claimant?"""
    if a.event_type != b.event_type:
        return False
    if a.anchor and b.anchor:
        if a.anchor.town != b.anchor.town:
            return False
        if a.anchor.district and b.anchor.district and a.anchor.district != b.anchor.district:
            return False
    if not dates_overlap(a.date, b.date):
        return False
    if a.perpetrator and b.perpetrator and a.perpetrator.value != b.perpetrator.value:
        return False
    count_a, count_b = a.attack_count(), b.attack_count()
    if count_a and count_b and count_a != count_b:
        return False
    if (a.claimant == UNNAMED) != (b.claimant == UNNAMED):
        return False  # "journalists reported 12 attacks" is never the same claim as another
    if a.claimant and b.claimant and not _same_claimant(a.claimant, b.claimant):
        return False
    named_a, named_b = a.agent_values(), b.agent_values()
    return not (named_a and named_b and not named_a & named_b)


def _same_claimant(a: str, b: str) -> bool:
    if UNNAMED in (a, b):
        return a == b
    return related(a, b)


def same_record(a: Draft, b: Draft) -> bool:
    """Two finished drafts that tell the same event (for the final de-duplication).

    A specific attack and an aggregate over a span are never the same record.
    """
    if not compatible(a, b) or _point_vs_span(a.date, b.date):
        return False
    if (a.anchor is None) != (b.anchor is None):
        return False
    if a.anchor and b.anchor and a.anchor.district != b.anchor.district:
        return False
    return a.parent is None and b.parent is None


def _first_actor_part(c: Clause) -> int | None:
    """``X did A and Y did B``: where the second actor's part of the sentence starts."""
    if not c.perpetrators:
        return None
    first = c.perpetrators[0].value
    other = [p for p in c.perpetrators if p.value != first]
    return other[0].start if other else None


def from_clause(c: Clause, anchor: Anchor | None, date: DateMention | None) -> Draft:
    """A draft holding one clause's facts, at one of its places and dates."""
    d = Draft(sentences=[c.index], event_type=c.event_type, anchor=anchor, date=date)
    d.coarse = c.coarse if (date is not None or c.attacks) else None
    cut = _first_actor_part(c)
    d.agents = [a for a in c.agents if cut is None or a.start < cut] or list(c.agents)
    d.deliveries = [x for x in c.deliveries if cut is None or x.start < cut] or list(c.deliveries)
    d.singular = c.singular
    d.plural = c.plural
    if "undetermined" in c.flags:
        d.perpetrator_closed = True
    elif c.perpetrators:
        d.perpetrator = c.perpetrators[0]
    d.claimant = UNNAMED if "unnamed" in c.flags and c.attacks else c.claimant
    d.attacks = c.attacks[0] if c.attacks else None
    d.killed = largest(c.killed)
    d.injured = largest(c.injured)
    return d
