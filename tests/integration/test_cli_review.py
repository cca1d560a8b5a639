"""``invite-watcher review`` driven by Textual's headless pilot, every key, over a real store
filled through the real pipeline (``invite-watcher import``).

Each key must do what its command does: the tests read the result back through the command
line (``show --json``, ``reminders --json``), as a user switching between the two would.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from tests.support.exports import invitations_json
from tests.support.triage import NAMES, profile, write_week
from tests.support.xdisplay import clipboard, x_display
from watcher.cli.review import ReviewApp
from watcher.config.settings import Settings, load_settings
from watcher.store import Store

__all__ = ["x_display"]  # the fixture

SIZE = (160, 50)


@pytest.fixture
def settings(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("INVITE_WATCHER_YOU__INTERESTS", '["data engineering"]')
    assert cli("import", *write_week(tmp_path)).code == 0
    return load_settings()


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store(settings.storage.database_path())
    yield opened
    opened.close()


class Browser:
    """Stands in for webbrowser.open: records what it was asked to open, and can fail."""

    def __init__(self, works: bool = True) -> None:
        self.opened: list[str] = []
        self.works = works

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        return self.works


def text_of(app: ReviewApp, selector: str) -> str:
    return str(app.query_one(selector, Static).content)


def shown(cli: Any, name: str) -> dict[str, Any]:
    listed = cli("list", "--json", "--direction", "all").json()
    invitation_id = next(i["id"] for i in listed if i["name"] == name)
    return cli("show", "--json", str(invitation_id)).json()  # type: ignore[no-any-return]


def causes(cli: Any, name: str) -> list[tuple[str, str]]:
    return [(t["to"], t["cause"]) for t in shown(cli, name)["transitions"]]


# --------------------------------------------------------------------------------------------
# What the screen shows, and moving through it
# --------------------------------------------------------------------------------------------


async def test_review_shows_the_waiting_newest_first_with_report_and_draft(
    store: Store, settings: Settings
) -> None:
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE):
        assert [row.name for row in app.rows] == NAMES
        assert app.selected is not None and app.selected.name == "Pat Pitch"
        assert "verdict   ignore" in text_of(app, "#report")
        assert "note.pitch" in text_of(app, "#report")
        assert "is judged ignore, so no meet-up draft:" in text_of(app, "#draft")


async def test_review_j_k_and_arrows_move_the_selection(store: Store, settings: Settings) -> None:
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        assert app.selected is not None and app.selected.name == "Jane Doe"
        assert "A coffee sounds good" in text_of(app, "#draft")
        assert "I'm glad the PyCon Berlin talk was useful." in text_of(app, "#draft")
        await pilot.press("k")
        assert app.selected.name == "Raj Patel"
        assert "A call sounds good" in text_of(app, "#draft")
        await pilot.press("down", "down")
        assert app.selected.name == "Mia Lund"
        await pilot.press("up")
        assert app.selected.name == "Jane Doe"


async def test_review_names_from_exports_are_not_markup(
    cli: Any, store: Store, settings: Settings, tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.json"
    entry = {"name": "[b]Eve[/b] Mallory", "sent_at": "2026-03-09T09:30:00Z"}
    hostile.write_bytes(invitations_json([entry]))
    assert cli("import", hostile).code == 0

    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE):
        name = app.query_one("#invitations", DataTable).get_row_at(0)[2]
        assert isinstance(name, Text) and name.plain == "[b]Eve[/b] Mallory"


# --------------------------------------------------------------------------------------------
# The lifecycle keys: a, i, m, r
# --------------------------------------------------------------------------------------------


async def test_review_a_accepts_and_the_next_one_is_selected(
    cli: Any, store: Store, settings: Settings
) -> None:
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "a")
        assert [row.name for row in app.rows] == ["Pat Pitch", "Jane Doe", "Mia Lund"]
        assert app.selected is not None and app.selected.name == "Jane Doe"
        assert text_of(app, "#status").endswith("(Raj Patel): accepted")
    assert causes(cli, "Raj Patel") == [("accepted", "review: decide accept")]


async def test_review_i_ignores(cli: Any, store: Store, settings: Settings) -> None:
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert "Pat Pitch" not in [row.name for row in app.rows]
    assert causes(cli, "Pat Pitch") == [("ignored", "review: decide ignore")]


async def test_review_m_marks_the_request_sent_and_plans_reminders(
    cli: Any, store: Store, settings: Settings
) -> None:
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "m")
        assert app.selected is not None and app.selected.name == "Jane Doe"  # still waiting
        assert app.selected.status.value == "meet-requested"
    jane = shown(cli, "Jane Doe")
    assert causes(cli, "Jane Doe") == [("meet-requested", "review: sent")]
    reminders = cli("reminders", "--json").json()
    assert [r["invitation_id"] for r in reminders] == [jane["id"]]


async def test_review_keeps_the_selection_when_a_newer_invitation_arrived(
    cli: Any, store: Store, settings: Settings, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.json"
    newer.write_bytes(invitations_json([{"name": "Neo Newer", "sent_at": "2026-03-09T09:30:00Z"}]))
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        assert cli("import", newer).code == 0  # the daemon, say, while the screen is open
        await pilot.press("m")
        assert app.rows[0].name == "Neo Newer"
        assert app.selected is not None and app.selected.name == "Jane Doe"


async def test_review_r_after_m_records_the_reply(
    cli: Any, store: Store, settings: Settings
) -> None:
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "m", "r")
        assert text_of(app, "#status").endswith("(Jane Doe): replied")
    assert causes(cli, "Jane Doe") == [
        ("meet-requested", "review: sent"),
        ("replied", "review: replied"),
    ]
    assert cli("reminders", "--json").json() == []


async def test_review_r_before_m_is_refused_as_the_command_refuses_it(
    cli: Any, store: Store, settings: Settings
) -> None:
    refused = cli("replied", str(shown(cli, "Pat Pitch")["id"]))
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert f"invite-watcher: {text_of(app, '#status')}" == refused.err.strip()
    assert causes(cli, "Pat Pitch") == []


# --------------------------------------------------------------------------------------------
# c copies the draft, o opens the profile, q quits
# --------------------------------------------------------------------------------------------


@pytest.mark.system
async def test_review_c_copies_the_selected_draft(
    cli: Any, store: Store, settings: Settings, x_display: str
) -> None:
    drafted = cli("draft", str(shown(cli, "Raj Patel")["id"])).out.removesuffix("\n")
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "c")
        assert text_of(app, "#status") == f"copied the draft for {app.selected.id} to the clipboard"  # type: ignore[union-attr]
    assert clipboard(x_display) == drafted


async def test_review_c_on_an_ignored_one_copies_nothing(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # Pat Pitch: judged ignore
        assert text_of(app, "#status").endswith("is judged ignore, so no meet-up draft")


async def test_review_c_without_a_clipboard_says_so(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "c")
        assert text_of(app, "#status").startswith("no clipboard to copy to")


async def test_review_o_opens_the_profile(store: Store, settings: Settings) -> None:
    browser = Browser()
    app = ReviewApp(store, settings, open_url=browser)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "o")
        assert text_of(app, "#status") == f"opened {profile('Jane Doe')}"
    assert browser.opened == [profile("Jane Doe")]


async def test_review_o_without_a_browser_says_so(store: Store, settings: Settings) -> None:
    app = ReviewApp(store, settings, open_url=Browser(works=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert text_of(app, "#status") == (
            f"no browser could open {profile('Pat Pitch')}; open it yourself"
        )


async def test_review_q_quits(store: Store, settings: Settings) -> None:
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_review_with_nothing_waiting_says_so(
    cli: Any, store: Store, settings: Settings
) -> None:
    for row in cli("list", "--json").json():
        cli("decide", str(row["id"]), "ignore")
    app = ReviewApp(store, settings)
    async with app.run_test(size=SIZE) as pilot:
        assert app.rows == []
        assert text_of(app, "#report").startswith("Nothing is waiting")
        await pilot.press("a", "c", "o")
        assert text_of(app, "#status") == "nothing selected"


def test_review_needs_a_terminal(cli: Any, settings: Settings) -> None:
    result = cli("review")

    assert result.code == 1
    assert "review needs a terminal" in result.err


def test_review_textual_is_loaded_by_the_review_command_only() -> None:
    code = (
        "import sys, watcher.cli.app, watcher.daemon.root\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )

    assert result.stdout.strip() == "[]"
