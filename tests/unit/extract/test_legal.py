"""Legal references: resolutions in many forms and languages, treaties, decisions."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from qarina.extract.legal import find_legal_refs, legal_values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "pursuant to Security Council resolutions 2235 (2015) and 2319 (2016).",
            ["UNSC 2235", "UNSC 2319"],
        ),
        ("it has already adopted resolution 2118 and resolution 2209", ["UNSC 2118", "UNSC 2209"]),
        ("S/RES/2118 (2013)", ["UNSC 2118"]),
        ("لتنفيذ القرار 2118 واتخاذ الإجراءات", ["UNSC 2118"]),
        ("la résolution 2209 du Conseil", ["UNSC 2209"]),
        ("adopted resolution A/71/248, establishing", ["UNGA 71/248"]),
        (
            "General Assembly Resolution (37/42) and Security Council Resolution (620-1988)",
            ["UNGA 37/42", "UNSC 620"],
        ),
        ("measures under Chapter VII of the United Nations Charter", ["UN Charter Chapter VII"]),
        ("اتخاذ الإجراءات بموجب البند السابع", ["UN Charter Chapter VII"]),
        ("يتعارض مع ميثاق الأمم المتحدة", ["UN Charter"]),
        ("the Chemical Weapons Convention and the Rome Statute", ["CWC", "Rome Statute"]),
        ("the 1925 Geneva Protocol", ["Geneva Protocol 1925"]),
        ("(C-SS-4/DEC.3, dated 27 June 2018)", ["OPCW C-SS-4/DEC.3"]),
        ("decision EC-81/DEC.4 of the Executive Council", ["OPCW EC-81/DEC.4"]),
        ("in 2013, 2118 people died", []),
        ("UNSCR 2118 and SCR 2209", ["UNSC 2118", "UNSC 2209"]),
        ("القرار رقم 2235", ["UNSC 2235"]),
    ],
)
def test_references(text: str, expected: list[str]) -> None:
    assert legal_values(find_legal_refs(text)) == expected


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    date_start: str | None


def test_known_resolution_by_subject_and_body() -> None:
    text = (
        "The General Assembly voted today. The resolution creates a mechanism to collect evidence."
    )
    assert legal_values(find_legal_refs(text)) == ["UNGA 71/248"]


def test_known_resolution_by_adoption_date() -> None:
    text = "the resolution adopted by the General Assembly on 21 December"
    at = text.index("21 December")
    dates = [_Date(at, at + 11, "2016-12-21")]
    assert legal_values(find_legal_refs(text, dates)) == ["UNGA 71/248"]


def test_explicit_number_suppresses_inference() -> None:
    text = "The General Assembly adopted resolution 71/250 on the mechanism."
    assert legal_values(find_legal_refs(text)) == ["UNGA 71/250"]
