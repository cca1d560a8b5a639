"""A meet-up request whose invitation a newer complete listing left out (taken for ignored,
``vanished``) and a still newer file lists again (``reappeared``): it goes back to where it
stood.

Xia's invitation (15 November) is in the archive of 20 November; the archive of 28 November,
a complete listing, no longer shows it (she is not connected): ignored. The user's invitation
JSON exported on 30 November lists it again: reopened, pending. What the user did meanwhile
must survive that round trip (DESIGN.md: an export never undoes the user's decisions; no
doubled reminders):

* the user ran ``sent`` on 21 November: after the round trip the request is still sent (it
  came back as pending, forgotten, before);
* the request was seen sent in messages.csv (18 November) and both reminders fired: the
  reopened request keeps its meet-up where it was (it was seen sent again by the same messages
  and its meet-up restarted from stage 0, so the reminders already shown were shown again).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.support.exports import OWNER, Invite, Msg, Person, build_archive, invitations_json
from watcher import pipeline
from watcher.config.settings import Settings
from watcher.followup.apply import apply_event
from watcher.followup.transitions import LifecycleEvent
from watcher.models import Imported
from watcher.store import Store

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
XIA = Person("Xia Chen", "https://www.linkedin.com/in/xia-chen")
ZOE = Person("Zoe Berg", "https://www.linkedin.com/in/zoe-berg")  # keeps the listing non-empty
INVITED = datetime(2026, 11, 15, 9, tzinfo=UTC)
ASKED = Msg(OWNER, (XIA,), datetime(2026, 11, 18, 9, tzinfo=UTC), "Coffee first?")


def _files(folder: Path, messages: list[Msg]) -> list[Path]:
    """The archive listing Xia, the newer one that does not, the JSON listing her again."""
    zoe = Invite(ZOE, datetime(2026, 11, 10, 9, tzinfo=UTC), "Hi")  # opens the window
    files = {
        "Basic_LinkedInDataExport_11-20-2026.zip": build_archive(
            invitations=[Invite(XIA, INVITED, "Hi"), zoe], messages=messages, year=2026
        ),
        "Basic_LinkedInDataExport_11-28-2026.zip": build_archive(
            invitations=[zoe], messages=messages, year=2026
        ),
        "invitations.json": invitations_json(
            [
                {
                    "name": XIA.name,
                    "profile_url": XIA.url,
                    "note": "Hi",
                    "headline": "",
                    "sent_at": INVITED.isoformat(),
                }
            ],
            exported_at="2026-11-30T18:00:00+00:00",
        ),
    }
    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def _import(deps: pipeline.Deps, path: Path) -> None:
    assert isinstance(pipeline.process(path, deps), Imported), path


def test_reopened_meetup_the_user_sent_survives_a_listing_that_left_it_out(tmp_path: Path) -> None:
    first, without, again = _files(tmp_path, [])
    store = Store(tmp_path / "db.sqlite")
    try:
        deps = pipeline.Deps(store=store, settings=Settings(), clock=lambda: NOW)
        _import(deps, first)
        (xia,) = (i for i in store.invitations() if i.name == XIA.name)
        sent = datetime(2026, 11, 21, 9, tzinfo=UTC)
        apply_event(store, xia.id, LifecycleEvent.SENT, "command: sent", NOW, at=sent)
        _import(deps, without)
        _import(deps, again)
        events = [t.event for t in store.transitions(xia.id)]
        assert events == ["sent", "vanished", "reappeared"]  # the round trip happened
        reopened = store.invitation(xia.id)
        assert reopened is not None
        assert reopened.status.value == "meet-requested"
    finally:
        store.close()


def test_reopened_meetup_keeps_the_reminders_it_already_fired(tmp_path: Path) -> None:
    first, without, again = _files(tmp_path, [ASKED])
    store = Store(tmp_path / "db.sqlite")
    try:
        deps = pipeline.Deps(store=store, settings=Settings(), clock=lambda: NOW)
        _import(deps, first)
        (xia,) = (i for i in store.invitations() if i.name == XIA.name)
        assert xia.status.value == "meet-requested"
        with store.transaction():  # both reminders (3d, 7d) were shown before 28 November
            store.update_meetup(xia.id, fired_stage=2)
        _import(deps, without)
        _import(deps, again)
        events = [t.event for t in store.transitions(xia.id)]
        assert events == ["sent", "vanished", "reappeared"]  # sent again: nothing new
        meetup = store.meetup(xia.id)
        assert meetup is not None
        assert meetup.sent_at == ASKED.at
        assert meetup.fired_stage == 2
    finally:
        store.close()
