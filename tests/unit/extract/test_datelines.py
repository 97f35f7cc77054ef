"""Datelines re-date what follows them; other dates are untouched."""

from __future__ import annotations

from qarina.extract.datelines import apply_datelines
from qarina.extract.dates import find_dates
from qarina.extract.document import extract_document

TEXT = (
    "UN Security Council endorses destruction\n\n25 Mar 2014\n\n"
    "27 September 2013 - Deeply outraged by the use of chemical weapons on 21 August in a "
    "Damascus suburb, as concluded by a United Nations investigation team, the Security "
    "Council this evening endorsed the destruction of the programme."
)


def test_dates_after_a_dateline_use_it_as_reference() -> None:
    dates = apply_datelines(TEXT, "en", "2014-03-25", find_dates(TEXT, "en", "2014-03-25"))
    by_text = {d.text: d.date_start for d in dates}
    assert by_text["25 Mar 2014"] == "2014-03-25"
    assert any(t.endswith("21 August") and v == "2013-08-21" for t, v in by_text.items())
    assert any("evening" in t and v == "2013-09-27" for t, v in by_text.items())


def test_no_dateline_leaves_dates_alone() -> None:
    text = "Human Rights Watch said on Monday that attacks took place on 21 August."
    found = find_dates(text, "en", "2017-02-15")
    assert apply_datelines(text, "en", "2017-02-15", found) == found


def test_dateline_reaches_incidents_and_report_refs() -> None:
    out = extract_document({"id": "u", "text": TEXT, "language": "en", "published": "2014-03-25"})
    [inc] = out["incidents"]
    assert inc["date_start"] == "2013-08-21"
    assert (
        inc["attributed_by"] == "UN Mission to Investigate Alleged Use of Chemical Weapons in Syria"
    )
    assert ("UN Security Council", "2013-09-27") in {
        (r["organization"], r["date"]) for r in out["report_refs"]
    }
