"""What evidence is, for the legal layer: references, links to elements, charges.

Plain values; the case repository stores them and the matrix and suggestion rules read
them. A reference is ``(kind, ref)``: an incident id, a claim ``<doc>#<index>`` inside an
incident, an item ``sha256:<hex>``, or a passage ``<document id>:<seq>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from qarina.core.errors import UsageError

EVIDENCE_KINDS = ("incident", "claim", "item", "passage")
STANCES = ("inculpatory", "exculpatory")
MIN_WEIGHT, MAX_WEIGHT = 1, 5


@dataclass(frozen=True, slots=True, order=True)
class EvidenceRef:
    """A pointer to one piece of evidence in the workspace."""

    kind: str
    ref: str

    def __post_init__(self) -> None:
        if self.kind not in EVIDENCE_KINDS:
            raise UsageError(
                f"unknown evidence kind {self.kind!r}",
                hint=f"use one of {', '.join(EVIDENCE_KINDS)}",
            )
        if not self.ref.strip():
            raise UsageError("an evidence reference cannot be empty")

    def label(self) -> str:
        """``kind:ref`` as shown in tables."""
        return f"{self.kind}:{self.ref}"


def parse_evidence_ref(text: str) -> EvidenceRef:
    """Parse ``kind:ref`` (``incident:abc``, ``item:sha256:…``, ``passage:doc:3``)."""
    kind, sep, ref = text.partition(":")
    if not sep:
        raise UsageError(
            f"evidence reference {text!r} has no kind",
            hint="write KIND:REF, e.g. incident:1a2b or item:sha256:…",
        )
    return EvidenceRef(kind.strip(), ref.strip())


@dataclass(frozen=True, slots=True)
class Charge:
    """A crime from the catalogue charged in a case, against an alleged perpetrator."""

    id: str
    case_id: str
    crime_id: str
    perpetrator: str | None

    def as_json(self) -> dict[str, object]:
        """JSON form for exports and the CLI."""
        return {"id": self.id, "crime_id": self.crime_id, "perpetrator": self.perpetrator}


@dataclass(frozen=True, slots=True)
class EvidenceLink:
    """Evidence tied to one element of one charge, with a note, a weight and a stance."""

    id: str
    charge_id: str
    element_id: str
    evidence: EvidenceRef
    stance: str
    weight: int
    note: str
    suggestion_id: str | None = None

    def __post_init__(self) -> None:
        if self.stance not in STANCES:
            raise UsageError(f"stance must be one of {', '.join(STANCES)}, not {self.stance!r}")
        if not MIN_WEIGHT <= self.weight <= MAX_WEIGHT:
            raise UsageError(f"weight must be between {MIN_WEIGHT} and {MAX_WEIGHT}")

    def as_json(self) -> dict[str, object]:
        """JSON form for exports and the CLI."""
        return {
            "id": self.id,
            "charge_id": self.charge_id,
            "element_id": self.element_id,
            "evidence": self.evidence.label(),
            "stance": self.stance,
            "weight": self.weight,
            "note": self.note,
            "suggestion_id": self.suggestion_id,
        }
