"""Files shipped with the package: the default configuration and the systemd unit."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_path(name: str) -> Path:
    """Where a shipped file is: inside the installed wheel, else in the source tree.

    The wheel carries copies under ``watcher/_shipped/`` (see pyproject.toml); an editable install
    or a checkout has the originals at the top level (``config/``, ``systemd/``).
    """
    packaged = resources.files("watcher").joinpath("_shipped", name)
    if packaged.is_file():
        return Path(str(packaged))
    top = Path(__file__).resolve().parents[2]
    for folder in ("config", "systemd"):
        candidate = top / folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"shipped file {name} is missing from this installation")
