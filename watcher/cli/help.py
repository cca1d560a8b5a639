"""How ``--help`` shows options: a flag shows no type.

Typer's rich help prints every option's type, and a flag's reads ``<bool>`` — as if it took a
value ("--json <bool>"), which it does not. Click's own help shows nothing there; this makes the
rich help do the same, for every flag, ``--help`` included. Applied once, by the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typer.core import TyperOption

# The context is Typer's vendored click's (typer._click): Any keeps us off that private path.
_original: Callable[[TyperOption, Any], str | None] = TyperOption.display_type_rich


def _display_type_rich(self: TyperOption, ctx: Any) -> str | None:
    if self.is_flag and self.metavar is None:
        return None
    return _original(self, ctx)


def flags_without_types() -> None:
    """Patch Typer's rich help (idempotent). tests/integration/test_cli_commands.py fails when
    a Typer version moves the method, so the fix cannot silently stop working."""
    TyperOption.display_type_rich = _display_type_rich  # type: ignore[method-assign]
