"""`invite-watcher bookmarklet [--print]`: the javascript: URL, the install page under the XDG
data folder, opened in the default browser (``$BROWSER`` here), a missing browser no error."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from selectolax.lexbor import LexborHTMLParser

from watcher.cli.bookmarklet_command import bookmarklet_code, minify
from watcher.sources.linkedin.page import CAPTURE_FORMAT


def invite_watcher(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "watcher", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def printed_url(cli: Any) -> str:
    result = cli("bookmarklet", "--print")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 1
    url: str = lines[0]
    return url


def test_bookmarklet_print_gives_only_the_javascript_url(cli: Any) -> None:
    url = printed_url(cli)

    assert url.startswith("javascript:(function")
    assert " " not in url
    assert "\n" not in unquote(url)
    assert unquote(url.removeprefix("javascript:")) == bookmarklet_code()


def test_bookmarklet_code_writes_the_mark_the_page_source_reads() -> None:
    code = bookmarklet_code()

    assert f"var FORMAT = '{CAPTURE_FORMAT}';" in code
    assert "'<!DOCTYPE html>\\n<!-- ' + FORMAT + ' ' + mark + ' -->\\n'" in code
    assert "document.documentElement.outerHTML" in code
    assert "'linkedin-invitations-' + stamp + '.html'" in code


@pytest.mark.parametrize(
    "forbidden",
    ["innerHTML", "insertAdjacentHTML", "fetch(", "XMLHttpRequest", "sendBeacon", "http:", ".src"],
)
def test_bookmarklet_code_is_self_contained(forbidden: str) -> None:
    """No markup through innerHTML (Trusted Types drop it), no network, no outside script."""
    assert forbidden not in bookmarklet_code()


def test_bookmarklet_code_never_clicks_linkedins_controls() -> None:
    code = bookmarklet_code()

    assert code.count(".click()") == 1
    assert "link.click()" in code  # its own download link, nothing of the page


def test_minify_drops_whole_line_comments_and_refuses_trailing_ones() -> None:
    source = "// header\n(function () {\n  // why\n  var a = 1;\n})();\n"

    assert minify(source) == "(function () { var a = 1; })();"
    with pytest.raises(ValueError, match="trailing // comment"):
        minify("var a = 1; // no\n")


def fake_browser(folder: Path) -> tuple[Path, Path]:
    """A ``$BROWSER`` that records what it was asked to open."""
    record = folder / "opened.txt"
    script = folder / "browser"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {record}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, record


def test_bookmarklet_writes_the_install_page_and_opens_it(cli: Any, tmp_path: Path) -> None:
    browser, record = fake_browser(tmp_path)
    env = dict(os.environ, BROWSER=f"{browser} %s")

    result = invite_watcher("bookmarklet", env=env)

    assert result.returncode == 0, result.stderr
    page = Path(os.environ["XDG_DATA_HOME"]) / "invite-watcher" / "bookmarklet.html"
    assert result.stdout.splitlines() == [str(page)]
    assert record.read_text() == page.as_uri()
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    link = tree.css_first("a.bookmarklet")
    assert link is not None and link.attrs.get("href") == printed_url(cli)
    help_lines = [p.text(strip=True) for p in tree.css("p.help")]
    assert len(help_lines) == 2
    assert "bookmarks bar" in help_lines[0]
    assert "Invitations" in help_lines[1]


def test_bookmarklet_without_a_browser_still_writes_and_prints_the_page(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(BROWSER="false", PATH=str(empty))  # nothing to open it with

    result = invite_watcher("bookmarklet", env=env)

    assert result.returncode == 0, result.stderr
    page = Path(os.environ["XDG_DATA_HOME"]) / "invite-watcher" / "bookmarklet.html"
    assert result.stdout.splitlines() == [str(page)]
    assert "could not open a browser" in result.stderr
    assert page.is_file()
