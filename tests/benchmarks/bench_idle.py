"""Benchmark: the daemon at rest — start to READY, resident memory, CPU and wake-ups when idle.

Starts ``invite-watcher run`` (default settings, one empty watched folder) on a private desktop
(Xvfb + session D-Bus + dunst, so the notifier holds its D-Bus connection as it would for a
user), waits for READY=1 on its NOTIFY_SOCKET, then reads ``/proc/<pid>/stat`` and ``status``
before and after an idle window. Targets (issue 12): READY under 1 s, RSS at most 50 MB, no
wake-ups while idle (the context switches of all its threads tell whether anything wakes up).
For a baseline measured in the same run, a fresh interpreter that only imports the daemon's
modules (``import watcher.daemon.root``) and one that imports the CLI as ``invite-watcher run``
starts (``import watcher.cli.app``): the difference is what the entry point loads beyond the
daemon. Prints figures and ratios; asserts nothing.

Run: ``cd /work/main && .venv/bin/python -m tests.benchmarks.bench_idle [--seconds 60]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.daemon import DaemonProcess, daemon_environment, isolated_xdg
from tests.support.desktop import start_desktop

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
TARGET_RSS_MB = 50
TARGET_READY_S = 1.0


@dataclass(frozen=True)
class Sample:
    rss_kb: int
    peak_rss_kb: int
    threads: int
    cpu_seconds: float
    context_switches: int


def _status_fields(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def _kilobytes(value: str) -> int:
    return int(value.split(maxsplit=1)[0])


def sample(pid: int) -> Sample:
    proc = Path(f"/proc/{pid}")
    status = _status_fields(proc / "status")
    # utime and stime are fields 14 and 15; split after the name, which may hold spaces.
    after_name = (proc / "stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(after_name[11]), int(after_name[12])
    switches = 0
    for task in (proc / "task").iterdir():
        fields = _status_fields(task / "status")
        switches += int(fields["voluntary_ctxt_switches"])
        switches += int(fields["nonvoluntary_ctxt_switches"])
    return Sample(
        rss_kb=_kilobytes(status["VmRSS"]),
        peak_rss_kb=_kilobytes(status["VmHWM"]),
        threads=int(status["Threads"]),
        cpu_seconds=(utime + stime) / TICKS_PER_SECOND,
        context_switches=switches,
    )


def imports_peak_mb(statement: str) -> float:
    """Peak RSS (MB) of a fresh interpreter that runs ``statement``: the cost of its imports."""
    probe = (
        f"{statement}\nimport resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def report(ready_seconds: float, before: Sample, after: Sample, idle_seconds: float) -> None:
    cpu = after.cpu_seconds - before.cpu_seconds
    wakeups = after.context_switches - before.context_switches
    mb = 1024
    print(
        f"start to READY=1:        {ready_seconds:6.2f} s   (target < {TARGET_READY_S} s; "
        f"x{ready_seconds / TARGET_READY_S:.2f} of it)"
    )
    print(
        f"RSS after READY:         {before.rss_kb / mb:6.1f} MB  (target <= {TARGET_RSS_MB} MB; "
        f"x{before.rss_kb / (TARGET_RSS_MB * mb):.2f} of it)"
    )
    peak = after.peak_rss_kb / mb
    print(f"RSS after idling:        {after.rss_kb / mb:6.1f} MB  (peak {peak:.1f} MB)")
    daemon_only = imports_peak_mb("import watcher.daemon.root")
    with_cli = imports_peak_mb("import watcher.cli.app")
    print(
        f"baseline, imports only:  {daemon_only:6.1f} MB daemon modules, {with_cli:.1f} MB with "
        f"the CLI (x{with_cli / daemon_only:.2f}); the running daemon is "
        f"x{before.rss_kb / mb / daemon_only:.2f} of its modules"
    )
    print(f"threads:                 {after.threads}")
    print(
        f"CPU over {idle_seconds:.0f} s idle:     {cpu:6.2f} s   "
        f"({100 * cpu / idle_seconds:.2f}% of one core; target ~0)"
    )
    print(
        f"context switches, all threads: {wakeups} in {idle_seconds:.0f} s "
        f"({wakeups / idle_seconds:.2f}/s; target 0: polling would show a steady rate)"
    )


class EntryDaemon(DaemonProcess):
    """The daemon started through ``watcher.entry`` (the daemon's own command line, without the
    CLI's toolkit) instead of ``python -m watcher`` (the CLI)."""

    @property
    def command(self) -> list[str]:
        rest = super().command[3:]  # after "python -m watcher"
        return [sys.executable, "-c", "from watcher.entry import main; main()", *rest]


def measure(kind: type[DaemonProcess], root: Path, env: dict[str, str], idle: float) -> None:
    folder = root / "Downloads"
    folder.mkdir(exist_ok=True)
    daemon = kind([folder], root, env=env, verbose=False)
    started = time.monotonic()
    daemon.start()
    try:
        ready_seconds = time.monotonic() - started
        before = sample(daemon.pid)
        time.sleep(idle)  # the measurement window itself: the daemon is left alone
        after = sample(daemon.pid)
        report(ready_seconds, before, after, idle)
    finally:
        daemon.stop()


def run(idle_seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as tmp:
        root = Path(tmp)
        desktop = start_desktop(root / "desktop")
        try:
            env = daemon_environment(desktop.env | isolated_xdg(root / "xdg"))
            print("-- python -m watcher run (the command line's entry point)")
            measure(DaemonProcess, root, env, idle_seconds)
            print("-- watcher.entry (the daemon's own command line, no CLI toolkit)")
            measure(EntryDaemon, root, env, idle_seconds)
        finally:
            desktop.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60.0, help="idle window (default 60)")
    run(parser.parse_args(argv).seconds)


if __name__ == "__main__":
    main()
