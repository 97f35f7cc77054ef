"""The ``qarina`` command: a thin edge over :mod:`qarina.app`.

Errors from Qarina become one message on stderr with a hint and the error's exit code;
integrity results are printed as reports and set the exit status themselves.
"""

from __future__ import annotations

import os
import sys

import typer

from qarina import __version__
from qarina.cli import (
    case_commands,
    casefile_commands,
    custody_commands,
    demo_command,
    evidence_commands,
    facts_commands,
    legal_commands,
    web_commands,
)
from qarina.cli.output import fail
from qarina.core.errors import QarinaError

app = typer.Typer(
    name="qarina",
    help="Evidence and case files for investigators of atrocity crimes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (
    demo_command,
    evidence_commands,
    custody_commands,
    facts_commands,
    legal_commands,
    case_commands,
    casefile_commands,
    web_commands,
):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qarina {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Evidence and case files for investigators of atrocity crimes."""


def main() -> None:
    """Console entry point."""
    try:
        app()
    except QarinaError as exc:
        fail(exc.message, exc.hint)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("QARINA_DEBUG"):
            raise
        fail(
            f"unexpected error: {type(exc).__name__}: {exc}",
            "this is a bug in Qarina; rerun with QARINA_DEBUG=1 to see where it happened",
        )
        sys.exit(70)


if __name__ == "__main__":
    main()
