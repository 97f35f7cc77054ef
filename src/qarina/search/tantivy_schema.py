"""The on-disk layout of the embedded search index: tantivy schema and format marker.

The folder holds a tantivy index plus ``qarina-search.json``, which names the schema
version and the analyser (``qarina.core.search_text.ANALYSER_VERSION``) the terms were
made with; an index made by another version is refused with a hint to rebuild it.
"""

from __future__ import annotations

import json
from pathlib import Path

import tantivy

from qarina.core.errors import WorkspaceError
from qarina.core.search_text import ANALYSER_VERSION

SCHEMA_VERSION = 1
MARKER_NAME = "qarina-search.json"

# Field names.
KEY = "key"  # "<item digest>#<seq>": one passage, for replacement on re-add
ITEM = "item"
SEQ = "seq"
START = "start"
END = "end"
LANGUAGE = "language"
TERMS = "terms"  # analysed terms joined by spaces, with positions (phrases)
TEXT = "text"  # the original passage text (UTF-8), stored for snippets only

UNKNOWN_LANGUAGE = "und"  # BCP 47 "undetermined"


def build_schema() -> tantivy.Schema:
    """The schema of a Qarina passage index."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(KEY, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(ITEM, stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field(SEQ, stored=True)
    builder.add_unsigned_field(START, stored=True)
    builder.add_unsigned_field(END, stored=True)
    builder.add_text_field(
        LANGUAGE, stored=True, fast=True, tokenizer_name="raw", index_option="basic"
    )
    builder.add_text_field(TERMS, tokenizer_name="whitespace", index_option="position")
    builder.add_bytes_field(TEXT, stored=True)
    return builder.build()


def marker() -> dict[str, object]:
    """What ``qarina-search.json`` says for an index this code writes."""
    return {"format": "qarina-search", "schema": SCHEMA_VERSION, "analyser": ANALYSER_VERSION}


def check_marker(folder: Path) -> bool:
    """True when ``folder`` holds an index of this version; False when it holds none.

    Raises ``WorkspaceError`` for a folder with a foreign or outdated index.
    """
    path = folder / MARKER_NAME
    if not path.exists():
        if any(folder.iterdir()):
            raise WorkspaceError(
                f"{folder} is not empty and holds no Qarina search index",
                hint="give the search index a folder of its own (or delete an unfinished one)",
            )
        return False
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"cannot read {path}: {exc}") from exc
    if found != marker():
        raise WorkspaceError(
            f"the search index in {folder} was built as {found}, this Qarina needs {marker()}",
            hint="delete the folder and re-index the workspace",
        )
    return True


def write_marker(folder: Path) -> None:
    """Record the schema and analyser versions next to a new index."""
    (folder / MARKER_NAME).write_text(json.dumps(marker(), sort_keys=True), encoding="utf-8")
