"""``list`` and ``show`` start fast because they import only what reading the database needs.

Their start-up is almost all imports (the queries take milliseconds), so the guard is on the
imports, not on a time: one real interpreter runs ``list``, ``list --json``, ``show`` and
``show --json`` through the console entry point on a real database, then reports every module
it loaded. None of the modules below may be among them; each one, loaded again, would cost
these commands tens of milliseconds (or, for the daemon and the pipeline, a hundred or more).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.support.exports import Invite, Person, build_archive
from tests.support.fresh import run_python

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

#: What the reading commands never need: the daemon and its libraries, the import pipeline and
#: its readers, the rules engine, the review screen, logging, the lifecycle, rich's console;
#: the reminder plan, the interest proposals, TOML and HTML writing (other commands' alone);
#: the store's writing aggregates (they read with ``watcher.store.reading.Reading``).
NOT_FOR_READING = (
    "apscheduler",
    "desktop_notifier",
    "html",
    "icalendar",
    "loguru",
    "nicknames",
    "pyperclip",
    "rapidfuzz",
    "rich.console",
    "rich.progress",
    "selectolax",
    "snowballstemmer",
    "textual",
    "tomli_w",
    "vobject",
    "watchdog",
    "watcher.cli.actions",
    "watcher.cli.review",
    "watcher.daemon",
    "watcher.followup",
    "watcher.judge.gather",
    "watcher.judge.interest_proposals",
    "watcher.judge.rulebook",
    "watcher.notify.backends",
    "watcher.pipeline",
    "watcher.store.complete",
    "watcher.store.evaluations",
    "watcher.store.imports",
    "watcher.store.judgings",
    "watcher.store.meetups",
    "watcher.store.outbox",
    "watcher.sources",
    "watcher.system.logs",
    "watcher.system.service",
    "webbrowser",
)

#: The result models the reading commands never validate: built on first use, never by them.
UNUSED_RESULTS = (
    "Evaluation",
    "ImportChanges",
    "Imported",
    "AlreadyImported",
    "NotOurs",
    "Failed",
    "Interrupted",
)

PROBE = """\
import gc, json, sys
from watcher.entry import main

RESULTS = %r

for command in (["list"], ["list", "--json"], ["show", "1"], ["show", "--json", "1"]):
    try:
        main(command)
    except SystemExit as stop:
        assert stop.code in (0, None), (command, stop.code)
with open(sys.argv[1], "w") as report:
    collector = [gc.isenabled(), gc.get_freeze_count()]
    models = sys.modules["watcher.models"]
    built = [name for name in RESULTS if getattr(models, name).__pydantic_complete__]
    json.dump({"modules": sorted(sys.modules), "collector": collector, "built": built}, report)
"""


def test_cli_list_and_show_import_nothing_they_do_not_use(cli: Any, tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    invite = Invite(Person("Ada Quill", "https://www.linkedin.com/in/ada-quill"), T0, "Hello")
    archive.write_bytes(build_archive(invitations=[invite]))
    assert cli("import", archive).code == 0
    report = tmp_path / "modules.json"

    # the XDG variables the test set (isolated_xdg) lead the child to the same database
    shown = run_python(PROBE % (UNUSED_RESULTS,), str(report))

    assert shown.stdout.count("Ada Quill") == 4  # each command found the invitation
    found = json.loads(report.read_text())
    unwanted = [m for m in found["modules"] if m.startswith(NOT_FOR_READING)]
    assert unwanted == []
    # imported with the collector off (watcher.entry), which is on again for the commands,
    # the start-up's objects frozen out of its passes
    assert found["built"] == []  # pydantic's defer_build (watcher.models._Result)
    enabled, frozen = found["collector"]
    assert enabled
    assert frozen > 10_000
