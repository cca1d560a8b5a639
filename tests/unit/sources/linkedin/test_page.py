"""Captures of the invitation manager page: every markup era from every kind of save, read into
connection invitations only; what is recognised and what is refused
(reference/browser-captures.md)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.page_saves import (
    html_only_shell,
    other_page,
    save_bookmarklet,
    save_complete,
    save_firefox,
    save_mhtml,
)
from tests.support.pages import CardSpec, Era, live_page
from tests.unit.sources.linkedin.page_cases import (
    DAY,
    ERAS,
    FEED_URL,
    JANE,
    JURGEN,
    KIM,
    MODIFIED,
    NOT_CONNECTIONS,
    SAVES,
    SENT_URL,
    SOURCE,
    STATED,
    STOCK_NOTE,
    SUGGESTIONS,
    TITLE,
    expected,
    fields,
    read,
    read_dom,
    write,
)
from watcher.models import Direction
from watcher.sources.base import HEAD_BYTES, SourceError
from watcher.sources.registry import recognise

# --------------------------------------------------------------------------------------------
# Every era, every save
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("save", SAVES)
@pytest.mark.parametrize("era", ERAS)
def test_page_reads_connection_invitations_of_every_era_from_every_save(
    tmp_path: Path, era: Era, save: str
) -> None:
    cards = [JANE, NOT_CONNECTIONS[0], JURGEN, *NOT_CONNECTIONS[1:], KIM]
    dom = live_page(cards, era=era, suggestions=SUGGESTIONS)

    path = write(tmp_path, dom, save)
    records = read(path)

    at = MODIFIED if save in ("complete", "firefox") else STATED
    jurgen_note = JURGEN.note[: len(JURGEN.note) // 2].rstrip()
    assert [fields(r) for r in records] == [
        expected(JANE, "https://www.linkedin.com/in/jane-doe", JANE.note, False, at),
        expected(JURGEN, "https://www.linkedin.com/in/jürgen-müller-8a1b2c", jurgen_note, True, at),
        expected(KIM, "https://www.linkedin.com/in/kim-stock", STOCK_NOTE, False, at),
    ]
    assert {(r.direction, r.pending_only, r.source) for r in records} == {
        (Direction.INCOMING, True, path.name)
    }


@pytest.mark.parametrize("era", ERAS)
def test_page_never_takes_suggestions_the_navigation_or_the_owner(tmp_path: Path, era: Era) -> None:
    dom = live_page([JANE], era=era, suggestions=SUGGESTIONS)

    names = [r.counterpart.name for r in read_dom(tmp_path, dom)]

    assert names == ["Jane Doe"]  # not Sam Suggest, not Eve Owner (the "Me" link)


@pytest.mark.parametrize("kind", ["follow", "newsletter", "follows-you"])
@pytest.mark.parametrize("era", ERAS)
def test_page_skips_invitations_that_are_not_to_connect(
    tmp_path: Path, era: Era, kind: str
) -> None:
    other = CardSpec("Jo Other", "jo-other", headline="Sales", kind=kind)  # type: ignore[arg-type]
    dom = live_page([other, JANE], era=era)

    assert [r.counterpart.name for r in read_dom(tmp_path, dom)] == ["Jane Doe"]


# --------------------------------------------------------------------------------------------
# Capture times, encodings
# --------------------------------------------------------------------------------------------


def test_page_mhtml_date_header_is_the_capture_time_not_the_files(tmp_path: Path) -> None:
    path = write(tmp_path, live_page([JANE]), "mhtml")

    (record,) = read(path)

    assert record.as_of == STATED
    assert record.sent_at == STATED - 3 * DAY


def test_page_mhtml_without_a_charset_anywhere_is_read_as_utf8(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, name="Zoë Ångström")])
    path = tmp_path / "page.mhtml"
    path.write_bytes(save_mhtml(dom, "Zoë — LinkedIn", STATED, charset_in_meta=False))

    (record,) = read(path)

    assert record.counterpart.name == "Zoë Ångström"


def test_page_bookmarklet_mark_of_a_newer_format_is_refused(tmp_path: Path) -> None:
    data = save_bookmarklet(live_page([JANE]), "2026-03-05T08:30:00Z")
    path = tmp_path / "linkedin-invitations-2026-03-05T08-30-00Z.html"
    path.write_bytes(data.replace(b"capture@1", b"capture@2"))

    with pytest.raises(SourceError, match="format 2, newer than this program reads"):
        read(path)


# --------------------------------------------------------------------------------------------
# Recognition: whatever the name, only this page
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("save", SAVES)
@pytest.mark.parametrize(
    "name", ["(3) Manage invitations _ LinkedIn", "renamed by me", "download (2)"]
)
def test_registry_recognises_a_capture_whatever_it_is_called(
    tmp_path: Path, save: str, name: str
) -> None:
    path = write(tmp_path, live_page([JANE], era="sdui"), save, name)

    source = recognise(path.name, path.read_bytes()[:HEAD_BYTES])

    assert source is not None and source.name == "linkedin-page"


@pytest.mark.parametrize("save", ["complete", "firefox"])
def test_registry_leaves_the_files_folder_of_a_save_alone(tmp_path: Path, save: str) -> None:
    write(tmp_path, live_page([JANE], era="ember"), save)

    files = list((tmp_path / f"{TITLE}_files").iterdir())

    assert len(files) == 4
    assert [f.name for f in files if recognise(f.name, f.read_bytes()[:HEAD_BYTES])] == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Feed _ LinkedIn.html", other_page("feed")),
        ("My Network _ LinkedIn.html", other_page("grow")),
        ("tips.html", other_page("site")),
        ("feed.mhtml", save_mhtml("<html><body>x</body></html>", "Feed", STATED, FEED_URL)),
        ("sent.html", save_complete(live_page([JANE]), "Sent", SENT_URL)[0]),
        ("mail.eml", b"Date: Tue, 3 Mar 2026 10:00:00 +0000\r\nSubject: hi\r\n\r\nhello\r\n"),
        ("plain.html", b"<!DOCTYPE html><html><body><p>Hello</p></body></html>"),
    ],
)
def test_page_leaves_other_pages_alone(name: str, data: bytes) -> None:
    assert not SOURCE.sniff(name, data[:HEAD_BYTES])
    assert recognise(name, data[:HEAD_BYTES]) is None


def test_page_recognised_by_its_screen_id_alone(tmp_path: Path) -> None:
    dom = live_page([JANE], era="sdui", canonical=False)
    data, _ = save_firefox(dom, TITLE)

    assert SOURCE.sniff("page.html", data[:HEAD_BYTES])


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/mynetwork/invitation-manager/received/",
        "https://www.linkedin.com/mynetwork/invitation-manager/received/FROM_VERIFIED_MEMBER/",
        "https://www.linkedin.com/mynetwork/invitation-manager/?filterCriteria=null",
        "http://127.0.0.1:8000/mynetwork/invitation-manager/",
    ],
)
def test_page_recognises_every_view_of_the_received_invitations(url: str) -> None:
    data, _ = save_complete(live_page([JANE]), TITLE, url)

    assert SOURCE.sniff("page.html", data[:HEAD_BYTES])


# --------------------------------------------------------------------------------------------
# "HTML only", an empty list
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("era", ["ember", "sdui"])
def test_page_saved_html_only_is_refused_saying_how_to_save_it(tmp_path: Path, era: Era) -> None:
    path = tmp_path / f"{TITLE}.html"
    path.write_bytes(html_only_shell(era))

    with pytest.raises(SourceError) as raised:
        read(path)

    reason = str(raised.value)
    assert "“HTML only”" in reason
    assert "save it as “Webpage, Complete” or “Single File”" in reason
    assert "\n" not in reason


@pytest.mark.parametrize("era", ERAS)
def test_page_with_no_invitations_left_reads_nothing(tmp_path: Path, era: Era) -> None:
    dom = live_page([], era=era, suggestions=SUGGESTIONS)

    assert read_dom(tmp_path, dom) == []
