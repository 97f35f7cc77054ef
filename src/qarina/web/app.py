"""The FastAPI application: REST API under ``/api/`` (OpenAPI at ``/openapi.json``) and
server-rendered pages. Built by :func:`create_app` from an open workspace; nothing
happens at import time.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles

from qarina import __version__
from qarina.app.web_services import WebServices
from qarina.core.errors import QarinaError
from qarina.web import (
    api_accounts,
    api_cases,
    api_evidence,
    api_incidents,
    pages_cases,
    pages_evidence,
    pages_incidents,
    pages_main,
)
from qarina.web.context import STATIC, RecheckAfterWrites, WebContext, template_environment
from qarina.web.responses import qarina_error, validation_error
from qarina.web.security import SecurityHeaders

DESCRIPTION = (
    "Evidence and case files for investigators of atrocity crimes. Every `/api/` route "
    "takes `Authorization: Bearer <token>`; get a token from `POST /api/token` (OAuth2 "
    "password flow, form fields `username` and `password`)."
)


def create_app(services: WebServices, *, https: bool = False) -> FastAPI:
    """The web application over one workspace (``https``: cookies marked ``Secure``)."""
    app = FastAPI(
        title="Qarina",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load from CDNs: not offered
        redoc_url=None,
    )
    context = WebContext(services, https=https)
    app.state.context = context
    app.state.templates = template_environment()
    app.add_middleware(RecheckAfterWrites, context=context)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(QarinaError, qarina_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    for module in (api_accounts, api_evidence, api_incidents, api_cases):
        app.include_router(module.router)
    for module in (pages_main, pages_evidence, pages_incidents, pages_cases):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
