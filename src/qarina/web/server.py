"""Running the web application with uvicorn (in the foreground, or in a thread for tests)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import uvicorn

from qarina.app.web_services import WebServices
from qarina.app.workspace import Workspace
from qarina.core.errors import UsageError
from qarina.web.app import create_app


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Where and how to listen."""

    host: str = "127.0.0.1"
    port: int = 8000
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None
    log_level: str = "warning"
    behind_https_proxy: bool = False  # TLS ends at a proxy: cookies still marked Secure

    @property
    def https(self) -> bool:
        """True when cookies must be marked Secure."""
        return self.ssl_certfile is not None or self.behind_https_proxy

    @property
    def url(self) -> str:
        """Where the server can be reached."""
        scheme = "https" if self.ssl_certfile else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}/"


def build_server(ws: Workspace, options: ServeOptions) -> uvicorn.Server:
    """A uvicorn server for the workspace's web application (not started)."""
    if (options.ssl_certfile is None) != (options.ssl_keyfile is None):
        raise UsageError("give both --ssl-certfile and --ssl-keyfile, or neither")
    app = create_app(WebServices(ws), https=options.https)
    config = uvicorn.Config(
        app,
        host=options.host,
        port=options.port,
        log_level=options.log_level,
        ssl_certfile=options.ssl_certfile,
        ssl_keyfile=options.ssl_keyfile,
        proxy_headers=False,
        server_header=False,
    )
    return uvicorn.Server(config)


def serve(ws: Workspace, options: ServeOptions) -> None:
    """Serve in the foreground until interrupted."""
    build_server(ws, options).run()


class BackgroundServer:
    """A server running in a daemon thread (tests, ``demo --serve`` callers)."""

    def __init__(self, ws: Workspace, options: ServeOptions) -> None:
        self.options = options
        self.server = build_server(ws, options)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self, timeout: float = 20.0) -> str:
        """Start and wait until it accepts connections; return its URL."""
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise UsageError(f"the web server did not start on {self.options.url}")
            time.sleep(0.05)
        return self.options.url

    def stop(self) -> None:
        """Ask the server to finish and wait for its thread."""
        self.server.should_exit = True
        self.thread.join(timeout=10)
