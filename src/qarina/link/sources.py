"""Source independence: which first-hand sources stand behind an incident's documents.

Each document reaches an incident's claim through a relay chain: the publisher, the
intermediaries it names (``via``, wire services quoted in its text), and the claimant
(``attributed_by``) whose own finding it reports. Documents are grouped by that first-hand
claimant; claimants that only passed another's story on (they appear as an intermediary of
the same document) do not count; reposts (near-duplicate texts) are grouped so that one
story copied ten times is seen as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qarina.core.errors import InputError
from qarina.link.folding import fold_name
from qarina.link.records import IncidentRecord

# Wire services quoted in a text: "(AFP)", "according to Reuters", "(dpa)", "فرانس برس".
_WIRES: Mapping[str, str] = {
    "AFP": r"\bAFP\b|agence france[- ]presse|فرانس ?برس|\bا ف ب\b",
    "Reuters": r"\breuters\b|رويترز",
    "AP": r"\(AP\)|\bAssociated Press\b|اسوشيتد برس|أسوشيتد برس",
    "dpa": r"\(dpa\)|deutsche presse-agentur",
    "EFE": r"\(EFE\)|\bagencia EFE\b",
}
_WIRE_PATTERN = re.compile(
    "|".join(f"(?P<w{n}>{p})" for n, p in enumerate(_WIRES.values())), re.IGNORECASE
)
_WIRE_NAMES = list(_WIRES)
# Bodies that adopt, decide or transmit but do not investigate (folded names): a claim of
# theirs about an incident restates an investigative body's finding ("in its reports it
# concluded…" in a Security Council press release).
_NON_INVESTIGATIVE = frozenset(
    {"un security council", "un general assembly", "un secretary-general", "united nations"}
)
# Substrings one of which every match contains: most texts are ruled out without the regex.
_WIRE_CUES = (
    "afp",
    "france",
    "فرانس",
    "ا ف ب",
    "reuters",
    "رويترز",
    "(ap)",
    "associated",
    "سوشيتد",
    "dpa",
    "presse-agentur",
    "efe",
)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What independence needs to know about one input document."""

    id: str
    publisher: str | None
    origin: bool
    relays: tuple[str, ...]
    via: tuple[str, ...]
    text: str
    language: str | None
    published: str | None
    wires: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()


def _strings(value: Any, doc_id: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"document {doc_id!r}: {field} must be a list of strings")
    return tuple(value)


def document_info(doc_id: str, doc: Mapping[str, Any]) -> DocumentInfo:
    """Read the document fields independence uses, checking their types."""
    text = doc.get("text") or ""
    if not isinstance(text, str):
        raise InputError(f"document {doc_id!r}: text must be a string")
    publisher = doc.get("publisher")
    return DocumentInfo(
        id=doc_id,
        publisher=publisher if isinstance(publisher, str) else None,
        origin=bool(doc.get("origin")),
        relays=_strings(doc.get("relays"), doc_id, "relays"),
        via=_strings(doc.get("via"), doc_id, "via"),
        text=text,
        language=doc.get("language") if isinstance(doc.get("language"), str) else None,
        published=doc.get("published") if isinstance(doc.get("published"), str) else None,
        wires=tuple(quoted_wires(text)),
        organizations=_strings(doc.get("organizations"), doc_id, "organizations"),
    )


def quoted_wires(text: str) -> list[str]:
    """Wire services a text quotes or credits, in a fixed order."""
    lowered = text.casefold()
    if not any(cue in lowered for cue in _WIRE_CUES):
        return []
    found = {m.lastgroup for m in _WIRE_PATTERN.finditer(text)}
    return [name for n, name in enumerate(_WIRE_NAMES) if f"w{n}" in found]


def claimant_names(record: IncidentRecord) -> list[str]:
    """The record's claimants as written (``attributed_by``)."""
    value = record.raw.get("attributed_by")
    if value is None:
        return []
    return [v for v in (value if isinstance(value, list) else [value]) if v.strip()]


def relay_chain(doc: DocumentInfo, claimants: Iterable[str]) -> list[str]:
    """Publisher, then intermediaries, then the claimants: how the claim reached the page."""
    chain: list[str] = [doc.publisher or doc.id]
    for name in (*doc.via, *doc.wires, *claimants):
        if fold_name(name) not in {fold_name(c) for c in chain}:
            chain.append(name)
    return chain


def _claimant_documents(members: Sequence[IncidentRecord]) -> dict[str, set[str]]:
    """Folded claimant name -> the documents whose records of this incident it makes."""
    found: dict[str, set[str]] = {}
    for record in members:
        for name in claimant_names(record):
            found.setdefault(fold_name(name), set()).add(record.doc)
    return found


def first_hand_names(
    record: IncidentRecord, doc: DocumentInfo, claimants: Mapping[str, set[str]]
) -> list[str]:
    """The record's claimants, a non-investigative body replaced by the finder it relays.

    A Security Council or Secretary-General claim is credited instead to the investigative
    bodies the same document names (``relays`` or ``organizations``) that make this
    incident's claim in other documents; with none such, the claimant stays as written.
    """
    names = claimant_names(record)
    if not any(fold_name(n) in _NON_INVESTIGATIVE for n in names):
        return names
    named = {fold_name(o): o for o in (*doc.relays, *doc.organizations)}
    finders = [
        named[k]
        for k in sorted(named)
        if k not in _NON_INVESTIGATIVE and claimants.get(k, set()) - {record.doc}
    ]
    if not finders:
        return names
    kept = [n for n in names if fold_name(n) not in _NON_INVESTIGATIVE]
    return kept + [f for f in finders if fold_name(f) not in {fold_name(k) for k in kept}]


@dataclass(frozen=True, slots=True)
class Independence:
    """Per incident: documents, first-hand sources, each document's relay chain, reposts."""

    documents: list[str]
    independent_sources: list[str]
    relay_chains: dict[str, list[str]]
    documents_by_source: dict[str, list[str]]
    repost_groups: list[list[str]]


def assess_independence(
    members: Sequence[IncidentRecord], docs: Mapping[str, DocumentInfo], reposts: Mapping[str, str]
) -> Independence:
    """Group an incident's documents by the first-hand source behind them.

    ``reposts`` maps a document id to the id of the earliest near-duplicate of its text.
    """
    by_source: dict[str, set[str]] = {}
    display: dict[str, str] = {}
    chains: dict[str, list[str]] = {}
    elsewhere = _claimant_documents(members)
    for record in members:
        doc = docs[record.doc]
        names = first_hand_names(record, doc, elsewhere)
        conduits = {fold_name(v) for v in (*doc.via, *doc.wires)}
        relayed = {fold_name(r) for r in doc.relays} - conduits
        for name in names:
            if fold_name(name) not in conduits or not relayed:
                display.setdefault(fold_name(name), name)
                by_source.setdefault(fold_name(name), set()).add(record.doc)
        chain = relay_chain(doc, [*claimant_names(record), *names])  # "UNSC" then its finder
        previous = chains.get(record.doc)
        chains[record.doc] = (
            chain if previous is None else previous + [n for n in chain if n not in previous]
        )
    documents = sorted(chains)
    groups: dict[str, list[str]] = {}
    for doc_id in documents:
        groups.setdefault(reposts.get(doc_id, doc_id), []).append(doc_id)
    return Independence(
        documents=documents,
        independent_sources=sorted(display[k] for k in by_source),
        relay_chains={d: chains[d] for d in documents},
        documents_by_source={display[k]: sorted(v) for k, v in sorted(by_source.items())},
        repost_groups=[g for g in groups.values() if len(g) > 1],
    )
