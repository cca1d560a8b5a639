"""The command line after an import: list, show, draft, sent, replied, decide, reminders, config.

Run in-process through ``watcher.cli.app.main`` against the per-test XDG database and config dirs.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import Invite, Person, build_archive, invitations_json
from watcher.config.settings import user_config_path

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
GOOD_NOTE = (
    "Hi Eve — we've never met, but I'd like to. I'm growing a network of young marketers "
    "and you look like someone to have coffee with. Interested?"
)
PITCH = "I help agencies triple their leads in 30 days — book a free demo: https://bit.ly/x"


def person(name: str) -> Person:
    return Person(name, "https://www.linkedin.com/in/" + name.lower().replace(" ", "-"))


@pytest.fixture
def imported(cli: Any, tmp_path: Path) -> dict[str, int]:
    """Three incoming invitations a day apart (accept, meet-first-ish, ignore) and one outgoing;
    returns name -> id."""
    archive = tmp_path / "a.zip"
    archive.write_bytes(
        build_archive(
            invitations=[
                Invite(person("Ada Young"), T0, GOOD_NOTE),
                Invite(person("Pat Pitch"), T0 + timedelta(days=1), PITCH),
                Invite(person("Bo Quiet"), T0 + timedelta(days=2), ""),
                Invite(person("Out Going"), T0 + timedelta(days=3), "", direction="OUTGOING"),
            ]
        )
    )
    assert cli("import", archive).code == 0
    return {i["name"]: i["id"] for i in cli("list", "--json", "--direction", "all").json()}


# --------------------------------------------------------------------------------------------
# list
# --------------------------------------------------------------------------------------------


def test_cli_list_incoming_newest_first(cli: Any, imported: dict[str, int]) -> None:
    names = [i["name"] for i in cli("list", "--json").json()]

    assert names == ["Bo Quiet", "Pat Pitch", "Ada Young"]


def test_cli_list_direction_outgoing_and_all(cli: Any, imported: dict[str, int]) -> None:
    outgoing = cli("list", "--json", "--direction", "outgoing").json()
    everything = cli("list", "--json", "--direction", "all").json()

    assert [(i["name"], i["direction"]) for i in outgoing] == [("Out Going", "outgoing")]
    assert everything[0]["name"] == "Out Going"
    assert len(everything) == 4


def test_cli_list_filters_by_verdict_and_status(cli: Any, imported: dict[str, int]) -> None:
    cli("decide", str(imported["Bo Quiet"]), "ignore")

    accepted = cli("list", "--json", "--verdict", "accept").json()
    ignored = cli("list", "--json", "--status", "ignored").json()
    pending = cli("list", "--json", "--status", "pending").json()

    assert [i["name"] for i in accepted] == ["Ada Young"]
    assert [i["name"] for i in ignored] == ["Bo Quiet"]
    assert {i["name"] for i in pending} == {"Ada Young", "Pat Pitch"}


def test_cli_list_rejects_an_unknown_direction(cli: Any, imported: dict[str, int]) -> None:
    result = cli("list", "--direction", "sideways")

    assert result.code == 2
    assert "--direction" in result.err


def test_cli_list_table_and_empty_database(cli: Any) -> None:
    assert "No invitations yet" in cli("list").out


def test_cli_list_table_shows_rows(cli: Any, imported: dict[str, int]) -> None:
    out = cli("list").out

    assert "Ada Young" in out
    assert "accept" in out
    assert "Out Going" not in out


# --------------------------------------------------------------------------------------------
# show
# --------------------------------------------------------------------------------------------


def test_cli_show_json_contract(cli: Any, imported: dict[str, int]) -> None:
    shown = cli("show", "--json", str(imported["Ada Young"])).json()

    assert shown["id"] == imported["Ada Young"]
    assert shown["name"] == "Ada Young"
    assert shown["profile_url"] == "https://www.linkedin.com/in/ada-young"
    assert datetime.fromisoformat(shown["sent_at"]) == T0
    assert shown["message"] == GOOD_NOTE
    assert (shown["verdict"], shown["status"]) == ("accept", "pending")
    assert shown["score"] == sum(r["points"] for r in shown["reasons"] if r["rule"] != "verdict")
    assert {r["rule"] for r in shown["reasons"]} >= {"note.admits-not-met", "note.says-why"}
    assert shown["transitions"] == []
    [change] = shown["verdict_changes"]
    assert (change["from"], change["to"], change["cause"]) == (None, "accept", "import of a.zip")


def test_cli_show_text_report_lists_every_rule(cli: Any, imported: dict[str, int]) -> None:
    shown = cli("show", "--json", str(imported["Pat Pitch"])).json()

    report = cli("show", str(imported["Pat Pitch"])).out

    assert "verdict   ignore" in report
    assert f"score {shown['score']:+d}" in report
    for reason in shown["reasons"]:
        assert f"{reason['points']:+4d}  {reason['rule']}" in report


def test_cli_show_unknown_id_is_a_clear_error(cli: Any, imported: dict[str, int]) -> None:
    result = cli("show", "999")

    assert result.code == 1
    assert "no invitation with id 999" in result.err
    assert "Traceback" not in result.err


# --------------------------------------------------------------------------------------------
# draft, sent, replied, decide, reminders
# --------------------------------------------------------------------------------------------


def test_cli_draft_is_a_natural_message(
    cli: Any, imported: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INVITE_WATCHER_YOU__NAME", "Eve Kovacs")

    result = cli("draft", str(imported["Ada Young"]))

    assert result.code == 0
    text = result.out
    assert text.startswith("Hi Ada,")
    assert "Eve Kovacs" in text
    assert "{" not in text and "}" not in text and "None" not in text


def test_cli_sent_then_replied_moves_status(cli: Any, imported: dict[str, int]) -> None:
    ada = str(imported["Ada Young"])

    sent = cli("sent", ada, "--at", "2026-03-05T10:00:00+00:00")
    replied = cli("replied", ada)

    assert (sent.code, replied.code) == (0, 0)
    assert "meet-requested" in sent.out
    shown = cli("show", "--json", ada).json()
    assert shown["status"] == "replied"
    moves = [(t["from"], t["to"], t["cause"]) for t in shown["transitions"]]
    assert moves == [
        ("pending", "meet-requested", "command: sent"),
        ("meet-requested", "replied", "command: replied"),
    ]
    assert shown["transitions"][0]["at"] == "2026-03-05T10:00:00+00:00"


def test_cli_replied_before_sent_is_refused(cli: Any, imported: dict[str, int]) -> None:
    result = cli("replied", str(imported["Ada Young"]))

    assert result.code == 1
    assert "sent" in result.err
    assert cli("show", "--json", str(imported["Ada Young"])).json()["status"] == "pending"


def test_cli_decide_accept_and_illegal_sent_after(cli: Any, imported: dict[str, int]) -> None:
    bo = str(imported["Bo Quiet"])

    assert cli("decide", bo, "accept").code == 0
    late = cli("sent", bo)

    assert late.code == 1
    assert "already decided" in late.err
    assert cli("show", "--json", bo).json()["status"] == "accepted"


def test_cli_sent_and_decide_refuse_an_invitation_the_user_sent(
    cli: Any, imported: dict[str, int]
) -> None:
    mine = str(imported["Out Going"])

    for command in (("sent", mine), ("replied", mine), ("decide", mine, "ignore")):
        refused = cli(*command)
        assert refused.code == 1, command
        assert "you sent this invitation" in refused.err
    shown = cli("show", "--json", mine).json()
    assert shown["status"] == "pending"
    assert cli("reminders", "--json").json() == []  # no meet-up, no reminder planned


def test_cli_decide_rejects_other_words_and_unknown_ids(cli: Any, imported: dict[str, int]) -> None:
    maybe = cli("decide", str(imported["Bo Quiet"]), "maybe")
    unknown = cli("decide", "4242", "accept")

    assert maybe.code == 2
    assert "accept or ignore" in maybe.err
    assert unknown.code == 1
    assert "no invitation with id 4242" in unknown.err


def test_cli_sent_rejects_an_unreadable_time(cli: Any, imported: dict[str, int]) -> None:
    result = cli("sent", str(imported["Ada Young"]), "--at", "whenever")

    assert result.code == 2
    assert "--at" in result.err


def test_cli_sent_refuses_a_time_in_the_future_or_before_the_invitation(
    cli: Any, imported: dict[str, int]
) -> None:
    ada = str(imported["Ada Young"])
    soon = (datetime.now(UTC) + timedelta(hours=2)).isoformat()

    future = cli("sent", ada, "--at", soon)
    early = cli("sent", ada, "--at", "2025-06-01T09:00:00+00:00")

    assert (future.code, early.code) == (1, 1)
    assert "is in the future" in future.err
    assert "is before invitation" in early.err and "(2026-03-02)" in early.err
    assert len(future.err.strip().splitlines()) == len(early.err.strip().splitlines()) == 1
    shown = cli("show", "--json", ada).json()
    assert (shown["status"], shown["transitions"]) == ("pending", [])
    assert cli("reminders", "--json").json() == []


def test_cli_sent_long_ago_says_what_fell_due(
    cli: Any, imported: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INVITE_WATCHER_MEETUP__REMIND_AFTER", '["3d", "7d"]')
    monkeypatch.setenv("INVITE_WATCHER_MEETUP__GIVE_UP_AFTER", "14d")
    now = datetime.now(UTC)

    some = cli("sent", str(imported["Ada Young"]), "--at", (now - timedelta(days=4)).isoformat())
    every = cli("sent", str(imported["Bo Quiet"]), "--at", "2026-03-10T09:00:00+00:00")

    assert some.out.splitlines()[1].startswith("reminder 1 fell due already (")
    assert "and comes now; then reminder 2 due" in some.out
    assert every.out.splitlines()[1].startswith("every reminder fell due already (the give-up")
    assert "the meet-up is given up now" in every.out


def test_cli_reminders_after_sent(
    cli: Any, imported: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INVITE_WATCHER_MEETUP__REMIND_AFTER", '["3d", "7d"]')
    monkeypatch.setenv("INVITE_WATCHER_MEETUP__GIVE_UP_AFTER", "14d")
    assert cli("reminders", "--json").json() == []
    sent_at = datetime.now(UTC).replace(microsecond=0)

    cli("sent", str(imported["Ada Young"]), "--at", sent_at.isoformat())

    [reminder] = cli("reminders", "--json").json()
    assert reminder["invitation_id"] == imported["Ada Young"]
    assert reminder["stage"] == 1
    assert datetime.fromisoformat(reminder["due_at"]) >= sent_at + timedelta(days=3)
    assert f"#{imported['Ada Young']}" in cli("reminders").out


# --------------------------------------------------------------------------------------------
# config
# --------------------------------------------------------------------------------------------


def test_cli_config_init_writes_once(cli: Any) -> None:
    first = cli("config", "init")
    text = user_config_path().read_text()
    second = cli("config", "init")

    assert first.code == 0
    assert _leaves(tomllib.loads(text)) == []  # every setting commented out: changes nothing
    assert second.code == 1
    assert "already exists" in second.err
    assert user_config_path().read_text() == text


def test_cli_config_show_reflects_file_and_environment(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[you]\nname = "Eve Kovacs"\n')
    monkeypatch.setenv("INVITE_WATCHER_NOTIFICATIONS__SUMMARY_THRESHOLD", "9")

    shown = tomllib.loads(cli("--config", config, "config", "show").out)

    assert shown["you"]["name"] == "Eve Kovacs"
    assert shown["notifications"]["budget_per_import"] == 9  # set by its old name


def test_cli_config_check_reports_file_key_and_message(cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[watch]\nsettle = "soon"\n[you]\nnmae = "x"\n')

    result = cli("--config", config, "config", "check")

    assert result.code == 1
    lines = result.out.splitlines()
    assert any(line.startswith(f"{config}: watch.settle: ") for line in lines), lines
    assert any(line.startswith(f"{config}: you.nmae: unknown setting") for line in lines), lines


def test_cli_config_check_warnings(cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        f'[watch]\nfolders = ["{tmp_path / "missing"}"]\n'
        '[meetup]\ntemplate = "Hi {frist_name}, coffee? {your_name}"\n'
    )

    result = cli("--config", config, "config", "check")

    assert result.code == 0, result.out
    warnings = [line for line in result.out.splitlines() if line.startswith("warning:")]
    assert any("watch.folders" in w and "does not exist" in w for w in warnings), warnings
    assert any("{frist_name}" in w and "{first_name}" in w for w in warnings), warnings
    assert "valid (with warnings)" in result.out


def test_cli_config_check_clean(cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f'[watch]\nfolders = ["{tmp_path}"]\n')

    result = cli("--config", config, "config", "check")

    assert result.code == 0
    assert result.out.strip() == "configuration is valid"


def test_cli_missing_config_file_is_one_line(cli: Any, tmp_path: Path) -> None:
    result = cli("--config", tmp_path / "nope.toml", "list")

    assert result.code == 1
    assert "no such configuration file" in result.err
    assert "Traceback" not in result.err


def test_cli_invitation_json_outgoing_is_listed_only_on_request(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "inv.json"
    path.write_bytes(
        invitations_json(
            [
                {"name": "Me Out", "sent_at": "2026-03-02T09:30:00Z", "direction": "outgoing"},
            ]
        )
    )
    cli("import", path)

    assert cli("list", "--json").json() == []
    assert [i["name"] for i in cli("list", "--json", "--direction", "outgoing").json()] == [
        "Me Out"
    ]


def _leaves(table: dict[str, Any]) -> list[str]:
    """The keys of a TOML document that hold values (not sub-tables)."""
    found = []
    for key, value in table.items():
        found += [f"{key}.{k}" for k in _leaves(value)] if isinstance(value, dict) else [key]
    return found


def test_cli_prints_export_text_literally_never_as_markup(cli: Any, tmp_path: Path) -> None:
    hostile = Person("[bold]Eve[/bold] Mallory", "https://www.linkedin.com/in/eve-mallory")
    note = "great [/] talk [link=https://evil.example]click[/link]\x1b[31m\u202e"
    archive = tmp_path / "[b] hostile [i].zip"
    archive.write_bytes(build_archive(invitations=[Invite(hostile, T0, note)]))
    run = cli("import", archive)
    assert run.code == 0 and "[b] hostile [i].zip" in run.out
    listed = cli("list")
    assert listed.code == 0, listed.err
    assert "[bold]Eve[/bold]" in listed.out
    assert "great [/] talk" in listed.out
    assert "\x1b" not in listed.out and "\u202e" not in listed.out
    shown = cli("show", "1")
    assert shown.code == 0 and "\x1b" not in shown.out


def test_cli_sent_again_with_a_time_corrects_the_plan(cli: Any, imported: dict[str, int]) -> None:
    bo = str(imported["Bo Quiet"])
    assert cli("sent", bo, "--at", "2026-03-10T09:00:00+00:00").code == 0
    first = cli("reminders", "--json").json()
    assert cli("sent", bo).code == 0  # a plain repeat keeps the plan
    assert cli("reminders", "--json").json() == first
    assert cli("sent", bo, "--at", "2026-03-12T09:00:00+00:00").code == 0
    moved = cli("reminders", "--json").json()
    assert moved[0]["due_at"] > first[0]["due_at"]
