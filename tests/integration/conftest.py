import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from watcher.cli.app import main


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    """The watched folder: an empty Downloads."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    return folder


@dataclass
class Run:
    """One in-process run of the command line."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``cli("list", "--json")``: run invite-watcher in-process; exit code and output back."""

    def run(*args: str | Path) -> Run:
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
