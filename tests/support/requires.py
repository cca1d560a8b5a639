"""Skip a test that needs a system binary on a laptop that lacks it, but fail it in CI."""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_binaries(*names: str, hint: str = "") -> None:
    """Skip (or, with CI=true, fail) unless every binary in ``names`` is on PATH."""
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    reason = f"needs {', '.join(missing)} on PATH" + (f" ({hint})" if hint else "")
    if in_ci():
        pytest.fail(
            f"{reason}: CI=true, so a missing system dependency is a failure", pytrace=False
        )
    pytest.skip(reason)


def require(condition: bool, reason: str) -> None:
    """Like require_binaries, for any precondition of the machine."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason}: CI=true, so this is a failure", pytrace=False)
    pytest.skip(reason)
