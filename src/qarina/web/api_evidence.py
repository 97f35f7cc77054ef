"""API: items, originals, documents, search, uploads and restrictions."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from qarina.app import web_actions, web_listings
from qarina.app.accounts import User
from qarina.app.web_listings import DEFAULT_LIMIT, MAX_LIMIT, Page
from qarina.web.auth import api_user, web_context
from qarina.web.context import WebContext
from qarina.web.downloads import download_response
from qarina.web.responses import json_response

router = APIRouter(prefix="/api", tags=["evidence"])
DIGEST = PathParam(pattern=r"^(sha256:)?[0-9a-f]{6,64}$", description="sha256 digest or prefix")


class Restriction(BaseModel):
    """Restrict an item to a collection (``null`` lifts the restriction)."""

    collection: str | None = Field(default=None, max_length=255)
    reason: str = Field(min_length=1, max_length=2000)


@router.get("/items", response_class=JSONResponse)
def list_items(
    after: str | None = Query(None, max_length=71, description="digest the page starts after"),
    before: str | None = Query(None, max_length=71, description="digest the page ends before"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    mime: str | None = Query(None, max_length=255),
    name: str | None = Query(None, max_length=255, description="original name contains"),
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> Response:
    """Items the user may see, by digest; ``next``/``previous`` are URLs of the
    neighbouring pages (``null`` when there is none)."""
    page = web_listings.item_page(
        context.services,
        user,
        after=after,
        before=before,
        limit=limit,
        mime=mime,
        name=name,
        page="api:items",
    )
    return json_response(_paged("/api/items", "items", page, {"mime": mime, "name": name}))


def _paged(path: str, key: str, page: Page, filters: dict[str, str | None]) -> dict[str, Any]:
    """A page as the API returns it: rows under ``key`` and neighbour links."""
    kept = {k: v for k, v in filters.items() if v} | {"limit": str(page.limit)}

    def link(direction: str, cursor: str | None) -> str | None:
        return f"{path}?{urlencode({**kept, direction: cursor})}" if cursor else None

    return {
        key: page.rows,
        "next": link("after", page.next),
        "previous": link("before", page.previous),
    }


@router.get("/items/{sha256}", response_class=JSONResponse)
def get_item(
    sha256: str = DIGEST, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> Response:
    """Hashes, acquisitions, derivatives, documents, custody history and inclusion proof."""
    return json_response(context.services.item(user, sha256, "api:item"))


@router.get("/items/{sha256}/original", response_class=FileResponse)
def get_original(
    sha256: str = DIGEST, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> FileResponse:
    """The original bytes, as a download."""
    path, name = context.services.original(user, sha256)
    return download_response(path, name, context.services.visible_item(user, sha256))


@router.post("/items/{sha256}/restriction", status_code=204)
def restrict_item(
    body: Restriction,
    sha256: str = DIGEST,
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> None:
    """Restrict an item to cleared users (or lift it); logged."""
    context.services.restrict(user, sha256, body.collection, body.reason)


@router.post("/items", status_code=201)
def upload_item(
    file: UploadFile = File(...),
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> dict[str, Any]:
    """Preserve an uploaded file under its original name; returns its digest."""
    return web_actions.upload(context.services, user, file.filename, file.file)


@router.get("/documents", response_class=JSONResponse)
def list_documents(
    language: str | None = Query(None, max_length=16, description="'und' for unknown"),
    after: str | None = Query(None, max_length=64, description="document id the page starts after"),
    before: str | None = Query(None, max_length=64, description="document id the page ends before"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> Response:
    """Documents the user may see (no text), oldest first, optionally in one language."""
    page = web_listings.document_page(
        context.services,
        user,
        after=after,
        before=before,
        limit=limit,
        language=language or None,
        page="api:documents",
    )
    return json_response(_paged("/api/documents", "documents", page, {"language": language}))


@router.get("/documents/{document_id}", response_class=JSONResponse)
def get_document(
    document_id: str, user: User = Depends(api_user), context: WebContext = Depends(web_context)
) -> Response:
    """A document's text, metadata and extraction proposals with their spans."""
    return json_response(context.services.document(user, document_id))


@router.get("/search", response_class=JSONResponse)
def search(
    q: str = Query(min_length=1, max_length=500),
    language: str | None = Query(None, max_length=16),
    limit: int = Query(10, ge=1, le=100),
    facets: bool = Query(False, description="Also count the matches in each language."),
    user: User = Depends(api_user),
    context: WebContext = Depends(web_context),
) -> Response:
    """Ranked passages with highlight offsets (and match counts per language)."""
    return json_response(web_actions.search(context.services, user, q, language, limit, facets))
