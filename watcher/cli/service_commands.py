"""``invite-watcher service install|uninstall|status``: the systemd user service."""

# Real annotations, not strings: see watcher/cli/app.py.

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from watcher.cli.common import fail, out

# watcher.system.service (systemctl, the unit file) is imported inside these commands: every
# other command's start-up would pay for it.

service_app = typer.Typer(no_args_is_help=True, help="The systemd user service.")


@service_app.command("install")
def service_install() -> None:
    """Install, enable and start the systemd user service."""
    from watcher.system import service  # noqa: PLC0415

    with _one_line_errors():
        result = service.install()
    out.print(str(result))


@service_app.command("uninstall")
def service_uninstall() -> None:
    """Stop, disable and remove the systemd user service."""
    from watcher.system import service  # noqa: PLC0415

    with _one_line_errors():
        result = service.uninstall()
    out.print(str(result))


@service_app.command("status")
def service_status() -> None:
    """The service's state and the daemon's status line."""
    from watcher.system import service  # noqa: PLC0415

    with _one_line_errors():
        result = service.status()
    out.print(str(result))


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """A ServiceError (systemctl failed, no user manager) becomes the command's one line."""
    from watcher.system.service import ServiceError  # noqa: PLC0415

    try:
        yield
    except ServiceError as error:
        fail(str(error))
