"""An archive's import never loads the address-book and calendar libraries: vobject and
icalendar (~8 and ~10 MB) are imported by the first card or event read, so neither an import of
LinkedIn's archive nor the daemon after it holds them.

A fresh interpreter (a subprocess: this one has imported everything already) reads the file
through the registry, as the pipeline does, and prints the modules it holds.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from tests.support.exports import Invite, Person, invitations_csv
from tests.support.fresh import run_python

READ_THROUGH_THE_REGISTRY = """
import json, sys
from pathlib import Path
from watcher.config.settings import LimitsSettings
from watcher.sources import registry
path = Path(sys.argv[1])
source = registry.recognise(path.name, path.read_bytes()[: registry.HEAD_BYTES])
records = list(source.read(path, LimitsSettings()))
print(json.dumps({"records": len(records), "modules": sorted(sys.modules)}))
"""

HEAVY = ("vobject", "icalendar")

EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1\r\n"
    "DTSTART:20261110T090000Z\r\nSUMMARY:Coffee with Ada Byron\r\n"
    "ATTENDEE;CN=Ada Byron:mailto:ada@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _read(path: Path) -> tuple[int, set[str]]:
    read = json.loads(run_python(READ_THROUGH_THE_REGISTRY, str(path)).stdout)
    return read["records"], {m.partition(".")[0] for m in read["modules"]}


def test_lazy_libraries_an_archive_is_read_without_them(tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_11-30-2026.zip"
    invite = Invite(
        Person("Ada Byron", "https://www.linkedin.com/in/ada"), datetime(2026, 11, 2, tzinfo=UTC)
    )
    with zipfile.ZipFile(archive, "w") as members:
        members.writestr("Invitations.csv", invitations_csv([invite]))
    records, modules = _read(archive)
    assert records >= 1
    assert not modules.intersection(HEAVY)


def test_lazy_libraries_a_calendar_loads_its_own_on_first_use(tmp_path: Path) -> None:
    calendar = tmp_path / "work.ics"
    calendar.write_text(EVENT, encoding="utf-8", newline="")
    records, modules = _read(calendar)
    assert records >= 1
    assert "icalendar" in modules
    assert "vobject" not in modules
