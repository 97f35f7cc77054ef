"""Browser tests: Python Playwright driving Debian's chromium against a live server.

They skip with a reason when chromium or playwright is missing, unless
``QARINA_REQUIRE_BROWSER=1`` (CI), where a missing browser is a failure. Screenshots go
to ``QARINA_SCREENSHOTS`` or a temporary folder (printed at the end of the session).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qarina.app.settings import load_settings
from qarina.app.workspace import open_workspace
from qarina.web.server import BackgroundServer, ServeOptions
from tests.integration.web.harness import build_base

CHROMIUM = Path(os.environ.get("QARINA_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "python playwright is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("QARINA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = build_base(tmp_path_factory.mktemp("browser") / "ws")
    ws = open_workspace(load_settings(folder, user="browser-tests"))
    server = BackgroundServer(ws, ServeOptions(port=_free_port()))
    url = server.start()
    yield url.rstrip("/")
    server.stop()
    ws.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("QARINA_SCREENSHOTS")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()
