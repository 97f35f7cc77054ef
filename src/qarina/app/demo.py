"""``qarina demo``: a workspace built from the sample collection shipped with Qarina."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from qarina.app.ingestion import Ingestion, IngestSummary
from qarina.app.workspace import Workspace, create_workspace
from qarina.custody.report import VerificationReport

DEMO_PACKAGE = "qarina.app.demo_data"
JSONL_NAME = "demo.jsonl"
MANIFEST_NAME = "sources.json"


@dataclass
class DemoResult:
    """What the demo built, for printing."""

    workspace: Workspace
    summaries: list[IngestSummary] = field(default_factory=list)
    report: VerificationReport | None = None
    incidents: list[dict[str, Any]] = field(default_factory=list)


def demo_folder() -> Path:
    """The shipped sample collection (a folder inside the installed package)."""
    return Path(str(resources.files(DEMO_PACKAGE)))


def free_folder(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3``… — the first that does not exist yet."""
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def sample_files(folder: Path) -> list[Path]:
    """The evidence files of the collection (not its JSONL or manifest, not Python)."""
    skip = {JSONL_NAME, MANIFEST_NAME, "__init__.py"}
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.name not in skip and not p.name.startswith((".", "_"))
    )


def run_demo(target: Path, *, workers: int = 1) -> DemoResult:
    """Create a workspace at ``target``, ingest the samples, link, verify."""
    from qarina.app.linking import link_workspace
    from qarina.app.verification import verify_workspace

    ws = create_workspace(target, user="qarina-demo")
    result = DemoResult(ws)
    folder = demo_folder()
    ingestion = Ingestion(ws, workers=workers)
    result.summaries.append(ingestion.ingest_paths(sample_files(folder)))
    if (folder / JSONL_NAME).is_file():
        result.summaries.append(ingestion.ingest_jsonl(folder / JSONL_NAME))
    result.incidents = link_workspace(ws)
    ws.checkpoint()
    result.report = verify_workspace(ws)
    ws.checkpoint()
    return result
