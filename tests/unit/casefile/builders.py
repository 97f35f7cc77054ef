"""A small but real case file: an in-memory custody log, signed checkpoint, two items."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime
from typing import Any

from qarina.casefile.contents import (
    BundleDerivative,
    BundleDocument,
    BundleItem,
    CaseFileInput,
    CustodySlice,
    TimestampToken,
)
from qarina.core.clock import FixedClock
from qarina.core.model import CustodyEvent
from qarina.custody.canonical import canonical_json
from qarina.custody.keys import Signer, verifier_key_string
from qarina.custody.log import CustodyLog
from qarina.custody.memory_store import MemoryLogStore
from qarina.legal.evidence import Charge, EvidenceLink, EvidenceRef
from qarina.legal.library import load_catalogue
from qarina.legal.matrix import build_matrix

AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
PUBLIC = "Chlorine was dropped on Sakhur, Aleppo. استخدام الكلور في حلب".encode()
WITNESS = b"Statement of witness Jane Roe, phone +963 11 555 0101."
REDACTED = b"Statement of witness [REDACTED], phone [REDACTED]."
PAGES = {"pages": 1}
SIGNER = Signer("qarina.local/test-case", bytes(range(32)))


def ref(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _log(case_id: str) -> CustodyLog:
    log = CustodyLog(MemoryLogStore(), clock=FixedClock(AT))
    events = [
        CustodyEvent("created", "tester", AT, None, {"origin": SIGNER.name}),
        CustodyEvent("acquired", "tester", AT, ref(PUBLIC), {"size": len(PUBLIC)}),
        CustodyEvent("acquired", "tester", AT, ref(WITNESS), {"size": len(WITNESS)}),
        CustodyEvent(
            "derived",
            "tester",
            AT,
            ref(PUBLIC),
            {"derivative_id": "d-1", "content_sha256": ref(canonical_json(PAGES))},
        ),
        CustodyEvent("redacted", "tester", AT, ref(WITNESS), {"redacted_sha256": ref(REDACTED)}),
        CustodyEvent("opened", "tester", AT, case_id, {"title": "Aleppo"}),
        CustodyEvent("viewed", "tester", AT, "other", {}),
    ]
    log.append(events)
    log.checkpoint(SIGNER, AT)
    return log


def custody_slice(
    log: CustodyLog, subjects: list[str], tokens: list[TimestampToken]
) -> CustodySlice:
    latest = log.store.latest_checkpoint()
    assert latest is not None
    leaves = [
        (leaf.index, leaf.data)
        for subject in subjects
        for leaf in log.store.subject_leaves(subject)
    ]
    proofs = {i: log.inclusion_proof(i, latest.size).hashes for i, _ in leaves}
    return CustodySlice(
        latest.note, latest.size, verifier_key_string(SIGNER), leaves, proofs, tokens
    )


def sample_input(tokens: list[TimestampToken] | None = None, **changes: Any) -> CaseFileInput:
    case_id = "0f8e7d6c-0000-4000-8000-000000000001"
    log = _log(case_id)
    blobs = {ref(PUBLIC): PUBLIC, ref(WITNESS): WITNESS, ref(REDACTED): REDACTED}
    catalogue = load_catalogue()
    charge = Charge("ch-1", case_id, "rs-8-2-e-xiv", "Syrian government forces")
    links = [
        EvidenceLink(
            "l-1",
            "ch-1",
            "rs-8-2-e-xiv.1",
            EvidenceRef("incident", "inc-1"),
            "inculpatory",
            4,
            "helicopters dropped cylinders",
        )
    ]
    incidents = [
        {
            "id": "inc-1",
            "event_type": "chemical_attack",
            "date_start": "2016-11-17",
            "date_end": "2016-12-13",
            "place_normalized": "Aleppo",
            "location": "حلب",
            "agent": "chlorine",
            "perpetrator": "Syrian government forces",
            "killed": {"min": 9},
            "independent_sources": ["Human Rights Watch"],
            "confidence": "high",
            "source_reliability": {"Human Rights Watch": {"grade": "B", "rule": "NGO"}},
            "contradictions": [{"field": "perpetrator", "claims": ["government denies"]}],
        },
        {
            "id": "inc-2",
            "event_type": "chemical_attack",
            "date_start": "2014-04-21",
            "place_normalized": "Talmenes",
            "agent": "chlorine",
        },
    ]
    items = [
        BundleItem(
            ref(PUBLIC),
            "text/plain",
            len(PUBLIC),
            "hrw.txt",
            "2026-11-01T12:00:00Z",
            "tester",
            "https://example.org/hrw",
            "Aleppo chlorine",
            "HRW",
            "2017-02-13",
            "en",
        ),
        BundleItem(
            ref(WITNESS),
            "text/plain",
            len(WITNESS),
            "w1.txt",
            "2026-11-01T12:00:00Z",
            "tester",
            None,
            redacted_sha256=ref(REDACTED),
        ),
    ]
    values: dict[str, Any] = {
        "case": {
            "id": case_id,
            "title": "Chlorine attacks on Aleppo حلب",
            "created_at": "2026-11-01T12:00:00Z",
            "created_by": "tester",
        },
        "charges": [charge],
        "crimes": {charge.crime_id: catalogue.crime(charge.crime_id)},
        "links": links,
        "matrix": build_matrix(catalogue, [charge], links),
        "suggestions": [],
        "incidents": incidents,
        "items": items,
        "documents": [
            BundleDocument("doc-1", ref(PUBLIC), "hrw", PUBLIC.decode(), "en", "text@1"),
            BundleDocument("doc-2", ref(WITNESS), "w1", WITNESS.decode(), "en", "text@1"),
        ],
        "derivatives": [BundleDerivative("d-1", ref(PUBLIC), "metadata", "text@1", PAGES)],
        "custody": custody_slice(log, [ref(PUBLIC), ref(WITNESS), case_id], tokens or []),
        "open_blob": lambda sha: io.BytesIO(blobs[sha]),
        "tool": "qarina@test",
        "coordinates": {"Aleppo": (36.2, 37.15), "Talmenes": (35.64, 36.74)},
        "rules": ["toxic-agent@1"],
    }
    values.update(changes)
    return CaseFileInput(**values)
