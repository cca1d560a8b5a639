"""A fresh interpreter for what the test's own cannot show: which modules a path imports (this
interpreter has imported everything already), or how a command starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(script: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -c script args…`` in the project's root, with this environment; its output as
    text. Fails (CalledProcessError, with its stderr) when the script does."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
        cwd=ROOT,
    )
