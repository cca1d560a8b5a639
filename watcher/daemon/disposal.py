"""What becomes of an imported file: kept (the default), moved to a processed folder, or deleted.

The user's Downloads are theirs: nothing is moved or deleted unless ``watch.after_import`` says
so, a move never overwrites an earlier file of the same name, and only a file that was imported
is touched (not one that failed or is not ours).
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from loguru import logger

from watcher.config.settings import AfterImport, Settings
from watcher.intake.files import free_name, sha256_file


def processed_folder_for(path: Path, settings: Settings, folders: list[Path]) -> Path | None:
    """Where ``move`` puts an imported file (None unless moving); the watcher skips it."""
    if settings.watch.after_import is not AfterImport.MOVE:
        return None
    if settings.watch.processed_folder is not None:
        return settings.watch.processed_folder.expanduser()
    for folder in folders:
        if folder in path.parents:
            return folder / "processed"
    return None


async def dispose(path: Path, sha256: str, settings: Settings, folders: list[Path]) -> None:
    """Keep, move or delete ``path`` — only if it still holds what was imported (``sha256``):
    a newer file saved under the same name meanwhile is the user's, not yet imported."""
    mode = settings.watch.after_import
    if mode is AfterImport.KEEP:
        return
    try:
        if await asyncio.to_thread(sha256_file, path) != sha256:
            logger.info("{}: changed since it was imported; not {}d", path, mode.value)
            return
        if mode is AfterImport.MOVE:
            target = processed_folder_for(path, settings, folders) or path.parent / "processed"
            target.mkdir(parents=True, exist_ok=True)
            await asyncio.to_thread(shutil.move, path, free_name(target, path.name))
        elif mode is AfterImport.DELETE:
            path.unlink()
    except OSError as error:
        logger.warning("{}: imported, but could not {} it: {}", path, mode.value, error)
