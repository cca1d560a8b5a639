"""Every command's annotations are objects, not strings.

Typer reads each command's signature at every start of the command line; string annotations
(``from __future__ import annotations``) made it evaluate ~130 of them twice, a few percent
of ``show``'s start-up. A module that defines commands with string annotations fails here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import typer

from watcher.cli.app import app


def callbacks(group: typer.Typer) -> Iterator[Callable[..., Any]]:
    if group.registered_callback and group.registered_callback.callback:
        yield group.registered_callback.callback
    for command in group.registered_commands:
        assert command.callback is not None
        yield command.callback
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        yield from callbacks(sub.typer_instance)


def test_cli_command_annotations_are_evaluated_once_at_import() -> None:
    found = {f"{c.__module__}.{c.__qualname__}": c for c in callbacks(app)}
    stringly = [
        name
        for name, callback in found.items()
        if any(isinstance(hint, str) for hint in callback.__annotations__.values())
    ]
    assert {"watcher.cli.list_command.list_", "watcher.cli.config_commands.config_init"} < set(
        found
    )
    assert stringly == []
