from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from loguru import logger

from tests.support import history_files as files
from watcher.config.settings import LimitsSettings
from watcher.models import Acquaintance, HistoryKind
from watcher.sources import vcard
from watcher.sources.base import SourceError
from watcher.sources.registry import recognise
from watcher.sources.vcard import SOURCE, looks_like_vcard, read_cards


def _read(tmp_path: Path, data: bytes, limits: LimitsSettings | None = None) -> list[Acquaintance]:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(data)
    records = list(SOURCE.read(path, limits or LimitsSettings()))
    assert all(isinstance(record, Acquaintance) for record in records)
    return [record for record in records if isinstance(record, Acquaintance)]


def _by_name(cards: list[Acquaintance]) -> dict[str, Acquaintance]:
    return {card.name: card for card in cards}


@pytest.mark.parametrize(
    "data", [files.GOOGLE_VCF, files.APPLE_VCF, files.OUTLOOK_VCF, files.VCARD4_VCF]
)
def test_vcard_sniff_recognises_every_writer(data: bytes) -> None:
    assert SOURCE.sniff("anything.txt", data[:65536])
    assert recognise("contacts.vcf", data[:65536]) is SOURCE


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"First Name,Last Name\r\n",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        b"<html><body>BEGIN:VCARD</body></html>",
        b"\x89PNG\r\n\x1a\n\x00\x00",
    ],
)
def test_vcard_sniff_rejects_other_content(head: bytes) -> None:
    assert not SOURCE.sniff("contacts.vcf", head)


def test_vcard_sniff_accepts_bom_and_leading_blank_lines() -> None:
    assert looks_like_vcard(b"\xef\xbb\xbf\r\n\r\nbegin:vcard\r\n")
    assert looks_like_vcard("BEGIN:VCARD\r\n".encode("utf-16"))


def test_vcard_read_google_cards(tmp_path: Path) -> None:
    cards = _by_name(_read(tmp_path, files.GOOGLE_VCF))

    maria = cards["Maria Lopez"]
    assert maria.kind is HistoryKind.ADDRESS_BOOK
    assert maria.emails == ("maria.lopez@example.com", "mlopez@acme.example")
    assert maria.company == "Acme, Inc."
    assert maria.title == "Data Scientist"
    assert maria.profile_url == "https://www.linkedin.com/in/maria-lopez-5635a017"
    assert maria.source == "contacts.vcf line 1"  # the card's BEGIN line: where to look
    assert cards["Jo Smith"].source == "contacts.vcf line 16"
    assert cards["Jo Smith"].emails == ("jo@example.com",)
    # the third card has only a phone number: nothing to match a person by
    assert set(cards) == {"Maria Lopez", "Jo Smith"}


def test_vcard_read_apple_cards(tmp_path: Path) -> None:
    cards = _by_name(_read(tmp_path, files.APPLE_VCF))

    kate = cards["Kate Bell"]  # "FN: Kate  Bell" tidied
    assert kate.emails == ("kate-bell@mac.com",)  # grouped item1.EMAIL kept
    assert kate.company == "Creative Consulting"
    assert kate.profile_url == "https://www.linkedin.com/in/kate-bell-1a2b3c"  # from x-user
    assert cards["Daniel Zakroff"].profile_url == "https://www.linkedin.com/in/danielzakroff"


def test_vcard_read_outlook_quoted_printable_and_windows_1252(tmp_path: Path) -> None:
    cards = _by_name(_read(tmp_path, files.OUTLOOK_VCF))

    assert set(cards) == {"John Doe", "Jürgen Müller"}
    assert cards["John Doe"].company == "IBM"
    assert cards["John Doe"].emails == ("john.doe@ibm.com",)
    jurgen = cards["Jürgen Müller"]
    assert jurgen.company == "Bäckerei Müller"
    assert jurgen.title == "Bäckermeister"  # QUOTED-PRINTABLE with CHARSET=Windows-1252


def test_vcard_read_version_4_with_data_uri_photo(tmp_path: Path) -> None:
    [simon] = _read(tmp_path, files.VCARD4_VCF)

    assert simon.name == "Simon Perreault"
    assert simon.profile_url == "https://www.linkedin.com/in/simon-perreault"
    assert simon.company == "Viagenie"


def test_vcard_read_lf_only_and_utf16(tmp_path: Path) -> None:
    lf = files.GOOGLE_VCF.replace(b"\r\n", b"\n")
    utf16 = files.GOOGLE_VCF.decode().encode("utf-16")

    assert [c.name for c in _read(tmp_path, lf)] == ["Maria Lopez", "Jo Smith"]
    assert [c.name for c in _read(tmp_path, utf16)] == ["Maria Lopez", "Jo Smith"]


def test_vcard_read_name_from_n_when_fn_missing(tmp_path: Path) -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Fekete;R\xc3\xa9ka;;;\r\nEND:VCARD\r\n"

    [known] = _read(tmp_path, card)

    assert known.name == "Réka Fekete"


def test_vcard_read_skips_broken_card_and_warns(tmp_path: Path) -> None:
    data = files.BROKEN_CARD.encode() + files.GOOGLE_VCF
    warnings: list[str] = []
    sink = logger.add(warnings.append, level="WARNING", format="{message}")
    try:
        cards = _read(tmp_path, data)
    finally:
        logger.remove(sink)

    assert [c.name for c in cards] == ["Maria Lopez", "Jo Smith"]
    assert len(warnings) == 1
    assert "skipped 1 of 4 unreadable contact cards" in warnings[0]


def test_vcard_read_a_bug_in_our_conversion_is_not_a_broken_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only vobject's parse is guarded: an error in our own reading of a card is a bug, never
    # one more "unreadable contact card".
    def broken_emails(card: object) -> tuple[str, ...]:
        raise RuntimeError("bug")

    monkeypatch.setattr(vcard, "_emails", broken_emails)

    with pytest.raises(RuntimeError, match="bug"):
        _read(tmp_path, files.GOOGLE_VCF)


def test_vcard_read_skips_card_bigger_than_the_field_limit(tmp_path: Path) -> None:
    huge = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge\r\nNOTE:" + b"x" * 5000 + b"\r\nEND:VCARD\r\n"

    cards = _read(tmp_path, huge + files.GOOGLE_VCF, LimitsSettings(max_field_bytes=2000))

    assert [c.name for c in cards] == ["Maria Lopez", "Jo Smith"]


def test_vcard_read_photos_do_not_count_against_the_limit(tmp_path: Path) -> None:
    cards = _read(tmp_path, files.APPLE_VCF, LimitsSettings(max_field_bytes=1000))

    assert [c.name for c in cards] == ["Kate Bell", "Daniel Zakroff"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut", "none of the 1 contact cards"),
        (files.BROKEN_CARD.encode(), "none of the 1 contact cards"),
        (b"\r\n\r\n", "no contact card"),
    ],
)
def test_vcard_read_broken_file_is_a_source_error(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        _read(tmp_path, data)


def test_vcard_read_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        list(SOURCE.read(tmp_path / "gone.vcf", LimitsSettings()))


_CARD_LINES = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:2.1",
        "FN:Kate Bell",
        "N:Bell;Kate;;;",
        "EMAIL;PREF;INTERNET:kate@example.com",
        "NOTE;ENCODING=QUOTED-PRINTABLE:a=0D=0A=",
        "PHOTO;ENCODING=BASE64:",
        "  /9j/4AAQ",
        "ORG:Acme;",
        'X-SOCIALPROFILE;type="linkedin:x":http://x',
        "",
    ]
)


@given(st.lists(st.one_of(_CARD_LINES, st.text(max_size=30)), max_size=30))
def test_read_cards_raises_only_source_errors(lines: list[str]) -> None:
    try:
        cards = list(read_cards(["BEGIN:VCARD\r\n", *(f"{x}\r\n" for x in lines)], "x.vcf", 10_000))
    except SourceError:
        return
    assert all(card.kind is HistoryKind.ADDRESS_BOOK for card in cards)
