"""``qarina user add`` and ``qarina serve`` registered on a Typer app as the CLI does."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from qarina.app.accounts import AccountService
from qarina.app.settings import load_settings
from qarina.app.workspace import create_workspace, open_workspace
from qarina.cli import web_commands


def cli() -> typer.Typer:
    app = typer.Typer()
    web_commands.register(app)
    return app


def test_user_add_reads_the_password_from_stdin(tmp_path: Path) -> None:
    create_workspace(tmp_path / "ws", user="tester").close()
    runner = CliRunner()
    args = [
        "user",
        "add",
        str(tmp_path / "ws"),
        "amal",
        "--role",
        "analyst",
        "--password-stdin",
        "--clearance",
        "witness",
    ]
    result = runner.invoke(cli(), args, input="a long enough secret\n")
    assert result.exit_code == 0, result.output
    assert "amal (analyst; clearances: witness)" in result.output
    ws = open_workspace(load_settings(tmp_path / "ws", user="tester"))
    try:
        user = AccountService(ws).authenticate("amal", "a long enough secret", "127.0.0.1")
        assert user.role == "analyst" and user.clearances == {"witness"}
        events = [ws.custody.event(i).kind for i in range(ws.custody.size())]
        assert "user_added" in events
    finally:
        ws.close()
    again = runner.invoke(cli(), args, input="a long enough secret\n")
    assert again.exit_code != 0
    bad_role = runner.invoke(
        cli(),
        ["user", "add", str(tmp_path / "ws"), "b", "--role", "root", "--password-stdin"],
        input="a long enough secret\n",
    )
    assert bad_role.exit_code != 0


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(cli(), ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output


def test_demo_account_gets_a_fresh_password_each_time(tmp_path: Path) -> None:
    from qarina.app.accounts import create_demo_account

    ws = create_workspace(tmp_path / "ws", user="tester")
    try:
        first = create_demo_account(ws)
        second = create_demo_account(ws)
        assert first[0] == "demo" and second[0] == "demo-2" and first[1] != second[1]
        user = AccountService(ws).authenticate(*second, "127.0.0.1")
        assert user.role == "admin"
    finally:
        ws.close()
