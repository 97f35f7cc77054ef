"""Organisations, governments and perpetrators in several languages."""

from __future__ import annotations

import pytest

from qarina.extract.actors import (
    find_organizations,
    find_perpetrators,
    publisher_organization,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Human Rights Watch (HRW) said on Monday", {"Human Rights Watch"}),
        ("قالت منظمة هيومن رايتس ووتش", {"Human Rights Watch"}),
        ("the world's chemical weapons watchdog and the OIAC", {"OPCW"}),
        ("Organização para a Proibição de Armas Químicas (OPAQ)", {"OPCW"}),
        (
            "the UN-OPCW Joint Investigative Mechanism (JIM)",
            {"OPCW-UN Joint Investigative Mechanism"},
        ),
        (
            "آلية التحقيق المشتركة التي شكلتها الأمم المتحدة",
            {"OPCW-UN Joint Investigative Mechanism", "United Nations"},
        ),
        ("according to Agence France-Presse", {"AFP"}),
        ("وفقاً لوكالة الصحافة الفرنسية", {"AFP"}),
        ("Die Welt berichtet (dpa)", {"dpa"}),
        ("El Consejo de Seguridad de las Naciones Unidas", {"UN Security Council"}),
        ("la résolution de l'Assemblée générale des Nations unies", {"UN General Assembly"}),
        ("Smoke rises in eastern AleppoReuters", {"Reuters"}),
    ],
)
def test_organisations_are_normalised(text: str, expected: set[str]) -> None:
    assert {o.name for o in find_organizations(text)} == expected


def test_instruments_and_modifiers_are_not_organisations() -> None:
    text = "Chapter VII of the UN Charter; a UN-appointed investigation"
    assert find_organizations(text) == []


def test_dateline_in_capitals_is_not_an_organisation() -> None:
    assert {o.name for o in find_organizations("NACIONES UNIDAS (AP) — El grupo")} == {"AP"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the Assad regime helicopters dropped", "Syrian government forces"),
        ("les forces gouvernementales auraient largué", "Syrian government forces"),
        ("Die regierungstreuen Truppen in Syrien", "Syrian government forces"),
        ("حملت فيه الحكومة السورية المسؤولية", "Syrian government forces"),
        ("Daech a revendiqué", "ISIL"),
        ("تنظيم الدولة الإسلامية (داعش)", "ISIL"),
        ("de que jihadistas fizeram uso", "armed opposition groups"),
    ],
)
def test_perpetrators_are_normalised(text: str, value: str) -> None:
    assert [p.value for p in find_perpetrators(text)][:1] == [value]


def test_publisher_names_its_organisation_before_via() -> None:
    info = publisher_organization("UN Security Council (via ReliefWeb)")
    assert info is not None and info.name == "UN Security Council"
    assert publisher_organization("Syrian Coalition (Media Office); archived by The Syrian Memory")
    assert publisher_organization("Some Blog") is None
    assert publisher_organization(None) is None
