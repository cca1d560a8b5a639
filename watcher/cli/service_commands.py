"""``invite-watcher service install|uninstall|status``: the systemd user service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from watcher.cli.common import fail, out
from watcher.system import service
from watcher.system.service import ServiceError

service_app = typer.Typer(no_args_is_help=True, help="The systemd user service.")


@service_app.command("install")
def service_install() -> None:
    """Install, enable and start the systemd user service."""

    result = _service_call(service.install)
    out.print(str(result), markup=False)


@service_app.command("uninstall")
def service_uninstall() -> None:
    """Stop, disable and remove the systemd user service."""

    result = _service_call(service.uninstall)
    out.print(str(result), markup=False)


@service_app.command("status")
def service_status() -> None:
    """The service's state and the daemon's status line."""

    result = _service_call(service.status)
    out.print(str(result), markup=False)


def _service_call(call: Callable[[], Any]) -> Any:

    try:
        return call()
    except ServiceError as error:
        fail(str(error))
