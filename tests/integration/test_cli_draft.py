"""``invite-watcher draft``: drafts that answer the note, refused for ``ignore`` unless
``--anyway``, in the tone asked for, and ``--copy`` without a clipboard.

The files are imported through the real pipeline into the per-test database; the command runs
in-process (``cli``). ``--copy`` goes to a real clipboard: Xvfb, xclip through pyperclip, read
back with xclip (skipped without them, failed in CI, whose ``.ci/run`` installs both).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.requires import require_binaries
from tests.support.triage import write_week
from tests.support.xdisplay import clipboard, x_display

__all__ = ["x_display"]  # the fixture


@pytest.fixture
def ids(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("INVITE_WATCHER_YOU__INTERESTS", '["data engineering"]')
    assert cli("import", *write_week(tmp_path)).code == 0
    return {i["name"]: i["id"] for i in cli("list", "--json").json()}


def test_cli_draft_answers_the_note(cli: Any, ids: dict[str, int]) -> None:
    result = cli("draft", str(ids["Jane Doe"]))

    assert result.code == 0, result.err
    assert result.out.startswith("Hi Jane,\n\nThank you for reaching out")
    assert "A coffee sounds good; would Tuesday or Thursday next week suit you?" in result.out
    assert "I'm glad the PyCon Berlin talk was useful." in result.out
    assert "don't remember" not in result.out
    assert result.out.endswith("Best,\nWilliam Hart\n")


def test_cli_draft_for_ignore_says_why_and_exits_1(cli: Any, ids: dict[str, int]) -> None:
    pat = ids["Pat Pitch"]

    result = cli("draft", str(pat))

    assert result.code == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert (
        lines[0]
        == f"invite-watcher: invitation {pat} (Pat Pitch) is judged ignore, so no meet-up draft:"
    )
    assert lines[1:4] == [
        "       verdict.pitch: a pitch from a stranger: ignore",
        "   -6  note.pitch: a sales pitch: “i help agencies”",
        "   -2  note.has-link: carries a link: “https://”",
    ]
    assert lines[-1] == f"draft one anyway: invite-watcher draft {pat} --anyway"


def test_cli_draft_anyway_drafts_for_ignore(cli: Any, ids: dict[str, int]) -> None:
    result = cli("draft", str(ids["Pat Pitch"]), "--anyway")

    assert result.code == 0, result.err
    assert result.out.startswith("Hi Pat,")
    assert "Would you have time for a coffee in the coming weeks?" in result.out


def test_cli_draft_tone_call_and_short(cli: Any, ids: dict[str, int]) -> None:
    mia = str(ids["Mia Lund"])  # no note: the tone proposes

    call = cli("draft", mia, "--tone", "call")
    short = cli("draft", mia, "--tone", "short")

    assert "Would you have time for a short call in the coming weeks?" in call.out
    assert "Would a coffee or a short call suit you sometime soon?" in short.out
    assert "Best," not in short.out


def test_cli_draft_rejects_an_unknown_tone_naming_the_choices(
    cli: Any, ids: dict[str, int]
) -> None:
    result = cli("draft", str(ids["Mia Lund"]), "--tone", "telegram")

    assert result.code == 2
    assert "coffee" in result.err and "call" in result.err and "short" in result.err


def test_cli_draft_configured_tone_and_pieces(
    cli: Any, ids: dict[str, int], tmp_path: Path
) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        '[meetup]\ntone = "call"\n[meetup.pieces]\npropose_call = "Un appel, {first_name} ?"\n'
    )

    result = cli("--config", config, "draft", str(ids["Mia Lund"]))

    assert "Un appel, Mia ?" in result.out
    assert "I'm afraid I don't remember us meeting" in result.out  # the other pieces stay


def test_cli_draft_users_own_template_key_still_rules(
    cli: Any, ids: dict[str, int], tmp_path: Path
) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[meetup]\ntemplate = "Dear {name}, {proposal}"\n')

    result = cli("--config", config, "draft", str(ids["Raj Patel"]))

    assert (
        result.out
        == "Dear Raj Patel, A call sounds good; would Tuesday or Thursday next week suit you?\n"
    )


def test_cli_draft_copy_without_a_clipboard_is_one_line_and_exit_1(
    cli: Any, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)

    result = cli("draft", str(ids["Jane Doe"]), "--copy")

    assert result.code == 1
    assert result.out.startswith("Hi Jane,")  # the draft is still there to copy by hand
    assert result.err.splitlines() == [
        "invite-watcher: no clipboard to copy to: needs a desktop session (WAYLAND_DISPLAY or "
        "DISPLAY) and wl-copy, xclip or xsel"
    ]


def test_cli_config_check_warns_about_templates_and_pieces(cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        f'[watch]\nfolders = ["{tmp_path}"]\n'
        '[meetup.templates]\nshort = "Hi {frist_name}, {opening}"\n'
        '[meetup.pieces]\naccept = "{meting} sounds good. {answer}"\n'
    )

    result = cli("--config", config, "config", "check")

    assert result.code == 0, result.out
    warnings = [line for line in result.out.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: meetup.templates.short: unknown placeholder {frist_name} is left out; did you "
        "mean {first_name}?",
        "warning: meetup.pieces.accept: unknown placeholder {meting} is left out; did you mean "
        "{meeting}?",
        "warning: meetup.pieces.accept: {answer} is left out of a piece: only a template may use "
        "it",
    ]


@pytest.mark.system
def test_cli_draft_copy_puts_the_draft_on_the_clipboard(
    cli: Any, ids: dict[str, int], x_display: str
) -> None:
    result = cli("draft", str(ids["Jane Doe"]), "--copy")

    assert result.code == 0, result.err
    assert result.err.strip() == "copied to the clipboard"
    assert clipboard(x_display) == result.out.removesuffix("\n")
    assert clipboard(x_display).startswith("Hi Jane,\n\nThank you for reaching out")


@pytest.mark.system
def test_cli_draft_copy_to_a_display_that_is_gone_is_refused(
    cli: Any, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    require_binaries("xclip", hint="Debian package xclip")
    monkeypatch.setenv("DISPLAY", ":4242")  # xclip is chosen, and fails without a word
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)

    result = cli("draft", str(ids["Jane Doe"]), "--copy")

    assert result.code == 1
    assert "no clipboard to copy to" in result.err
    assert "copied" not in result.err
