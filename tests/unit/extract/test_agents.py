"""Agents, deliveries and event cues in several languages; choice rules."""

from __future__ import annotations

import pytest

from qarina.extract.agents import (
    choose_agent,
    choose_delivery,
    find_agents,
    find_deliveries,
    find_event_cues,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("helicopters dropping chlorine", "chlorine"),
        ("le gaz sarin", "sarin"),
        ("used mustard gas on the battlefield", "sulfur mustard"),
        ("استخدام غاز الخردل", "sulfur mustard"),
        ("mehrmals gezielt Giftgas eingesetzt", "unknown toxic chemical"),
        ("Giftgasangriffe in Aleppo", "unknown toxic chemical"),
        ("ataques con armas químicas", "unknown toxic chemical"),
        ("قنابل الكلور", "chlorine"),
        ("yperite shells", "sulfur mustard"),
    ],
)
def test_agents(text: str, value: str) -> None:
    assert [h.value for h in find_agents(text)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("government helicopters dropping chlorine", "helicopter"),
        ("Armeehubschrauber verübt", "helicopter"),
        ("مروحيات النظام ألقت قنابل", "helicopter"),
        ("surface-to-surface rockets loaded with sarin", "rocket"),
        ("des barils d'explosifs", "barrel bomb"),
        ("les forces auraient largué des bombes", "aircraft"),
        ("no means at all", "unknown"),
    ],
)
def test_delivery_choice(text: str, value: str) -> None:
    assert choose_delivery(h.value for h in find_deliveries(text)) == value


def test_platform_wins_over_munition() -> None:
    assert choose_delivery(["barrel bomb", "helicopter"]) == "helicopter"
    assert choose_delivery(["rocket", "artillery"]) == "rocket"


def test_named_agent_wins_and_mixtures_make_lists() -> None:
    assert choose_agent(["unknown toxic chemical", "chlorine"]) == "chlorine"
    assert choose_agent(["sarin", "chlorine"]) == ["sarin", "chlorine"]
    assert choose_agent(["unknown toxic chemical"]) == "unknown toxic chemical"
    assert choose_agent([]) is None


def test_event_cues() -> None:
    cues = find_event_cues("20-50 people were hanged each week at Saydnaya Prison")
    assert cues.executions and cues.detention
    cues = find_event_cues("one of the deadliest bombings hit a hospital")
    assert cues.attacks and cues.medical
