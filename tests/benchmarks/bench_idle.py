"""Benchmark: the daemon at rest — start to READY, resident memory, CPU and wake-ups when idle.

Starts ``invite-watcher run`` (default settings, one empty watched folder) on a private desktop
(Xvfb + session D-Bus + dunst, so the notifier holds its D-Bus connection as it would for a
user), waits for READY=1 on its NOTIFY_SOCKET, then reads ``/proc/<pid>/stat`` and ``status``
before and after an idle window. Targets (DESIGN.md): READY under 1.5 s, RSS under 60 MB, CPU
near zero (no polling). The context switches of all its threads tell whether anything wakes
up periodically. Prints figures; asserts nothing.

Run: ``cd /work/main && .venv/bin/python -m tests.benchmarks.bench_idle [--seconds 60]``
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.daemon import DaemonProcess, daemon_environment, isolated_xdg
from tests.support.desktop import start_desktop

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


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


def report(ready_seconds: float, before: Sample, after: Sample, idle_seconds: float) -> None:
    cpu = after.cpu_seconds - before.cpu_seconds
    wakeups = after.context_switches - before.context_switches
    mb = 1024
    print(f"start to READY=1:        {ready_seconds:6.2f} s   (target < 1.5 s)")
    print(
        f"RSS after READY:         {before.rss_kb / mb:6.1f} MB  (target < 60 MB; "
        f"x{before.rss_kb / (60 * mb):.2f} of it)"
    )
    peak = after.peak_rss_kb / mb
    print(f"RSS after idling:        {after.rss_kb / mb:6.1f} MB  (peak {peak:.1f} MB)")
    print(f"threads:                 {after.threads}")
    print(
        f"CPU over {idle_seconds:.0f} s idle:     {cpu:6.2f} s   "
        f"({100 * cpu / idle_seconds:.2f}% of one core; target ~0)"
    )
    print(
        f"context switches, all threads: {wakeups} in {idle_seconds:.0f} s "
        f"({wakeups / idle_seconds:.2f}/s; polling would show a steady rate)"
    )


def run(idle_seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as tmp:
        root = Path(tmp)
        desktop = start_desktop(root / "desktop")
        daemon: DaemonProcess | None = None
        try:
            folder = root / "Downloads"
            folder.mkdir()
            env = daemon_environment(desktop.env | isolated_xdg(root / "xdg"))
            daemon = DaemonProcess([folder], root, env=env, verbose=False)
            started = time.monotonic()
            daemon.start()
            ready_seconds = time.monotonic() - started
            before = sample(daemon.pid)
            time.sleep(idle_seconds)  # the measurement window itself: the daemon is left alone
            after = sample(daemon.pid)
            report(ready_seconds, before, after, idle_seconds)
        finally:
            if daemon is not None:
                daemon.stop()
            desktop.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60.0, help="idle window (default 60)")
    run(parser.parse_args(argv).seconds)


if __name__ == "__main__":
    main()
