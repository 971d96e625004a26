"""``prisvagt users`` and ``prisvagt tokens``: accounts and API tokens."""

from __future__ import annotations

import typer

from monitor.cli.common import cli_errors, console, ensure_database

users_app = typer.Typer(help="Accounts of the web app.", no_args_is_help=True)
tokens_app = typer.Typer(
    help="API tokens for machines (Authorization: Bearer).", no_args_is_help=True
)

ROLES_HELP = "Comma-separated roles: legal, finance, admin"
MUNI_HELP = "Comma-separated municipality codes (kommunekoder) the roles apply to"
ALL_HELP = "The roles apply to every municipality (instead of --municipalities)"


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


@users_app.command("add")
@cli_errors
def users_add(
    email: str = typer.Argument(..., help="Email address, used to sign in"),
    roles: str = typer.Option(..., help=ROLES_HELP),
    municipalities: str = typer.Option("", help=MUNI_HELP),
    all_municipalities: bool = typer.Option(False, "--all-municipalities", help=ALL_HELP),
    name: str = typer.Option("", help="Full name (defaults to the email)"),
    actor: str = typer.Option("cli", help="Who makes the change (audit log)"),
) -> None:
    """Create an account; prints its generated password once."""
    from monitor.auth.service import add_user
    from monitor.db import transaction

    ensure_database()
    with transaction() as session:
        user, password = add_user(
            session,
            email=email,
            name=name,
            roles=roles.split(","),
            municipality_codes=_codes(municipalities),
            all_municipalities=all_municipalities,
            actor=actor,
        )
        email = user.email
    console.print(f"user {email} created; password: {password}", highlight=False)


@users_app.command("list")
@cli_errors
def users_list() -> None:
    """Every account with its roles, municipalities and whether it is active."""
    from monitor.auth.service import list_users
    from monitor.db import transaction

    ensure_database()
    from rich.table import Table

    table = Table("email", "name", "roles", "municipalities", "active", "last sign-in")
    with transaction() as session:
        for u in list_users(session):
            scope = "all" if u.all_municipalities else ",".join(m.code for m in u.municipalities)
            last = u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "-"
            table.add_row(u.email, u.name, u.roles, scope, "yes" if u.active else "no", last)
    console.print(table)


@users_app.command("disable")
@cli_errors
def users_disable(
    email: str = typer.Argument(...),
    actor: str = typer.Option("cli", help="Who makes the change (audit log)"),
) -> None:
    """Stop an account from signing in (its sessions end at their next request)."""
    from monitor.auth.service import disable_user
    from monitor.db import transaction

    ensure_database()
    with transaction() as session:
        disable_user(session, email=email, actor=actor)
    console.print(f"user {email} disabled")


@tokens_app.command("add")
@cli_errors
def tokens_add(
    name: str = typer.Argument(..., help="What the token is for, e.g. the ERP's name"),
    roles: str = typer.Option(..., help=ROLES_HELP),
    municipalities: str = typer.Option("", help=MUNI_HELP),
    all_municipalities: bool = typer.Option(False, "--all-municipalities", help=ALL_HELP),
    actor: str = typer.Option("cli", help="Who makes the change (audit log)"),
) -> None:
    """Create an API token; prints the secret once (only its hash is kept)."""
    from monitor.auth.service import add_token
    from monitor.db import transaction

    ensure_database()
    with transaction() as session:
        token, secret = add_token(
            session,
            name=name,
            roles=roles.split(","),
            municipality_codes=_codes(municipalities),
            all_municipalities=all_municipalities,
            actor=actor,
        )
        token_id = token.id
    console.print(f"token {token_id} ({name}): {secret}", highlight=False)


@tokens_app.command("list")
@cli_errors
def tokens_list() -> None:
    """Every API token (prefix only) with its scope and whether it is revoked."""
    from monitor.auth.service import list_tokens
    from monitor.db import transaction

    ensure_database()
    from rich.table import Table

    table = Table("id", "name", "prefix", "roles", "municipalities", "revoked", "last used")
    with transaction() as session:
        for t in list_tokens(session):
            scope = "all" if t.all_municipalities else ",".join(m.code for m in t.municipalities)
            revoked = t.revoked_at.strftime("%Y-%m-%d %H:%M") if t.revoked_at else "-"
            used = t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "-"
            table.add_row(str(t.id), t.name, t.prefix + "…", t.roles, scope, revoked, used)
    console.print(table)


@tokens_app.command("revoke")
@cli_errors
def tokens_revoke(
    token_id: int = typer.Argument(...),
    actor: str = typer.Option("cli", help="Who makes the change (audit log)"),
) -> None:
    """Revoke an API token: it is refused from the next request on."""
    from monitor.auth.service import revoke_token
    from monitor.db import transaction

    ensure_database()
    with transaction() as session:
        revoke_token(session, token_id=token_id, actor=actor)
    console.print(f"token {token_id} revoked")


def ensure_first_admin() -> str | None:
    """With no account yet, create ``admin@localhost`` (admin of every municipality) and
    return its generated password; None when accounts exist."""
    from sqlalchemy import func, select

    from monitor.auth.models import User
    from monitor.auth.service import add_user
    from monitor.db import transaction

    with transaction() as session:
        if session.scalar(select(func.count(User.id))):
            return None
        _, password = add_user(
            session,
            email="admin@localhost",
            name="Administrator",
            roles=["admin", "legal", "finance"],
            municipality_codes=[],
            all_municipalities=True,
            actor="prisvagt init",
        )
    return password


def print_first_admin(password: str | None) -> None:
    if password:
        console.print(
            f"first admin: [bold]admin@localhost[/] password: [bold]{password}[/]"
            " (shown once; change it with prisvagt users)",
            highlight=False,
        )
