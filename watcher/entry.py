"""The console entry point: ``invite-watcher run`` goes straight to the daemon; every other
command line goes to ``watcher.cli``.

The daemon stays resident for days and parses one fixed command line (the systemd unit's
``invite-watcher run``, perhaps with ``--verbose``, ``--config FILE`` and ``--folder DIR``):
typer, rich and the imports of every other command (the pipeline among them) would be ~11 MB
it never uses. Anything else — another command, ``--help``, an option the daemon does not
know, a mistake — is the command line's to handle, with its help and its errors.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class DaemonRequest:
    """``invite-watcher [--verbose] [--config FILE] run [--folder DIR]...``, parsed."""

    verbose: bool = False
    config: Path | None = None
    folders: list[Path] = field(default_factory=list)


def daemon_request(args: Sequence[str]) -> DaemonRequest | None:
    """The daemon's command line, or None for anything else (the CLI's to handle)."""
    request = DaemonRequest()
    words = list(args)
    while words and words[0] != "run":
        word = words.pop(0)
        if word in ("--verbose", "-v"):
            request.verbose = True
        elif (config := _value("--config", word, words)) is not None:
            request.config = Path(config)
        else:
            return None
    if not words:
        return None
    words.pop(0)  # "run"
    while words:
        folder = _value("--folder", words.pop(0), words)
        if folder is None:
            return None
        request.folders.append(Path(folder))
    return request


def _value(option: str, word: str, rest: list[str]) -> str | None:
    """The value of ``option`` given as ``word`` (``--opt=V``, or ``--opt`` then ``V``)."""
    if word.startswith(option + "="):
        return word.removeprefix(option + "=") or None
    if word == option and rest and not rest[0].startswith("-"):
        return rest.pop(0)
    return None


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    request = daemon_request(args)
    if request is None:
        # Every other command: the command line, typer, rich — loaded for it alone.
        command_line = _load_command_line()
        command_line(args)
        return
    sys.exit(run_daemon(request))


def _load_command_line() -> Callable[[list[str]], None]:
    """The command line's entry point, imported with the cyclic collector off.

    Importing it leaves ~69,000 tracked objects (modules, classes, functions, pydantic's
    schemas), almost none of them garbage, and the collector kept walking them meanwhile:
    ~8% of a ``show``'s instructions (callgrind, 1,185 M -> 1,101 M). Frozen afterwards, they
    stay out of the command's own collections too; the command runs with the collector on.
    Once per process: a caller that runs commands in-process (the tests) imports it once.
    """
    if "watcher.cli.app" in sys.modules:
        from watcher.cli.app import main as loaded  # noqa: PLC0415

        return loaded
    gc.disable()
    try:
        from watcher.cli.app import main  # noqa: PLC0415
    finally:
        gc.freeze()
        gc.enable()
    return main


def run_daemon(request: DaemonRequest) -> int:
    """Run the daemon as ``invite-watcher run`` does; known problems are one line on stderr."""
    # Imported here, not at the top: every other command passes through this module too, and
    # the daemon's modules (the scheduler, the watcher, the notifier) would double the start-up
    # of a ``list`` or ``show`` that never uses them.
    import sqlite3  # noqa: PLC0415

    from watcher.config.settings import ConfigError, load_settings  # noqa: PLC0415
    from watcher.daemon import root  # noqa: PLC0415
    from watcher.store import StoreError  # noqa: PLC0415
    from watcher.store.faults import CorruptDatabase  # noqa: PLC0415
    from watcher.system import logs  # noqa: PLC0415
    from watcher.system.service import UNUSABLE_DATABASE_EXIT  # noqa: PLC0415

    logs.setup(verbose=request.verbose)
    try:
        load_settings(request.config)  # fail early, before anything starts, on a bad one
        return root.run(lambda: load_settings(request.config), folders=request.folders or None)
    except ConfigError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
    except CorruptDatabase as error:
        # Not restarted by the unit (RestartPreventExitStatus): moving the file aside is the cure.
        print(f"invite-watcher: {error}", file=sys.stderr)
        return UNUSABLE_DATABASE_EXIT
    except (StoreError, sqlite3.Error) as error:
        print(f"invite-watcher: {error}", file=sys.stderr)
    return 1
