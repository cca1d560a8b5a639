"""``invite-watcher demo`` runs in a throwaway profile: its own database and folder, its own
in-process daemon; the user's database is never created or written, and the directory goes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from watcher.cli.demo_run import run_demo, throwaway_settings
from watcher.config.settings import Settings, load_settings
from watcher.daemon.root import Daemon
from watcher.models import Imported, ImportOutcome
from watcher.system.sd_notify import SystemdNotifier

#: the demo drops two files: the sample archive and the invitations
DEMO_FILES = 2


def test_throwaway_settings_move_database_and_folder_only(tmp_path: Path) -> None:
    settings = load_settings()
    demo = throwaway_settings(settings, tmp_path)

    assert demo.storage.database_path() == tmp_path / "demo.db"
    assert demo.watch.watched_folders() == [tmp_path / "Downloads"]
    assert demo.notifications == settings.notifications
    assert settings.storage.database_path() != demo.storage.database_path()


def test_demo_judges_its_sample_without_touching_the_users_data() -> None:
    settings = load_settings()
    users_db = settings.storage.database_path()
    seen: list[ImportOutcome] = []
    roots: list[Path] = []

    def daemon(load: Callable[[], Settings], folders: list[Path]) -> Daemon:
        roots.append(folders[0].parent)

        def heard(outcome: ImportOutcome) -> None:
            seen.append(outcome)
            # stop once both files are in (the seconds are only the deadline)
            if sum(isinstance(o, Imported) for o in seen) == DEMO_FILES:
                made.stop()

        made = Daemon(load, folders=folders, systemd=SystemdNotifier(environ={}), on_outcome=heard)
        return made

    lines: list[str] = []
    judged = run_demo(settings, 30, lines.append, make_daemon=daemon)

    assert sum(isinstance(o, Imported) for o in seen) == DEMO_FILES
    assert len(judged) == 6
    assert all(invitation.verdict is not None for invitation in judged)
    assert not users_db.exists()  # never created, let alone written
    assert not roots[0].exists()  # the throwaway profile is gone
    assert "throwaway profile" in lines[1]


def test_cli_demo_folder_only_drops_the_files(cli: Any, tmp_path: Path) -> None:
    result = cli("demo", "--folder", tmp_path)

    assert result.code == 0, result.err
    assert len(list(tmp_path.iterdir())) == DEMO_FILES
    assert not load_settings().storage.database_path().exists()
