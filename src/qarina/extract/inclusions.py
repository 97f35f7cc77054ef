"""An aggregate and one attack it includes, told in one sentence.

"U.N. investigators documented 37 chemical attacks since 2013, including a sarin attack
on Khan Sheikhoun last April that killed more than 80 people" is two records (corpus
rule 3): the counted aggregate, and the attack after "including" with the aggregate as
its parent. Facts before the cue belong to the aggregate, facts after it to the attack.
"""

from __future__ import annotations

import dataclasses

from qarina.extract.anchors import Anchor
from qarina.extract.clauses import Clause, since_spans
from qarina.extract.drafts import Draft, from_clause, largest
from qarina.extract.mentions import Mentions


def included_attack(m: Mentions, c: Clause) -> tuple[Draft, Draft] | None:
    """(aggregate, included attack) when sentence ``c`` counts several attacks and then
    names one of them after an inclusion cue; otherwise ``None``."""
    s = m.sentences[c.index]
    cues = m.cue("inclusion", s.start, s.end)
    if not cues or c.kind != "create":
        return None
    cut = cues[0].start
    counts = [a for a in c.attacks if a.end <= cut and _floor(a.value) > 1]
    after = [a for a in c.anchors if a.start >= cut]
    if not counts or not after:
        return None
    before = [a for a in c.anchors if a.end <= cut] or _town_named_before(m, s.start, cut, after[0])
    before_dates = [d for d in c.dates if d.end <= cut] or since_spans(m, s.start, cut)
    aggregate = from_clause(
        c, before[0] if before else None, before_dates[0] if before_dates else None
    )
    aggregate.attacks = counts[0]
    aggregate.killed = largest([k for k in c.killed if k.end <= cut])
    aggregate.injured = largest([k for k in c.injured if k.end <= cut])
    aggregate.agents = [a for a in c.agents if a.start < cut] or aggregate.agents
    member_dates = [d for d in c.dates if d.start >= cut]
    member = from_clause(c, after[0], member_dates[0] if member_dates else None)
    member.attacks = None
    member.attacks_exact_one = True
    member.killed = largest([k for k in c.killed if k.start >= cut])
    member.injured = largest([k for k in c.injured if k.start >= cut])
    member.agents = [a for a in c.agents if a.start >= cut] or aggregate.agents
    member.parent = aggregate
    return aggregate, member


def _town_named_before(m: Mentions, start: int, cut: int, member: Anchor) -> list[Anchor]:
    """ "attacks on Aleppo ..., including one on Sakhur": the town the district lies in."""
    for p in m.places.within(start, cut):
        if member.district and p.name == member.town:
            return [
                dataclasses.replace(member, district=None, text=p.text, start=p.start, end=p.end)
            ]
    return []


def _floor(value: dict[str, int]) -> int:
    return int(value.get("exact", value.get("min", value.get("approx", value.get("max", 0)))))
