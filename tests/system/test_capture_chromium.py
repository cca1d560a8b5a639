"""The bookmarklet in a real browser: Debian's headless Chromium, driven by selenium through
``/usr/bin/chromedriver`` (Selenium Manager offline), opens a fixture invitation manager served
on 127.0.0.1, runs the bookmarklet's own code (``invite-watcher bookmarklet --print``), and the
file it saves lands in the folder a real daemon watches; the notification reaches dunst.
On any other page the bookmarklet says so and saves nothing.

A bookmarklet cannot be clicked through WebDriver: its body runs with ``execute_script``
(reference/browser-captures.md §5).
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests.support.daemon import DaemonFactory
from tests.support.desktop import DesktopSession
from tests.support.page_saves import other_page
from tests.support.pages import ADA, CardSpec, Suggestion, live_page
from tests.support.requires import require
from watcher.cli.bookmarklet_command import bookmarklet_url

pytestmark = [pytest.mark.system, pytest.mark.timeout(90)]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
SETTINGS = {"watch.settle": "0.2s", "watch.rescan": "0s"}
SAVED = re.compile(r"linkedin-invitations-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.html")
DOWNLOAD_DEADLINE = 20.0
POLL = 0.05

BO = CardSpec(
    "Bo Lindgren",
    "bo-lindgren",
    headline="Founder at Nordlicht",
    mutual="12 mutual connections",
    time="Yesterday",
)
FOLLOW = CardSpec("Jo Follow", "jo-follow", kind="follow")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the test's output stays readable
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """The fixture pages on 127.0.0.1: the invitation manager and LinkedIn's feed."""
    root = tmp_path / "site"
    manager = root / "mynetwork" / "invitation-manager"
    manager.mkdir(parents=True)
    dom = live_page([ADA, FOLLOW, BO], era="sdui", suggestions=[Suggestion("Sam S", "sam-s")])
    (manager / "index.html").write_text(dom, encoding="utf-8")
    (root / "feed").mkdir()
    (root / "feed" / "index.html").write_bytes(other_page("feed"))
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, name="fixture-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    return downloads


@pytest.fixture
def chromium(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Headless Chromium whose downloads go to ``folder`` without asking."""
    found = all(os.access(binary, os.X_OK) for binary in (CHROMIUM, CHROMEDRIVER))
    require(
        found, f"needs {CHROMIUM} and {CHROMEDRIVER} (Debian packages chromium chromium-driver)"
    )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never download a driver
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(folder), "download.prompt_for_download": False},
    )
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(tmp_path / "driver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()


def run_bookmarklet(driver: Any, url: str) -> str:
    """Run the bookmarklet's own code on the open page; the text of the notice it shows."""
    from selenium.webdriver.common.by import By

    driver.execute_script(unquote(url.removeprefix("javascript:")))
    text: str = driver.find_element(By.ID, "invite-watcher-notice").text
    return text


def wait_for_download(folder: Path, timeout: float = DOWNLOAD_DEADLINE) -> Path:
    """The one finished download in ``folder`` (Chromium writes ``.crdownload`` first)."""
    deadline = time.monotonic() + timeout
    while True:
        done = [p for p in folder.iterdir() if SAVED.fullmatch(p.name)]
        if done:
            return done[0]
        if time.monotonic() > deadline:
            raise AssertionError(
                f"no capture downloaded within {timeout}s: {list(folder.iterdir())}"
            )
        time.sleep(POLL)  # a download has no event a test can await


def test_bookmarklet_in_chromium_lands_in_the_watched_folder_and_reaches_dunst(
    desktop_session: DesktopSession,
    daemon_factory: DaemonFactory,
    folder: Path,
    site: str,
    chromium: Any,
) -> None:
    daemon = daemon_factory(folder, settings=SETTINGS)
    url = daemon.cli("bookmarklet", "--print").stdout.strip()
    chromium.get(f"{site}/mynetwork/invitation-manager/")

    notice = run_bookmarklet(chromium, url)

    saved = wait_for_download(folder)
    assert notice.startswith("invite-watcher: page saved")
    assert saved.name in notice
    ada = desktop_session.wait_for(lambda n: n["summary"].startswith("Ada Nwosu — "), timeout=20)
    bo = desktop_session.wait_for(lambda n: n["summary"].startswith("Bo Lindgren — "))
    rows = {row["name"]: row for row in json.loads(daemon.cli("list", "--json").stdout)}
    assert sorted(rows) == ["Ada Nwosu", "Bo Lindgren"]
    assert ada["summary"] == f"Ada Nwosu — {rows['Ada Nwosu']['verdict'].replace('-', ' ')}"
    assert bo["summary"] == f"Bo Lindgren — {rows['Bo Lindgren']['verdict'].replace('-', ' ')}"
    assert [(rows[n]["headline"], rows[n]["mutual_connections"]) for n in sorted(rows)] == [
        (ADA.headline, 4),
        (BO.headline, 12),
    ]
    assert rows["Ada Nwosu"]["message"] == ADA.note
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n<!-- invite-watcher/capture@1 {")
    assert f'"url": "{site}/mynetwork/invitation-manager/"'.replace(" ", "") in text[:400]
    assert "invite-watcher-notice" not in text  # the confirmation is not part of the capture


def test_bookmarklet_elsewhere_says_so_and_saves_nothing(
    folder: Path, site: str, chromium: Any
) -> None:
    url = bookmarklet_url()
    chromium.get(f"{site}/feed/")

    notice = run_bookmarklet(chromium, url)

    assert notice.startswith("invite-watcher: nothing saved")
    assert "not LinkedIn’s list of received invitations" in notice
    # Downloads are handled in order: once the manager page's capture is there, the feed's
    # would be too, had there been one.
    chromium.get(f"{site}/mynetwork/invitation-manager/")
    run_bookmarklet(chromium, url)
    saved = wait_for_download(folder)
    assert [p.name for p in folder.iterdir()] == [saved.name]
