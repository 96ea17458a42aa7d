"""``backchannel serve``: the web app over a store, on this machine only unless told otherwise.

The maintainer wires ``register(app)`` into ``backchannel.cli``; the command parses its options,
builds the app with ``create_app`` and hands it to uvicorn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from backchannel.console import err, run
from backchannel.errors import ConfigError

# Hosts that accept connections from other machines: the server says so before it starts.
_OPEN_HOSTS = {"0.0.0.0", "::", ""}


def check_db(db: str) -> None:
    """A plain path must name an existing file: serving a new empty database hides a typo."""
    if "://" in db or db == ":memory:":
        return
    if not Path(db).is_file():
        raise ConfigError(f"no database at {db}; create one first: backchannel ingest ARTICLES --db {db}")


def allowed_hosts(host: str) -> list[str]:
    """The Host headers to accept: this machine's names, the bound address, or any when open."""
    from backchannel.web._security import LOCAL_HOSTS

    if host in _OPEN_HOSTS:
        return ["*"]
    return list(dict.fromkeys([*LOCAL_HOSTS, host]))


def serve(
    db: Annotated[str, typer.Option("--db", help="SQLite file or database URL.", envvar="BACKCHANNEL_DB")] = (
        "backchannel.db"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = (
        "127.0.0.1"
    ),
    writable: Annotated[
        bool, typer.Option("--writable", help="Allow POST /api/ingest (read-only by default).")
    ] = False,
) -> None:
    """Serve the timeline pages and the JSON API over a store (read-only by default)."""

    uvicorn, create_app = run(web_modules)
    run(lambda: check_db(db))
    app = run(lambda: create_app(db, writable=writable, allowed_hosts=allowed_hosts(host)))
    shown = f"[{host}]" if ":" in host else host
    mode = "writable" if writable else "read-only"
    err.print(f"serving {db} ({mode}) at http://{shown}:{port}/ ; Ctrl+C to stop", highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: listening on {host}: other machines can reach this server", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def web_modules() -> tuple[Any, Any]:
    """uvicorn and the app factory; a missing web extra is one line, not a traceback."""
    try:
        import uvicorn

        from backchannel.web.app import create_app
    except ImportError as exc:
        raise ConfigError(f"the web app needs {exc.name}: pip install 'backchannel[web]'") from None
    return uvicorn, create_app


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the command line."""
    app.command("serve")(serve)
