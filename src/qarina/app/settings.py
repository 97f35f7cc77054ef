"""Settings: declared once, read once at the edge (CLI or web start-up), passed down.

Sources, strongest first: explicit arguments, environment (``QARINA_DB``,
``QARINA_USER``, ``QARINA_SIGNING_KEY``), the workspace's ``qarina.toml``, defaults.
Secrets are referenced (a key file path), never written into the config file.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qarina.core.errors import WorkspaceError

CONFIG_NAME = "qarina.toml"
DEFAULT_DB_NAME = "qarina.db"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a workspace needs to open, resolved once."""

    workspace: Path
    db_url: str
    user: str
    origin: str  # checkpoint origin line and key name, e.g. "qarina.local/ws-1a2b"
    key_file: Path
    blob_root: Path
    search_root: Path

    @property
    def config_file(self) -> Path:
        return self.workspace / CONFIG_NAME


def default_db_url(workspace: Path) -> str:
    """The embedded default: a SQLite file inside the workspace."""
    return f"sqlite:///{(workspace / DEFAULT_DB_NAME).resolve()}"


def read_config(workspace: Path) -> dict[str, object]:
    """The workspace's ``qarina.toml`` as a dict (``WorkspaceError`` when unusable)."""
    path = workspace / CONFIG_NAME
    if not path.is_file():
        raise WorkspaceError(
            f"{workspace} is not a Qarina workspace (no {CONFIG_NAME})",
            hint=f"create one with: qarina init {workspace}",
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WorkspaceError(f"{path} is not valid TOML: {exc}") from exc
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise WorkspaceError(
            f"{path}: workspace format {version!r}, this Qarina reads {FORMAT_VERSION}"
        )
    return data


def write_config(workspace: Path, *, origin: str, db_url: str | None) -> None:
    """Write a new workspace's ``qarina.toml`` (no secrets in it)."""
    lines = [
        f"format_version = {FORMAT_VERSION}",
        f'origin = "{origin}"',
        'key_file = "keys/signing.key"',
    ]
    if db_url is not None:
        lines.append(f'db_url = "{_redact_password(db_url)}"')
    (workspace / CONFIG_NAME).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _redact_password(url: str) -> str:
    if "@" in url and ":" in url.split("@", 1)[0].split("//", 1)[-1]:
        raise WorkspaceError(
            "refusing to write a database password into qarina.toml",
            hint="pass the URL through QARINA_DB or --db each time, or use a .pgpass file",
        )
    return url


def load_settings(
    workspace: Path,
    *,
    db_url: str | None = None,
    user: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve the settings of an existing workspace."""
    env = os.environ if environ is None else environ
    workspace = workspace.resolve()
    config = read_config(workspace)
    url = db_url or env.get("QARINA_DB") or str(config.get("db_url") or default_db_url(workspace))
    key_file = Path(env.get("QARINA_SIGNING_KEY") or workspace / str(config.get("key_file")))
    return Settings(
        workspace=workspace,
        db_url=url,
        user=user or env.get("QARINA_USER") or _login_name(),
        origin=str(config["origin"]),
        key_file=key_file,
        blob_root=workspace / "blobs",
        search_root=workspace / "search",
    )


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
