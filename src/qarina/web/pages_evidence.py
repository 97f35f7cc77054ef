"""Pages: items, item detail, original download, documents, document viewer, upload, search."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from qarina.app import web_actions
from qarina.app.accounts import IssuedToken
from qarina.core.errors import UsageError
from qarina.web.auth import page_session, web_context
from qarina.web.context import WebContext
from qarina.web.downloads import download_response
from qarina.web.rendering import highlight, snippet_segments, spans_of
from qarina.web.responses import render
from qarina.web.security import check_csrf

router = APIRouter(include_in_schema=False)
PAGE = 100


@router.get("/items", response_class=HTMLResponse)
def items_page(
    request: Request,
    mime: str | None = Query(None, max_length=255),
    name: str | None = Query(None, max_length=255),
    offset: int = Query(0, ge=0),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Items the user may see, filtered by detected type and original name."""
    found = context.services.items(session.user)
    mimes = sorted({i["mime"] for i in found})
    if mime:
        found = [i for i in found if i["mime"] == mime]
    if name:
        needle = name.casefold()
        found = [i for i in found if any(needle in n.casefold() for n in i["names"])]
    return render(
        request,
        "items.html",
        session,
        items=found[offset : offset + PAGE],
        total=len(found),
        offset=offset,
        page=PAGE,
        mimes=mimes,
        mime=mime,
        name=name,
    )


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
    offset: int = Query(0, ge=0),
    session: IssuedToken = Depends(page_session),
    context: WebContext = Depends(web_context),
) -> Response:
    """Documents the user may see, filtered by language."""
    found = context.services.documents(session.user)
    languages = sorted({d["language"] or "und" for d in found})
    if language:
        found = [d for d in found if (d["language"] or "und") == language]
    return render(
        request,
        "documents.html",
        session,
        documents=found[offset : offset + PAGE],
        total=len(found),
        offset=offset,
        page=PAGE,
        languages=languages,
        language=language,
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
        for hit in result["hits"]:
            hit["segments"] = snippet_segments(hit["snippet"])
    return render(
        request, "search.html", session, q=q, language=language, result=result, error=error
    )
