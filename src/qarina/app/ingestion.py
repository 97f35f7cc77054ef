"""An ingest run: preserve inputs in parallel, record them in order, batch by batch.

Workers (processes) store each original in the blob store and read it; the parent
records each batch — evidence rows, extracted facts and custody events — in ONE database
transaction, then indexes the passages. A crash loses at most the batch in flight: its
blobs are already stored under their digests (and reused on the rerun), its rows and
events are not, so the log and the tables never disagree.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qarina.app.processing import (
    DEFAULT_MAX_BYTES,
    Processed,
    ProcessOptions,
    process_file,
    process_line,
)
from qarina.app.records import Outcome, RecordBuilder
from qarina.app.sources import FileSource, LineSource, Rejected, read_jsonl, walk_paths
from qarina.app.workspace import Workspace
from qarina.core.ids import new_id

Progress = Callable[[Outcome], None]
_WINDOW_PER_WORKER = 32


@dataclass(slots=True)
class IngestSummary:
    """Every input's outcome and the totals, for the CLI and ``--json``."""

    batch_id: str
    outcomes: list[Outcome] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        counts = {"preserved": 0, "opaque": 0, "failed": 0}
        for outcome in self.outcomes:
            counts[outcome.status] += 1
        counts["incidents"] = sum(o.incidents for o in self.outcomes)
        return counts

    def as_json(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "totals": self.totals(),
            "inputs": [o.as_json() for o in self.outcomes],
        }


class Ingestion:
    """Preserve and read a set of inputs into a workspace."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        workers: int = 1,
        batch_size: int = 256,
        extract_facts: bool = True,
        max_bytes: int | None = None,
        source_url: str | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.workspace = workspace
        self.workers = workers
        self.batch_size = batch_size
        self.options = ProcessOptions(
            workspace.settings.blob_root,
            max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            extract_facts=extract_facts,
        )
        self.source_url = source_url
        self.progress = progress

    def ingest_paths(self, paths: Iterable[Path]) -> IngestSummary:
        """Preserve every file under ``paths``."""
        return self._run(walk_paths(list(paths)))

    def ingest_sources(self, sources: Iterable[FileSource | Rejected]) -> IngestSummary:
        """Preserve files already walked (see :func:`qarina.app.sources.walk_paths`)."""
        return self._run(sources)

    def ingest_jsonl(self, file: Path) -> IngestSummary:
        """Preserve every line of a JSONL file as its own original."""
        return self._run(read_jsonl(file))

    def _run(self, sources: Iterable[FileSource | LineSource | Rejected]) -> IngestSummary:
        self.workspace.blobs.sweep_temporary()  # leftovers of an interrupted earlier run
        summary = IngestSummary(new_id())
        batch: list[Processed] = []
        for result in self._processed(sources):
            batch.append(result)
            if len(batch) >= self.batch_size:
                self._record(summary, batch)
                batch = []
        if batch:
            self._record(summary, batch)
        return summary

    def _processed(
        self, sources: Iterable[FileSource | LineSource | Rejected]
    ) -> Iterator[Processed]:
        if self.workers <= 1:
            for source in sources:
                yield _process(source, self.options)
            return
        window: deque[Future[Processed]] = deque()
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            for source in sources:
                window.append(pool.submit(_process, source, self.options))
                if len(window) >= self.workers * _WINDOW_PER_WORKER:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()

    def _record(self, summary: IngestSummary, batch: list[Processed]) -> None:
        ws = self.workspace
        builder = RecordBuilder(summary.batch_id, ws.settings.user, ws.clock.now(), self.source_url)
        for result in batch:
            builder.add(result)
        recorded = builder.recorded
        ws.blobs.sync()  # every original of the batch is durable before it is recorded
        with ws.engine.begin() as conn:
            ws.evidence.write_batch(conn, recorded.evidence)
            ws.facts.write_extractions(conn, recorded.extractions)
            ws.custody.append(recorded.events, connection=conn)
        ws.search.add(recorded.evidence.passages)
        summary.outcomes.extend(recorded.outcomes)
        if self.progress is not None:
            for outcome in recorded.outcomes:
                self.progress(outcome)


def _process(source: FileSource | LineSource | Rejected, options: ProcessOptions) -> Processed:
    if isinstance(source, Rejected):
        return Processed(source.label, failure=source.reason)
    if isinstance(source, LineSource):
        return process_line(source, options)
    return process_file(source, options)
