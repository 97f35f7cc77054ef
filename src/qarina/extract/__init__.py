"""Extraction: dates, places, actors, means, counts, legal references, attribution, incidents.

Entry points (import them from their modules; this package imports nothing on load):

- ``qarina.extract.document.extract_document(doc) -> dict``: one input line
  (``{"id", "text", "published"?, "language"?, "url"?, "title"?, "publisher"?}``) to the
  ``qarina extract`` contract object (``id, language, origin, relays, via, incidents,
  legal_refs, organizations, report_refs`` plus ``extractor``); raises
  :class:`qarina.core.errors.InputError` for an unusable line.
- ``qarina.extract.document.extract_jsonl(lines) -> Iterator[str]``: the same per JSONL
  line, errors as ``{"id", "line", "error": {"code", "message"}}`` objects.
- ``qarina.extract.document.EXTRACTOR``: the processor id ``extract@<version>``.

Modules, by the family they hold: ``dates``/``counts`` (time and numbers), ``places``/
``gazetteer`` (places), ``actors`` (organisations, governments, perpetrators), ``agents``
(chemical agents, delivery, event words), ``legal`` (legal references), ``claims`` and
``attribution`` (who asserts what, report references, origin, relays), ``narrowing``
(umbrella claimants to the investigative body a document names), ``anchors``,
``clauses``, ``drafts`` and ``incidents`` (incident assembly), ``contract`` and
``document`` (the output). Word lists live in ``resources/lexicon/*.json``.
"""
