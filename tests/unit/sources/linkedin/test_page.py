"""Captures of the invitation manager page: every markup era from every kind of save, read into
connection invitations only (reference/browser-captures.md)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.support.pages import (
    STOCK_NOTE,
    CardSpec,
    Era,
    Suggestion,
    html_only_shell,
    live_page,
    other_page,
    save_bookmarklet,
    save_complete,
    save_firefox,
    save_mhtml,
)
from watcher.config.settings import LimitsSettings
from watcher.models import Direction, InvitationRecord
from watcher.sources.base import HEAD_BYTES, SourceError
from watcher.sources.linkedin import page_text
from watcher.sources.linkedin.page import PageSource
from watcher.sources.registry import recognise

SOURCE = PageSource()
TITLE = "(3) Manage invitations _ LinkedIn"
#: the file's modification time, for the saves that say no time of their own
MODIFIED = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
#: the time an MHTML ``Date:`` header or the bookmarklet's mark says
STATED = datetime(2026, 3, 5, 8, 30, tzinfo=UTC)
DAY = timedelta(days=1)
ERAS: tuple[Era, ...] = ("ember", "sdui", "eraless")
SAVES = ("complete", "mhtml", "firefox", "bookmarklet")

JANE = CardSpec(
    "Jane Doe",
    "jane-doe",
    headline="Product lead at Acme",
    mutual="Jane Roe and 3 other mutual connections",
    time="3 days ago",
    note="Hi Eve, we have not met yet.\nCoffee next week?",
)
JURGEN = CardSpec(
    "𝐉𝐮̈𝐫𝐠𝐞𝐧 Müller 🚀",
    "j%C3%BCrgen-m%C3%BCller-8a1b2c",
    headline="CTO at Nordlicht",
    mutual="12 mutual connections",
    time="Yesterday",
    note="We both spoke at the Lisbon PR Summit; I would love to compare notes on climate PR.",
    truncated=True,
)
KIM = CardSpec(
    "Kim Stock",
    "kim-stock",
    mutual="Bo Li is a mutual connection",
    time="2 weeks ago",
    note=STOCK_NOTE,
)
NOT_CONNECTIONS = [
    CardSpec("Jo Follow", "jo-follow", kind="follow"),
    CardSpec("Nia Letter", "nia-letter", kind="newsletter"),
    CardSpec("Pat Premium", "pat-premium", headline="Sales", kind="follows-you"),
]
SUGGESTIONS = [Suggestion("Sam Suggest", "sam-suggest")]
FEED_URL = "https://www.linkedin.com/feed/"
#: the sent tab lists the user's own invitations, not ones to judge
SENT_URL = "https://www.linkedin.com/mynetwork/invitation-manager/sent/"


def expected(card: CardSpec, url: str, note: str, truncated: bool, at: datetime) -> tuple[Any, ...]:
    window = {"3 days ago": 3, "Yesterday": 1, "2 weeks ago": 14}[card.time]
    unit = 7 if card.time.endswith("weeks ago") else 1
    return (
        card.name,
        url,
        card.headline or None,
        {JANE.name: 4, JURGEN.name: 12, KIM.name: 1}[card.name],
        note,
        truncated,
        at - window * DAY,
        at - window * DAY - unit * DAY,
        at,
    )


def fields(record: InvitationRecord) -> tuple[Any, ...]:
    return (
        record.counterpart.name,
        record.counterpart.profile_url,
        record.headline,
        record.mutual_connections,
        record.message,
        record.note_truncated,
        record.sent_at,
        record.sent_window_start,
        record.as_of,
    )


def write(folder: Path, dom: str, save: str, name: str = TITLE) -> Path:
    """Save ``dom`` as ``save`` into ``folder``, the way the browser lays it out; the page's
    modification time is MODIFIED."""
    files: dict[str, bytes] = {}
    if save == "complete":
        data, files = save_complete(dom, name)
    elif save == "firefox":
        data, files = save_firefox(dom, name)
    elif save == "mhtml":
        data = save_mhtml(dom, name.replace("_", "|"), STATED)
    else:
        data = save_bookmarklet(dom, STATED.isoformat().replace("+00:00", "Z"))
    suffix = ".mhtml" if save == "mhtml" else ".html"
    path = folder / f"{name}{suffix}"
    path.write_bytes(data)
    if files:
        (folder / f"{name}_files").mkdir()
        for file_name, content in files.items():
            (folder / f"{name}_files" / file_name).write_bytes(content)
    os.utime(path, (MODIFIED.timestamp(), MODIFIED.timestamp()))
    return path


def read(path: Path) -> list[InvitationRecord]:
    head = path.read_bytes()[:HEAD_BYTES]
    assert SOURCE.sniff(path.name, head), f"{path.name} not recognised"
    return list(SOURCE.read(path, LimitsSettings()))


def read_dom(tmp_path: Path, dom: str, save: str = "complete") -> list[InvitationRecord]:
    return read(write(tmp_path, dom, save))


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
# Fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shown", "earliest", "latest"),
    [
        ("5 minutes ago", timedelta(minutes=6), timedelta(minutes=5)),
        ("2 hours ago", timedelta(hours=3), timedelta(hours=2)),
        ("Yesterday", 2 * DAY, DAY),
        ("4 days ago", 5 * DAY, 4 * DAY),
        ("1 week ago", 14 * DAY, 7 * DAY),
        ("3 weeks ago", 28 * DAY, 21 * DAY),
        ("2 months ago", 93 * DAY, 56 * DAY),
        ("Sent 3 weeks ago", 28 * DAY, 21 * DAY),
    ],
)
@pytest.mark.parametrize("era", ERAS)
def test_page_sent_time_is_a_window_before_the_capture(
    tmp_path: Path, era: Era, shown: str, earliest: timedelta, latest: timedelta
) -> None:
    dom = live_page([replace(JANE, time=shown)], era=era)

    (record,) = read_dom(tmp_path, dom)

    assert (record.sent_window_start, record.sent_at) == (MODIFIED - earliest, MODIFIED - latest)


def test_page_card_without_a_readable_time_is_sent_by_the_capture(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, time="vor 3 Tagen")], era="sdui")

    (record,) = read_dom(tmp_path, dom)

    assert (record.sent_at, record.sent_window_start, record.as_of) == (MODIFIED, None, MODIFIED)


@pytest.mark.parametrize(
    ("shown", "count"),
    [
        ("12 mutual connections", 12),
        ("1 mutual connection", 1),
        ("Jane Roe and 3 other mutual connections", 4),
        ("Jane Roe, Bo Li and 2 other mutual connections", 4),
        ("Jane Roe and Bo Li are mutual connections", 2),
        ("Jane Roe is a mutual connection", 1),
        ("", None),
    ],
)
@pytest.mark.parametrize("era", ERAS)
def test_page_reads_every_mutual_connection_phrasing(
    tmp_path: Path, era: Era, shown: str, count: int | None
) -> None:
    dom = live_page([replace(JANE, mutual=shown)], era=era)

    (record,) = read_dom(tmp_path, dom)

    assert (record.mutual_connections, record.headline) == (count, JANE.headline)


@pytest.mark.parametrize("era", ERAS)
def test_page_headline_and_note_stay_apart_when_one_is_missing(tmp_path: Path, era: Era) -> None:
    no_headline = replace(JANE, slug="a", headline="", note="We met at the summit.")
    no_note = replace(JANE, name="Bo Li", slug="b", note="")
    neither = replace(JANE, name="Cy Ng", slug="c", headline="", note="", mutual="")
    dom = live_page([no_headline, no_note, neither], era=era)

    records = read_dom(tmp_path, dom)

    assert [(r.headline, r.message) for r in records] == [
        (None, "We met at the summit."),
        (JANE.headline, ""),
        (None, ""),
    ]


@pytest.mark.parametrize("era", ERAS)
def test_page_truncated_note_loses_its_see_more_and_is_flagged(tmp_path: Path, era: Era) -> None:
    note = "I run the climate PR meetup in Porto and would love you to speak at the next one"
    dom = live_page([replace(JANE, note=note, truncated=True)], era=era)

    (record,) = read_dom(tmp_path, dom)

    assert record.note_truncated
    assert record.message == note[: len(note) // 2].rstrip()
    assert "more" not in record.message.lower().split()[-1]


@pytest.mark.parametrize(
    ("slug", "url"),
    [
        ("j%C3%BCrgen-m%C3%BCller", "https://www.linkedin.com/in/jürgen-müller"),
        ("Jane-Doe-4a5b6c", "https://www.linkedin.com/in/jane-doe-4a5b6c"),
        ("%E6%9D%8E%E5%A8%9C", "https://www.linkedin.com/in/李娜"),
    ],
)
def test_page_profile_urls_are_normalised_like_the_archives(
    tmp_path: Path, slug: str, url: str
) -> None:
    dom = live_page([replace(JANE, slug=slug)], era="sdui")

    (record,) = read_dom(tmp_path, dom)

    assert record.counterpart.profile_url == url


@pytest.mark.parametrize("era", ERAS)
def test_page_keeps_styled_names_as_shown(tmp_path: Path, era: Era) -> None:
    styled = replace(JANE, name="𝓙𝓪𝓷𝓮 𝓓𝓸𝓮 ✨, PhD")
    dom = live_page([styled], era=era)

    (record,) = read_dom(tmp_path, dom, "mhtml")

    assert record.counterpart.name == "𝓙𝓪𝓷𝓮 𝓓𝓸𝓮 ✨, PhD"


TRANSLATED = [
    ("Einladung von Jane Doe annehmen", "Einladung von Jane Doe ignorieren", "Annehmen"),
    ("Accepter l’invitation de Jane Doe", "Ignorer l’invitation de Jane Doe", "Accepter"),
    ("Aceptar la invitación de Jane Doe", "Rechazar la invitación de Jane Doe", "Aceptar"),
    ("Accetta l’invito di Jane Doe", "Ignora l’invito di Jane Doe", "Accetta"),
    ("Zaakceptuj zaproszenie od Jane Doe", "Zignoruj zaproszenie od Jane Doe", "Zaakceptuj"),
    ("Принять приглашение от Jane Doe", "Игнорировать приглашение от Jane Doe", "Принять"),
]


@pytest.mark.parametrize(("accept", "ignore", "button"), TRANSLATED)
@pytest.mark.parametrize("era", ERAS)
def test_page_reads_translated_button_labels(
    tmp_path: Path, era: Era, accept: str, ignore: str, button: str
) -> None:
    card = replace(JANE, labels=(accept, ignore), button_texts=(button, "…"))
    dom = live_page([card], era=era, suggestions=SUGGESTIONS)

    records = read_dom(tmp_path, dom)

    assert [(r.counterpart.name, r.headline, r.mutual_connections) for r in records] == [
        ("Jane Doe", JANE.headline, 4)
    ]


@pytest.mark.parametrize("era", ["ember", "sdui"])
def test_page_card_hooks_find_cards_whose_labels_are_in_an_unknown_language(
    tmp_path: Path, era: Era
) -> None:
    card = replace(JANE, labels=("Jane Doe davetini kabul et", "Yoksay"), button_texts=("", ""))
    dom = live_page([card], era=era)

    assert [r.counterpart.name for r in read_dom(tmp_path, dom)] == ["Jane Doe"]


def test_page_reads_a_card_loaded_twice_once(tmp_path: Path) -> None:
    dom = live_page([JANE, KIM, JANE], era="sdui")

    assert [r.counterpart.name for r in read_dom(tmp_path, dom)] == ["Jane Doe", "Kim Stock"]


def test_page_name_and_headline_laid_out_inline_are_told_apart(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, inline_title=True)], era="eraless")

    (record,) = read_dom(tmp_path, dom)

    assert (record.counterpart.name, record.headline) == (JANE.name, JANE.headline)


def test_page_lone_card_stops_at_its_card_hook_before_a_promotion(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, note="")], era="sdui", promo=True)

    (record,) = read_dom(tmp_path, dom)

    assert (record.headline, record.message) == (JANE.headline, "")


def test_page_lone_card_without_hooks_stops_at_the_section_below(tmp_path: Path) -> None:
    dom = live_page([replace(JANE, note="")], era="eraless", suggestions=SUGGESTIONS)

    (record,) = read_dom(tmp_path, dom)

    assert (record.message, record.mutual_connections) == ("", 4)


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
# Any text a member may write
# --------------------------------------------------------------------------------------------

_WORDS = st.text(
    alphabet=st.characters(categories=["L", "N"], exclude_characters="\u0130"),
    min_size=1,
    max_size=12,
)


def _plain(words: list[str]) -> str:
    return " ".join(words)


def _free_text(line: str) -> bool:
    """Text no pattern of the card claims (a time, a count, a label, chrome)."""
    return not (
        page_text.is_relative_time(line)
        or page_text.mutual_connections(line) is not None
        or page_text.is_chrome(line)
        or page_text.marks_other_invitation(line)
        or page_text.is_more_control(line)
        or page_text.cut_note(line, expandable=False)[1]
    )


@settings(max_examples=40, deadline=None)
@given(
    name=st.lists(_WORDS, min_size=1, max_size=3).map(_plain),
    headline=st.lists(_WORDS, min_size=1, max_size=6).map(_plain),
    note=st.lists(st.lists(_WORDS, min_size=1, max_size=8).map(_plain), min_size=1, max_size=3),
    era=st.sampled_from(ERAS),
)
def test_page_reads_back_any_name_headline_and_note(
    name: str, headline: str, note: list[str], era: Era
) -> None:
    assume(all(_free_text(line) for line in [name, headline, *note]))
    card = replace(JANE, name=name, headline=headline, note="\n".join(note))
    with tempfile.TemporaryDirectory() as folder:
        (record,) = read_dom(Path(folder), live_page([card], era=era))

    assert (record.counterpart.name, record.headline, record.message) == (
        name,
        headline,
        "\n".join(note),
    )
