"""The PDF of the report, rendered by WeasyPrint from the HTML and the bundle's own files.

Nothing is fetched from outside the bundle: the URL fetcher serves only files the bundle
holds (under a reserved ``.invalid`` host that never resolves), so the PDF shows exactly
what the bundle contains and rendering never touches the network.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from typing import Any

BUNDLE_ROOT = "https://bundle.invalid/"
FIXED_EPOCH = "315532800"  # 1980-01-01, the ZIP epoch: font subsets carry no render time
_ENV_LOCK = threading.Lock()
BASE_URL = BUNDLE_ROOT + "report/"
_MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".css": "text/css"}


def _bundle_file(files: Mapping[str, bytes], url: str) -> tuple[bytes, str]:
    path = url.removeprefix(BUNDLE_ROOT)
    if not url.startswith(BUNDLE_ROOT) or path not in files:
        raise ValueError(f"the report uses {url}, which is not in the bundle")
    return files[path], _MIME.get(path[path.rfind(".") :], "application/octet-stream")


def _fetcher(files: Mapping[str, bytes]) -> Any:
    """A WeasyPrint URL fetcher over the bundle's in-memory files (nothing else).

    WeasyPrint 70 takes a ``URLFetcher`` subclass; older versions take a function
    returning a dict. Both serve only the bundle's files.
    """
    from weasyprint import urls

    if not hasattr(urls, "URLFetcherResponse"):

        def fetch_dict(url: str) -> dict[str, Any]:
            content, mime = _bundle_file(files, url)
            return {"string": content, "mime_type": mime}

        return fetch_dict

    class BundleFetcher(urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            try:
                content, mime = _bundle_file(files, url)
            except ValueError as exc:
                raise urls.FatalURLFetchingError(str(exc)) from exc
            return urls.URLFetcherResponse(url, content, headers={"Content-Type": mime})

    return BundleFetcher(allowed_protocols=["https"], fail_on_errors=True)


def render_pdf(html: str, files: Mapping[str, bytes]) -> bytes:
    """The PDF of ``html``; images are resolved against ``files`` (bundle path → bytes)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher(files))
    # fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH is set
    # (the reproducible-builds convention); set it only while rendering, then restore it.
    with _ENV_LOCK:
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
        try:
            pdf: bytes = document.write_pdf()
        finally:
            if previous is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous
    return pdf
