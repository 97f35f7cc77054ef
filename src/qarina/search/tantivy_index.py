"""The embedded full-text index: BM25-ranked passages in a tantivy folder.

Text is analysed in Python by :mod:`qarina.core.search_text` (the same analyser the
PostgreSQL back end uses) and handed to tantivy as space-separated terms, so tantivy
only splits on spaces, records positions (for phrases) and ranks with BM25.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy

from qarina.core.errors import StorageError, UsageError, WorkspaceError
from qarina.core.model import Passage
from qarina.core.ports import SearchHit
from qarina.core.search_query import check_limit, parse_query
from qarina.core.search_snippet import build_snippet
from qarina.core.search_text import check_passage, indexable_text
from qarina.search.tantivy_query import to_tantivy
from qarina.search.tantivy_schema import (
    END,
    ITEM,
    KEY,
    LANGUAGE,
    SEQ,
    START,
    TERMS,
    TEXT,
    UNKNOWN_LANGUAGE,
    build_schema,
    check_marker,
    write_marker,
)

DEFAULT_WRITER_HEAP = 128_000_000
DEFAULT_LOCK_WAIT = 30.0  # seconds to wait for another process's writer
MAX_LANGUAGES = 1000


def passage_key(item_sha256: str, seq: int) -> str:
    """The unique key of one passage in the index."""
    return f"{item_sha256}#{seq}"


def _document(passage: Passage) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text(KEY, passage_key(passage.item_sha256, passage.seq))
    doc.add_text(ITEM, passage.item_sha256)
    doc.add_unsigned(SEQ, passage.seq)
    doc.add_unsigned(START, passage.start)
    doc.add_unsigned(END, passage.end)
    doc.add_text(LANGUAGE, passage.language or UNKNOWN_LANGUAGE)
    doc.add_text(TERMS, indexable_text(passage.text))
    doc.add_bytes(TEXT, passage.text.encode("utf-8"))
    return doc


def _hit(doc: tantivy.Document, score: float, terms: frozenset[str]) -> SearchHit:
    text = bytes(doc.get_first(TEXT) or b"").decode("utf-8")
    start = int(doc.get_first(START) or 0)
    snippet = build_snippet(text, terms)
    language = str(doc.get_first(LANGUAGE) or UNKNOWN_LANGUAGE)
    return SearchHit(
        item_sha256=str(doc.get_first(ITEM)),
        seq=int(doc.get_first(SEQ) or 0),
        score=float(score),
        snippet=snippet.text,
        start=start,
        end=int(doc.get_first(END) or 0),
        language=None if language == UNKNOWN_LANGUAGE else language,
        highlights=tuple((start + lo, start + hi) for lo, hi in snippet.highlights),
    )


def _check_language(language: str | None) -> str | None:
    if language is not None and (not isinstance(language, str) or not language.strip()):
        raise UsageError(f"language must be a language tag such as 'en' or 'ar', not {language!r}")
    return language


class TantivySearchIndex:
    """Ranked full-text search over passages, kept in one folder (``SearchIndex``)."""

    def __init__(
        self,
        index: tantivy.Index,
        *,
        writer_heap: int = DEFAULT_WRITER_HEAP,
        writer_threads: int = 0,
        lock_wait: float = DEFAULT_LOCK_WAIT,
    ) -> None:
        self._index = index
        self._schema = index.schema
        self._writer_heap = writer_heap
        self._writer_threads = writer_threads
        self._lock_wait = lock_wait
        self._write_lock = threading.Lock()  # writers of this process queue here

    def _open_writer(self) -> tantivy.IndexWriter:
        """A writer, waiting up to ``lock_wait`` seconds for another process's to finish."""
        deadline = time.monotonic() + self._lock_wait
        pause = 0.02
        while True:
            try:
                return self._index.writer(self._writer_heap, self._writer_threads)
            except ValueError as exc:
                busy = "LockBusy" in str(exc)
                if not busy or time.monotonic() + pause > deadline:
                    raise StorageError(
                        f"cannot write to the search index: {exc}",
                        hint="another process is indexing; try again when it has finished"
                        if busy
                        else "check that the index folder is writable",
                    ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 1.0)

    @contextmanager
    def _writing(self) -> Iterator[tantivy.IndexWriter]:
        """A writer that commits on success and rolls back on any error."""
        with self._write_lock:
            writer = self._open_writer()
            try:
                yield writer
                writer.commit()
            except (ValueError, OSError) as exc:  # tantivy refused a document or the commit
                writer.rollback()
                raise StorageError(
                    f"indexing failed and was rolled back: {exc}",
                    hint="check free disk space and that the index folder is writable",
                ) from exc
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()
            self._index.reload()

    @contextmanager
    def _reading(self) -> Iterator[tantivy.Searcher]:
        """A searcher; tantivy failures (a damaged or vanished index) become ``StorageError``."""
        try:
            yield self._index.searcher()
        except (ValueError, OSError) as exc:
            raise StorageError(
                f"cannot read the search index: {exc}",
                hint="if the index folder was damaged, delete it and re-index the workspace",
            ) from exc

    def add(self, passages: Iterable[Passage]) -> int:
        """Index ``passages`` in one commit, replacing any with the same item and seq."""
        added = 0
        with self._writing() as writer:
            for passage in passages:
                check_passage(passage)
                writer.delete_documents_by_term(KEY, passage_key(passage.item_sha256, passage.seq))
                writer.add_document(_document(passage))
                added += 1
        return added

    def remove_item(self, item_sha256: str) -> None:
        """Remove every passage of one item."""
        with self._writing() as writer:
            writer.delete_documents_by_term(ITEM, item_sha256)

    def clear(self) -> None:
        """Remove every passage (before re-indexing a workspace)."""
        with self._writing() as writer:
            writer.delete_all_documents()

    def search(
        self, query: str, limit: int = 10, *, language: str | None = None
    ) -> list[SearchHit]:
        """The best ``limit`` passages for ``query`` by BM25, with snippets."""
        parsed = parse_query(query)
        check_limit(limit)
        compiled = to_tantivy(self._schema, parsed, _check_language(language))
        with self._reading() as searcher:
            result = searcher.search(compiled, limit, count=False)
            docs = [(searcher.doc(address), score) for score, address in result.hits]
        terms = parsed.highlight_terms()
        return [_hit(doc, score, terms) for doc, score in docs]

    def language_counts(self, query: str) -> dict[str, int]:
        """How many passages match ``query`` per language (``"und"`` when unknown)."""
        compiled = to_tantivy(self._schema, parse_query(query))
        aggregation = {"languages": {"terms": {"field": LANGUAGE, "size": MAX_LANGUAGES}}}
        with self._reading() as searcher:
            result = searcher.aggregate(compiled, aggregation)
        buckets = result.get("languages", {}).get("buckets", [])
        return {str(b["key"]): int(b["doc_count"]) for b in buckets}

    def count(self) -> int:
        """How many passages are indexed."""
        with self._reading() as searcher:
            return int(searcher.num_docs)

    def reload(self) -> None:
        """See commits made by other processes now rather than after tantivy's delay."""
        self._index.reload()


def open_index(
    folder: Path,
    *,
    writer_heap: int = DEFAULT_WRITER_HEAP,
    writer_threads: int = 0,
    lock_wait: float = DEFAULT_LOCK_WAIT,
) -> TantivySearchIndex:
    """Open the search index in ``folder``, creating it (and the folder) when absent.

    Opening is cheap (the index is memory-mapped). ``writer_heap`` (bytes) and
    ``writer_threads`` (0 = one per core) tune bulk indexing; a write waits up to
    ``lock_wait`` seconds while another process is writing.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(f"cannot create the search index folder {folder}: {exc}") from exc
    exists = check_marker(folder)
    try:
        if exists:
            index = tantivy.Index.open(str(folder))
        else:
            index = tantivy.Index(build_schema(), path=str(folder), reuse=False)
            write_marker(folder)
    except ValueError as exc:
        raise WorkspaceError(
            f"cannot open the search index in {folder}: {exc}",
            hint="delete the folder and re-index the workspace",
        ) from exc
    return TantivySearchIndex(
        index, writer_heap=writer_heap, writer_threads=writer_threads, lock_wait=lock_wait
    )
