"""What every command shares: the output and error consoles, the debug switch, and ``run``, which
turns a domain error into one line and exit status 1. Command modules depend on this module;
``cli`` only assembles the commands, so nothing imports ``cli`` back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console

from backchannel.errors import BackchannelError

out = Console()
err = Console(stderr=True)
STATE = {"debug": False}
T = TypeVar("T")


def run(fn: Callable[[], T]) -> T:
    """Call ``fn``; a BackchannelError becomes one line and exit status 1."""
    try:
        return fn()
    except BackchannelError as exc:
        if STATE["debug"]:
            raise
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
