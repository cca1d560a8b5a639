from pathlib import Path

import pytest


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    """The watched folder: an empty Downloads."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    return folder
