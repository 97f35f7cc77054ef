"""Rich rendering of one item (``qarina show``)."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from qarina.cli.output import console


def render_item(view: dict[str, Any]) -> None:
    """Print an item view built by :func:`qarina.app.item_view.describe_item`."""
    console.print(f"[bold]{view['sha256']}[/]")
    for key in ("md5", "sha1", "size", "mime", "first_acquired_at", "blob_path"):
        console.print(f"  {key:18} {escape(str(view[key]))}")
    for acq in view["acquisitions"]:
        console.print(
            f"  acquired {acq['acquired_at']} by {escape(acq['acquired_by'])} "
            f"as {escape(str(acq['original_name']))} ({escape(acq['tool'])})"
            + (f" from {escape(acq['source_url'])}" if acq["source_url"] else "")
        )
    for doc in view["documents"]:
        console.print(
            f"  document {doc['id']}: {doc['chars']} characters, language {doc['language']}, "
            f"title {escape(str(doc['title']))}"
        )
    table = Table("#", "event", "at", "by", "details", title="custody history", expand=True)
    for event in view["custody"]:
        details = ", ".join(f"{k}={v}" for k, v in event["details"].items() if k != "tool")
        table.add_row(
            str(event["index"]),
            event["kind"],
            event["at"],
            escape(event["actor"]),
            escape(details[:160]),
        )
    console.print(table)
    proof = view.get("inclusion_proof")
    if proof and proof.get("verified"):
        console.print(
            f"[green]inclusion proof[/] of leaf {proof['leaf_index']} in the signed tree "
            f"of {proof['tree_size']} leaves: verified ({len(proof['hashes'])} hashes)"
        )
        for line in proof["hashes"]:
            console.print(f"  {line}")
    elif proof:
        console.print(f"[yellow]{proof['status']}[/] ({proof['hint']})")
