"""`config check`: problems that validation alone cannot see (rules, template, folders)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from watcher.config.drafting import Tone
from watcher.config.settings import AfterImport, Settings
from watcher.followup.drafts import check_piece, check_template
from watcher.judge.checks import check_rules


def folder_problem(folder: Path, *, writable: bool) -> str | None:
    """Why this folder cannot be watched (or written), with the owner and mode as a hint."""
    if not folder.exists():
        return f"watch folder {folder} does not exist"
    if not folder.is_dir():
        return f"watch folder {folder} is not a directory"
    needed = os.R_OK | os.X_OK | (os.W_OK if writable else 0)
    if os.access(folder, needed):
        return None
    info = folder.stat()
    mode = stat.filemode(info.st_mode)
    access = "read and write" if writable else "read"
    return f"cannot {access} watch folder {folder} (owner uid {info.st_uid}, mode {mode})"


def check_settings(settings: Settings) -> list[str]:
    """Warnings for a configuration that validates but will not do what the user expects."""
    warnings = [f"rules: {w}" for w in check_rules(settings.rules)]
    warnings += _draft_warnings(settings)
    writable = settings.watch.after_import is not AfterImport.KEEP
    for folder in settings.watch.watched_folders():
        problem = folder_problem(folder, writable=writable)
        if problem:
            warnings.append(f"watch.folders: {problem}")
    return warnings


def _draft_warnings(settings: Settings) -> list[str]:
    """Placeholders the drafts will leave out, in the template, each tone's and each piece."""
    meetup = settings.meetup
    warnings = [f"meetup.template: {w}" for w in check_template(meetup.template)]
    for tone in Tone:
        template = meetup.templates.for_tone(tone)
        warnings += [f"meetup.templates.{tone.value}: {w}" for w in check_template(template)]
    for name, piece in meetup.pieces.texts().items():
        warnings += [f"meetup.pieces.{name}: {w}" for w in check_piece(piece)]
    return warnings
