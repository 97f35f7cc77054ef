"""The evidence matrix: every element of every charge, with its support and its gaps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qarina.legal.evidence import Charge, EvidenceLink
from qarina.legal.library import Catalogue, Element

SUPPORTED = "supported"
CONTESTED = "contested"
GAP = "gap"


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One element of one charge and the evidence on each side of it."""

    charge: Charge
    element: Element
    inculpatory: tuple[EvidenceLink, ...]
    exculpatory: tuple[EvidenceLink, ...]
    pending: int  # suggestions not yet decided

    @property
    def status(self) -> str:
        """``supported`` (for, none against), ``contested`` (both) or ``gap`` (none for)."""
        if not self.inculpatory:
            return GAP
        return CONTESTED if self.exculpatory else SUPPORTED

    @property
    def weight_for(self) -> int:
        """Sum of the weights of the inculpatory links."""
        return sum(link.weight for link in self.inculpatory)

    @property
    def weight_against(self) -> int:
        """Sum of the weights of the exculpatory links."""
        return sum(link.weight for link in self.exculpatory)

    def as_json(self) -> dict[str, object]:
        """JSON form for exports."""
        return {
            "charge_id": self.charge.id,
            "crime_id": self.charge.crime_id,
            "perpetrator": self.charge.perpetrator,
            "element_id": self.element.id,
            "element": self.element.text,
            "cite": self.element.cite,
            "status": self.status,
            "weight_for": self.weight_for,
            "weight_against": self.weight_against,
            "inculpatory": [link.evidence.label() for link in self.inculpatory],
            "exculpatory": [link.evidence.label() for link in self.exculpatory],
            "pending_suggestions": self.pending,
        }


def build_matrix(
    catalogue: Catalogue,
    charges: Sequence[Charge],
    links: Sequence[EvidenceLink],
    pending: dict[tuple[str, str], int] | None = None,
) -> list[MatrixRow]:
    """Rows in charge order then element order; ``pending`` counts open suggestions."""
    pending = pending or {}
    rows: list[MatrixRow] = []
    for charge in charges:
        for element in catalogue.crime(charge.crime_id).elements:
            mine = sorted(
                (x for x in links if x.charge_id == charge.id and x.element_id == element.id),
                key=lambda x: (x.evidence, x.id),
            )
            rows.append(
                MatrixRow(
                    charge,
                    element,
                    tuple(x for x in mine if x.stance == "inculpatory"),
                    tuple(x for x in mine if x.stance == "exculpatory"),
                    pending.get((charge.id, element.id), 0),
                )
            )
    return rows


def gaps(rows: Sequence[MatrixRow]) -> list[MatrixRow]:
    """The rows no inculpatory evidence supports yet."""
    return [row for row in rows if row.status == GAP]
