"""The output contract of ``qarina extract``: incident records and report references as dicts.

Field names, value forms and controlled values are those of the corpus README
(``shared/corpus/README.md``). Each incident also carries ``spans``: character offsets
``[start, end]`` into the input text of its evidence sentences and of the source text of
each field, so every value can be shown in context.
"""

from __future__ import annotations

from typing import Any

from qarina.extract.agents import choose_agent, choose_delivery
from qarina.extract.attribution import ReportRef
from qarina.extract.claims import members
from qarina.extract.drafts import UNNAMED, Draft
from qarina.extract.mentions import Mentions

CHEMICAL = "chemical_attack"


def _claimant_value(claimant: str | None) -> str | list[str] | None:
    """``None`` for unnamed sources, a list for a joint claim, else the organisation."""
    if claimant is None or claimant == UNNAMED:
        return None
    names = members(claimant)
    return names if len(names) > 1 else names[0]


def _span(obj: Any) -> list[int] | None:
    return [obj.start, obj.end] if obj is not None else None


def _count(draft: Draft) -> dict[str, int] | None:
    if draft.event_type != CHEMICAL and draft.attacks is None and not draft.attacks_exact_one:
        return None
    return draft.attack_count()


def _means(draft: Draft) -> tuple[Any, str]:
    if draft.event_type != CHEMICAL:  # an air strike on a hospital still names its platform
        delivery = choose_delivery(d.value for d in draft.deliveries)
        return "other", "other" if delivery == "unknown" else delivery
    agent = choose_agent(a.value for a in draft.agents)
    return agent or "unknown toxic chemical", choose_delivery(d.value for d in draft.deliveries)


def _claimant_spans(m: Mentions, draft: Draft, claimant: str | None) -> list[list[int]]:
    """Where the evidence names the claimant (empty when it comes from elsewhere)."""
    if claimant is None or claimant == UNNAMED:
        return []
    names = set(members(claimant))
    spans = []
    for i in draft.sentences:
        s = m.sentences[i]
        for org in [*m.orgs.within(s.start, s.end), *m.governments.within(s.start, s.end)]:
            if org.name in names:
                spans.append([org.start, org.end])
    return spans


def _evidence(m: Mentions, draft: Draft) -> tuple[str | list[str], list[list[int]]]:
    sentences = [m.sentences[i] for i in draft.sentences]
    texts = [s.text for s in sentences]
    spans = [[s.start, s.end] for s in sentences]
    return (texts[0] if len(texts) == 1 else texts), spans


def incident_record(
    m: Mentions, draft: Draft, claimant: str | None, parent: int | None, country: str | None
) -> dict[str, Any]:
    """One incident in the contract form, with ``spans``."""
    date, perp = draft.date, draft.perpetrator
    anchor = draft.anchor or draft.coarse
    agent, delivery = _means(draft)
    evidence, evidence_spans = _evidence(m, draft)
    return {
        "event_type": draft.event_type,
        "date_start": date.date_start if date else None,
        "date_end": (date.date_end or date.date_start) if date else None,
        "date_precision": date.precision if date else None,
        "year_inferred": bool(date.year_inferred) if date else False,
        "date_text": date.text if date else None,
        "location": anchor.text if anchor else None,
        "place_normalized": anchor.town if anchor else None,
        "district": anchor.district if anchor else None,
        "country": (anchor.country if anchor else None) or country,
        "agent": agent,
        "delivery": delivery,
        "perpetrator": perp.value if perp else None,
        "perpetrator_text": perp.text if perp else None,
        "attributed_by": _claimant_value(claimant),
        "num_attacks": _count(draft),
        "killed": dict(draft.killed.value) if draft.killed else None,
        "injured": dict(draft.injured.value) if draft.injured else None,
        "evidence_span": evidence,
        "parent": parent,
        "spans": {
            "evidence": evidence_spans,
            "date": _span(date),
            "location": _span(anchor),
            "perpetrator": _span(perp),
            "agent": [[a.start, a.end] for a in draft.agents],
            "delivery": [[d.start, d.end] for d in draft.deliveries],
            "num_attacks": _span(draft.attacks),
            "killed": _span(draft.killed),
            "injured": _span(draft.injured),
            "attributed_by": _claimant_spans(m, draft, claimant),
        },
    }


def report_ref_record(ref: ReportRef) -> dict[str, Any]:
    """One report reference in the contract form, with its span."""
    out: dict[str, Any] = {
        "organization": ref.organization,
        "date": ref.date,
        "date_text": ref.date_text,
        "spans": {"date": [ref.start, ref.end]},
    }
    if ref.year_inferred:
        out["year_inferred"] = True
    return out
