"""Pages: items, item detail, original download, documents, document viewer, upload, search."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from qarina.app import web_actions, web_listings
from qarina.app.accounts import IssuedToken
from qarina.app.web_listings import DEFAULT_LIMIT, MAX_LIMIT
from qarina.core.errors import UsageError
from qarina.web.auth import page_session, web_context
from qarina.web.context import WebContext
from qarina.web.downloads import download_response
from qarina.web.rendering import Segment, highlight, passage_segments, spans_of
from qarina.web.responses import render
from qarina.web.security import check_csrf

router = APIRouter(include_in_schema=False)


@router.get("/items", response_class=HTMLResponse)
def items_page(
    request: Request,
    mime: str | None = Query(None, max_length=255),
    name: str | None = Query(None, max_length=255),
    after: str | None = Query(None, max_length=71),
    before: str | None = Query(None, max_length=71),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Items the user may see, a page at a time, filtered by type and original name."""
    services, user = context.services, session.user
    page = web_listings.item_page(
        services, user, after=after, before=before, limit=limit, mime=mime, name=name
    )
    mimes = web_listings.item_types(services, user)
    return render(request, "items.html", session, page=page, mimes=mimes, mime=mime, name=name)


@router.get("/items/{sha256}", response_class=HTMLResponse)
def item_page(
    request: Request,
    sha256: str,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """One item: hashes, acquisitions, documents, derivatives, custody, inclusion proof."""
    item = context.services.item(session.user, sha256)
    return render(request, "item.html", session, item=item)


@router.get("/items/{sha256}/original")
def original(
    sha256: str,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> FileResponse:
    """The original bytes as a download (never rendered by the browser)."""
    path, name = context.services.original(session.user, sha256)
    return download_response(path, name, context.services.visible_item(session.user, sha256))


@router.post("/items/{sha256}/restriction")
def restrict(
    sha256: str,
    csrf_token: str = Form(max_length=100),
    collection: str = Form("", max_length=255),
    reason: str = Form(max_length=2000),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Restrict an item to a collection, or lift it (form post)."""
    check_csrf(session.csrf, csrf_token)
    sha = context.services.visible_item(session.user, sha256)
    context.services.restrict(session.user, sha, collection or None, reason)
    return RedirectResponse(f"/items/{sha}", status_code=303)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    language: str | None = Query(None, max_length=16),
    after: str | None = Query(None, max_length=64),
    before: str | None = Query(None, max_length=64),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Documents the user may see, a page at a time, filtered by language."""
    services, user = context.services, session.user
    page = web_listings.document_page(
        services, user, after=after, before=before, limit=limit, language=language or None
    )
    languages = web_listings.document_languages(services, user)
    return render(
        request, "documents.html", session, page=page, languages=languages, language=language
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    document_id: str,
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """A document with its extracted spans highlighted and typed."""
    document = context.services.document(session.user, document_id)
    segments = highlight(document["text"], document["proposals"])
    kinds = sorted({k for p in document["proposals"] for _, _, k in spans_of(p["value"])})
    return render(
        request, "document.html", session, document=document, segments=segments, kinds=kinds
    )


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, session: IssuedToken = Depends(page_session)) -> Response:
    """The upload form."""
    return render(request, "upload.html", session, outcome=None)


@router.post("/upload", response_class=HTMLResponse)
def upload(
    request: Request,
    file: UploadFile = File(...),
    csrf_token: str = Form(max_length=100),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Preserve an uploaded file and show its digest."""
    check_csrf(session.csrf, csrf_token)
    outcome = web_actions.upload(context.services, session.user, file.filename, file.file)
    return render(request, "upload.html", session, outcome=outcome)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str = Query("", max_length=500),
    language: str | None = Query(None, max_length=16),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Full-text search with highlighted snippets and language facets."""
    result, error = None, None
    if q.strip():
        try:
            result = web_actions.search(context.services, session.user, q, language, 20)
        except UsageError as exc:
            error = str(exc)
    if result:
        texts = web_actions.hit_passages(context.services, result["hits"])
        for hit, passage in zip(result["hits"], texts, strict=True):
            hit["segments"] = (
                passage_segments(passage[0], passage[1], hit["highlights"])
                if passage
                else [Segment(hit["snippet"])]
            )
    return render(
        request, "search.html", session, q=q, language=language, result=result, error=error
    )
