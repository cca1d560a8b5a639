"""``invite-watcher demo`` in a throwaway profile: it never touches the user's data.

A temporary directory holds the demo's own database and watched folder; a daemon started here,
in-process, watches that folder and shows the real notifications; the sample export is dropped
once it is ready. It runs for a while (or until Ctrl-C), says what it judged, and the directory
goes with everything in it. The user's database, folders and running service are never read
or written (the configuration is, for notifications and rules).
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from watcher.cli.demo import write_demo
from watcher.config.settings import Settings
from watcher.daemon.root import Daemon
from watcher.store import Store, StoredInvitation


def throwaway_settings(settings: Settings, root: Path) -> Settings:
    """The user's settings with the demo's own database and folder, and nothing moved or
    deleted after import."""
    storage = settings.storage.model_copy(update={"database": root / "demo.db"})
    watch = settings.watch.model_copy(update={"folders": [root / "Downloads"]})
    return settings.model_copy(update={"storage": storage, "watch": watch})


def run_demo(
    settings: Settings,
    seconds: float,
    say: Callable[[str], None],
    *,
    make_daemon: Callable[[Callable[[], Settings], list[Path]], Daemon] | None = None,
) -> list[StoredInvitation]:
    """Run the demo for ``seconds`` (or until SIGINT/SIGTERM); what it judged."""
    with tempfile.TemporaryDirectory(prefix="invite-watcher-demo-") as directory:
        root = Path(directory)
        demo = throwaway_settings(settings, root)
        folder = root / "Downloads"
        folder.mkdir()
        build = make_daemon or (lambda load, folders: Daemon(load, folders=folders))
        daemon = build(lambda: demo, [folder])
        asyncio.run(_run(daemon, folder, seconds, say))
        store = Store(demo.storage.database_path())
        try:
            return store.invitations()
        finally:
            store.close()


async def _run(daemon: Daemon, folder: Path, seconds: float, say: Callable[[str], None]) -> None:
    running = asyncio.create_task(daemon.run())
    ready = asyncio.create_task(daemon.ready.wait())
    await asyncio.wait({running, ready}, return_when=asyncio.FIRST_COMPLETED)
    if running.done():
        ready.cancel()
        await running  # raises what stopped it
        return
    say(f"demo: {write_demo(folder, datetime.now(UTC))}; watch your notifications")
    say(f"demo: running for {seconds:g} s in a throwaway profile (Ctrl-C ends it sooner)")
    asyncio.get_running_loop().call_later(seconds, daemon.stop)
    await running
