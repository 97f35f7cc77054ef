"""Extraction of one document into the ``qarina extract`` contract object.

``extract_document(doc)`` takes one input line (``{"id", "text", "published"?,
"language"?, "url"?, "title"?, "publisher"?}``) and returns ``{"id", "language",
"origin", "relays", "via", "incidents", "legal_refs", "organizations", "report_refs"}``
plus ``"extractor"``. ``extract_jsonl(lines)`` does that for every line of a JSONL
stream and yields one JSON line per input line; a bad line yields an error object.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from qarina.core.errors import InputError
from qarina.extract.actors import (
    OrgInfo,
    is_repost,
    named_parts,
    org_table,
    publisher_organization,
)
from qarina.extract.anchors import dominant_country
from qarina.extract.attribution import (
    Attribution,
    decide_origin,
    decide_relays,
    read_attribution,
)
from qarina.extract.claims import INTERMEDIARY_KINDS, UMBRELLAS, members
from qarina.extract.contract import incident_record, report_ref_record
from qarina.extract.drafts import UNNAMED, Draft
from qarina.extract.incidents import assemble
from qarina.extract.language import guess_language
from qarina.extract.legal import legal_values
from qarina.extract.mentions import Mentions, read_mentions
from qarina.extract.narrowing import narrow, narrow_all, umbrella_narrowing

VERSION = "0.3.0"  # bumped whenever the output for the same input changes
EXTRACTOR = f"extract@{VERSION}"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _field(doc: dict[str, Any], key: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string or null, not {type(value).__name__}")
    return value


def _check(doc: Any) -> tuple[str, str, str | None, str | None]:
    if not isinstance(doc, dict):
        raise InputError("an input line must be a JSON object")
    text = doc.get("text")
    if not isinstance(text, str):
        raise InputError("field 'text' is missing or not a string")
    published = _field(doc, "published")
    if published is not None and not _DATE.match(published):
        published = None  # an unusable date must not break extraction: treat as unknown
    language = _field(doc, "language")
    if language is not None:  # "en", "EN", "en-US", "pt_BR": the primary language subtag
        primary = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
        language = primary if _LANGUAGE.match(primary) else None
    doc_id = doc.get("id")
    return (str(doc_id) if doc_id is not None else ""), text, published, language


def _claimants(drafts: list[Draft], att: Attribution, fallback: str | None) -> list[str | None]:
    """Each record's claimant: the one its first evidence names, a specific body before an
    umbrella ("United Nations"), the document's main claimant when none is named."""
    out: list[str | None] = []
    for d in drafts:
        if d.claimant == UNNAMED:
            out.append(UNNAMED)
            continue
        if d.claimant is None:
            out.append(fallback)
        elif d.claimant in UMBRELLAS and d.other_claimants:
            out.append(max(d.other_claimants, key=lambda c: att.scores[c]))
        else:
            out.append(d.claimant)
    return out


def _relays(
    publisher: OrgInfo | None,
    origin: bool,
    att: Attribution,
    named: list[str],
    fallback: str | None,
) -> list[str]:
    """A document that is not the first-hand source relays someone: at least its source."""
    relays = decide_relays(publisher, origin, att, named)
    if relays or origin or fallback is None:
        return relays
    return [n for n in members(fallback) if publisher is None or n != publisher.name]


def _default_claimant(m: Mentions, publisher: OrgInfo | None) -> str | None:
    """Without any reporting verb: the publisher itself, or the organisation named most."""
    if publisher is not None and publisher.kind not in INTERMEDIARY_KINDS:
        return publisher.name
    counts = Counter(
        o.name for o in m.orgs.items if o.kind not in INTERMEDIARY_KINDS and o.kind != "government"
    )
    return counts.most_common(1)[0][0] if counts else None


def _organizations(m: Mentions, speakers: list[str]) -> list[str]:
    names = [n for o in m.orgs.items for n in (o.name, *named_parts(o))] + speakers
    return list(dict.fromkeys(names))


def extract_document(doc: dict[str, Any]) -> dict[str, Any]:
    """The contract object for one input document (raises :class:`InputError` if unusable)."""
    doc_id, text, published, language = _check(doc)
    language = (language.lower() if language else None) or guess_language(text)
    m = read_mentions(text, language, published)
    publisher_text = _field(doc, "publisher")
    publisher = publisher_organization(publisher_text)
    att = read_attribution(m, publisher, is_repost(publisher_text))
    country = dominant_country(m)
    drafts = assemble(m, att, country)
    fallback = att.main_claimant() or _default_claimant(m, publisher)
    narrowing = umbrella_narrowing(o.name for o in m.orgs.items)
    claimants = [narrow(c, narrowing) for c in _claimants(drafts, att, fallback)]
    named = [c for c in claimants if c and c != UNNAMED]
    origin = decide_origin(publisher, att, named, frozenset(o.name for o in m.orgs.items))
    index = {id(d): k for k, d in enumerate(drafts)}
    incidents = [
        incident_record(m, d, c, index.get(id(d.parent)) if d.parent else None, country)
        for d, c in zip(drafts, claimants, strict=True)
    ]
    table = org_table()
    return {
        "id": doc_id,
        "language": language,
        "origin": origin,
        "relays": narrow_all(_relays(publisher, origin, att, named, fallback), narrowing),
        "via": [v for v in att.via if v in table],
        "incidents": incidents,
        "legal_refs": legal_values(m.legal),
        "organizations": _organizations(m, att.speakers),
        "report_refs": [report_ref_record(r) for r in att.report_refs],
        "extractor": EXTRACTOR,
    }


def _error(doc_id: Any, line_no: int, code: str, message: str) -> str:
    return json.dumps(
        {"id": doc_id, "line": line_no, "error": {"code": code, "message": message}},
        ensure_ascii=False,
    )


def extract_jsonl(lines: Iterable[str]) -> Iterator[str]:
    """One JSON output line per non-blank input line; errors become error objects.

    Error objects are ``{"id", "line", "error": {"code", "message"}}``: ``qarina.input`` for
    an unusable line (not JSON, no text), ``qarina.extract.internal`` for a failure inside
    extraction (a bug to report; the other lines are still processed).
    """
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _error(None, line_no, "qarina.input", f"not valid JSON: {exc.msg}")
            continue
        doc_id = doc.get("id") if isinstance(doc, dict) else None
        try:
            yield json.dumps(extract_document(doc), ensure_ascii=False)
        except InputError as exc:
            yield _error(doc_id, line_no, exc.code, exc.message)
        except Exception as exc:  # one document's failure must not stop the batch
            message = f"extraction failed: {type(exc).__name__}: {exc}"
            yield _error(doc_id, line_no, "qarina.extract.internal", message)
