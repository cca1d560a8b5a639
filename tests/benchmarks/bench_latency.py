"""Benchmark: a finished drop of a small invitation JSON -> the notification accepted by dunst.

Two watchers run side by side on a private desktop (Xvfb + session D-Bus + dunst), each on its
own folder, and the drops alternate between them:

* the **floor**: a bare watchdog Observer that sends one desktop-notifier notification per
  arriving file, no import (this file, run with ``floor FOLDER``);
* the **daemon**: ``invite-watcher run`` as the user runs it (sniff, hash, SQLite, rules, notice),
  default settings (``settle`` 2s).

Each drop is written in a staging folder and renamed into the watched one (the measure the
targets are about); the daemon is also timed on drops written as a hidden ``.part`` file inside
the folder and renamed there (what browsers do). A latency runs from just after the rename to
the moment dunst created the notification (dunst's history ``timestamp``: microseconds of
CLOCK_BOOTTIME on Linux, the clock read here too). Prints p50/p95 and the ratio to the floor;
asserts nothing about time. Target: daemon p50 within 2x the floor.

Run: ``cd /work/main && .venv/bin/python -m tests.benchmarks.bench_latency [--drops 50]``
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import desktop_notifier as dn
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from tests.support.daemon import DaemonProcess, daemon_environment, drop, isolated_xdg
from tests.support.desktop import DesktopSession, start_desktop
from tests.support.exports import invitations_json

NOTE = "We have not met, but I'd love a coffee to talk about climate PR and {topic}."
WARM_UP = 1


def dunst_clock() -> float:
    """Seconds on the clock dunst stamps notifications with (CLOCK_BOOTTIME on Linux)."""
    return time.clock_gettime(time.CLOCK_BOOTTIME)


# --------------------------------------------------------------------------------------------
# The floor: watchdog event -> desktop-notifier send, nothing else
# --------------------------------------------------------------------------------------------


class _Arrivals(FileSystemEventHandler):
    def __init__(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]):
        self.loop = loop
        self.queue = queue

    def on_created(self, event: FileSystemEvent) -> None:
        self._hand_over(event.src_path)

    def on_moved(self, event: FileSystemEvent) -> None:
        self._hand_over(event.dest_path)

    def _hand_over(self, path: bytes | str) -> None:
        name = Path(path if isinstance(path, str) else path.decode()).name
        self.loop.call_soon_threadsafe(self.queue.put_nowait, name)


async def floor_watch(folder: Path) -> None:
    """Notify once per file arriving in ``folder`` until SIGTERM; prints "ready" when watching."""
    notifier = dn.DesktopNotifier(app_name="floor", app_icon=None)
    await notifier.get_capabilities()  # connect first, as the daemon does at start
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    loop.add_signal_handler(signal.SIGTERM, queue.put_nowait, None)
    observer = Observer()
    observer.schedule(_Arrivals(loop, queue), str(folder))
    observer.start()
    print("ready", flush=True)
    try:
        while (name := await queue.get()) is not None:
            await notifier.send(title=name, message="floor")
    finally:
        observer.stop()
        observer.join()


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


@dataclass
class Watcher:
    label: str
    folder: Path
    #: tells this watcher's drops (file names, inviters) from the others'
    tag: str
    #: puts the file in place: (folder, name, data)
    put: Callable[[Path, str, bytes], Path]
    latencies: list[float]


def drop_in_place(folder: Path, name: str, data: bytes) -> Path:
    """A browser's way: a hidden partial file in the folder itself, renamed when complete."""
    partial = folder / f".{name}.part"
    partial.write_bytes(data)
    return partial.replace(folder / name)


def _word(tag: str, index: int) -> str:
    """A made-up word per drop (digits would be normalised away): every note is its own, as in
    real life, so no drop re-evaluates earlier ones as senders of one template."""
    return tag + "".join(chr(ord("a") + int(digit)) for digit in str(index))


def one_invitation(tag: str, index: int) -> bytes:
    return invitations_json(
        [
            {
                "name": f"Bench {tag}{index}",
                "profile_url": f"https://www.linkedin.com/in/bench-{tag}{index}",
                "headline": "PR manager",
                "note": NOTE.format(topic=_word(tag, index)),
                "sent_at": f"2026-03-01T10:{index // 60 % 60:02d}:{index % 60:02d}+00:00",
            }
        ]
    )


def measure_drop(desktop: DesktopSession, watcher: Watcher, index: int) -> float:
    """Seconds from the rename into the folder to dunst creating the notification."""
    name = f"invitations-{watcher.tag}{index}.json"
    watcher.put(watcher.folder, name, one_invitation(watcher.tag, index))
    dropped = dunst_clock()
    # The floor titles its notice with the file name, the daemon with the inviter's name.
    expected = (name, f"Bench {watcher.tag}{index} — ")
    received = desktop.wait_for(lambda n: n["summary"].startswith(expected), timeout=30)
    return float(received["timestamp"]) / 1e6 - dropped


def start_floor(folder: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.bench_latency", "floor", str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        process.kill()
        raise RuntimeError("the floor watcher did not start")
    return process


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def report(floor: Watcher, daemons: list[Watcher], drops: int) -> None:
    print(f"drop -> notification accepted by dunst, {drops} drops each ({WARM_UP} warm-up not")
    print("counted), drops alternating between the watchers")
    print(f"{'':<52}{'p50':>10}{'p95':>10}{'max':>10}")
    for watcher in (floor, *daemons):
        values = watcher.latencies
        cells = [percentile(values, 50), percentile(values, 95), max(values)]
        print(f"{watcher.label:<52}" + "".join(f"{v * 1000:>8.1f}ms" for v in cells))
    for daemon in daemons:
        ratio50 = percentile(daemon.latencies, 50) / percentile(floor.latencies, 50)
        ratio95 = percentile(daemon.latencies, 95) / percentile(floor.latencies, 95)
        verdict = "within" if ratio50 <= 2 else "OVER"
        print(
            f"{daemon.label} / floor: p50 x{ratio50:.2f} ({verdict} the 2x target), "
            f"p95 x{ratio95:.2f}"
        )


def run(drops: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp:
        root = Path(tmp)
        desktop = start_desktop(root / "desktop")
        floor_process: subprocess.Popen[str] | None = None
        daemon: DaemonProcess | None = None
        try:
            env = daemon_environment(desktop.env | isolated_xdg(root / "xdg"))
            folders = {name: root / name for name in ("floor", "moved-in", "in-place")}
            for folder in folders.values():
                folder.mkdir()
            floor_process = start_floor(folders["floor"], env)
            watched = [folders["moved-in"], folders["in-place"]]
            # Every drop is timed to its own notice: the per-minute budget (10 by default)
            # would fold the 11th into "And N more" and the wait for it would never end.
            daemon_env = daemon_environment(env, {"notifications.budget_per_minute": "10000"})
            daemon = DaemonProcess(watched, root, env=daemon_env, verbose=False).start()
            floor = Watcher("floor (watchdog -> desktop-notifier)", folders["floor"], "f", drop, [])
            daemons = [
                Watcher("daemon, moved in from elsewhere", watched[0], "m", drop, []),
                Watcher("daemon, .part renamed in the folder", watched[1], "p", drop_in_place, []),
            ]
            for index in range(drops + WARM_UP):
                for watcher in (floor, *daemons):
                    latency = measure_drop(desktop, watcher, index)
                    if index >= WARM_UP:
                        watcher.latencies.append(latency)
            report(floor, daemons, drops)
        finally:
            if daemon is not None:
                daemon.stop()
            if floor_process is not None:
                floor_process.terminate()
                floor_process.wait(5)
            desktop.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--drops", type=int, default=50)
    sub = parser.add_subparsers(dest="mode")
    floor = sub.add_parser("floor", help="(internal) the floor watcher on FOLDER")
    floor.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.mode == "floor":
        asyncio.run(floor_watch(args.folder))
    else:
        run(args.drops)


if __name__ == "__main__":
    main()
