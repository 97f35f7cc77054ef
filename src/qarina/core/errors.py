"""One error tree with stable codes and messages a user can act on.

The CLI maps ``exit_code`` to its process status; the web API maps ``http_status``
to a problem+json response. Integrity results are *values* (see
``qarina.custody.verify``), never exceptions.
"""

from __future__ import annotations


class QarinaError(Exception):
    """Base of every error Qarina raises on purpose."""

    code = "qarina.error"
    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(QarinaError):
    """The caller asked for something that cannot work as asked."""

    code = "qarina.usage"
    exit_code = 2
    http_status = 400


class NotFoundError(QarinaError):
    """A workspace, item, incident or case does not exist."""

    code = "qarina.not_found"
    exit_code = 3
    http_status = 404


class WorkspaceError(QarinaError):
    """The workspace folder is missing, incomplete or of another version."""

    code = "qarina.workspace"
    exit_code = 4
    http_status = 500


class InputError(QarinaError):
    """One input (a file, a JSON line) cannot be processed; others are unaffected."""

    code = "qarina.input"
    exit_code = 5
    http_status = 422


class StorageError(QarinaError):
    """The database or blob store refused an operation."""

    code = "qarina.storage"
    exit_code = 6
    http_status = 503


class IntegrityError(QarinaError):
    """Stored evidence or a proof does not match what it claims to be."""

    code = "qarina.integrity"
    exit_code = 7
    http_status = 409


class AccessDenied(QarinaError):
    """The user is not cleared for the item or action."""

    code = "qarina.access_denied"
    exit_code = 8
    http_status = 403
