from __future__ import annotations

import os

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from watcher.core.matching import (
    NAME_SCORE_CAP,
    MatchVia,
    NameIndex,
    name_agreement,
    name_tokens,
    normalise_name,
    score_names,
)
from watcher.models import Acquaintance, HistoryKind


def _index(*names: str) -> NameIndex[str]:
    return NameIndex.from_pairs((name, name) for name in names)


def _found(index: NameIndex[str], name: str) -> list[str]:
    return [match.candidate for match in index.find(name)]


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Lopez, Maria", ("maria", "lopez")),
        ("Jo Smith, PhD", ("jo", "smith")),
        ("Sam Rauf, ACCA, FMVA®", ("sam", "rauf")),
        ("Dr. Réka  Fekete", ("reka", "fekete")),
        ("Jo Tim, FICS (UK)", ("jo", "tim")),
        (" Kate  Bell", ("kate", "bell")),
        ("Ayşe Yılmaz Kaya", ("ayse", "yilmaz", "kaya")),
        ("Mary-Jane O'Brien 🚀", ("mary", "jane", "obrien")),
        ("Smith, John A., Jr.", ("john", "a", "smith")),
        ("Jean-Pierre Dupont, M.Sc.", ("jean", "pierre", "dupont")),
        ("John Doe Jr", ("john", "doe")),
        ("Yo-Yo Ma", ("yo", "yo", "ma")),
        ("", ()),
        ("🚀 ®", ()),
    ],
)
def test_name_tokens_normalise_variants(raw: str, tokens: tuple[str, ...]) -> None:
    assert name_tokens(raw) == tokens


def test_normalise_name_joins_tokens() -> None:
    assert normalise_name("Lopez,  María (she/her)") == "maria lopez"


# Styled letters random runs found: 41 of --hypothesis-seed 0..599 failed (51, 57, 104, 137, …)
# because case folding came before NFKD, which left them upper-case for a second pass to fold.
@example("ℂ")
@example("𝝖")
@example("𝙰")
@example("ℰ")
@example("𝜜")
@example("ϲ")
@example("🄐")
@example("ᴬ")
@example("𝕬")
@example("𝔍")
@example("𝗔")
@example("𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡")
@given(st.text(max_size=40))
def test_name_tokens_is_idempotent(raw: str) -> None:
    once = normalise_name(raw)
    assert normalise_name(once) == once


@given(st.text(max_size=30), st.text(max_size=30))
def test_score_names_is_bounded(a: str, b: str) -> None:
    score = score_names(name_tokens(a), name_tokens(b))
    assert 0 <= score <= NAME_SCORE_CAP


def test_property_tests_run_derandomized_under_ci() -> None:
    assert settings.get_profile("ci").derandomize
    if os.environ.get("CI") == "true":
        assert settings.default.derandomize


@pytest.mark.parametrize(
    "styled",
    [
        "𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡",  # bold
        "𝐽𝑜ℎ𝑛 𝑆𝑚𝑖𝑡ℎ",  # italic, with the letter-like ℎ
        "𝓙𝓸𝓱𝓷 𝓢𝓶𝓲𝓽𝓱",  # bold script
        "𝕁𝕠𝕙𝕟 𝕊𝕞𝕚𝕥𝕙",  # double-struck
        "𝙹𝚘𝚑𝚗 𝚂𝚖𝚒𝚝𝚑",  # monospace
        "Ｊｏｈｎ　Ｓｍｉｔｈ",  # full-width, with an ideographic space
        "𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡, 𝐏𝐡𝐃",  # a styled credential
    ],
)
def test_name_index_styled_letters_match_plain_ones(styled: str) -> None:
    assert name_tokens(styled) == ("john", "smith")
    assert _found(_index("John Smith"), styled) == ["John Smith"]
    assert _found(_index(styled), "John Smith") == [styled]  # the candidate keeps its letters
    assert score_names(name_tokens(styled), name_tokens("John Smith")) == NAME_SCORE_CAP


@pytest.mark.parametrize(
    ("accented", "plain"),
    [
        ("Réka Fekete", "Reka Fekete"),
        ("Łukasz Żółć", "Lukasz Zolc"),
        ("Søren Ødegård", "Soren Odegard"),
        ("Nguyễn Thị Ánh", "Nguyen Thi Anh"),
        ("Ｒéka Ｆｅｋｅｔｅ", "reka fekete"),
        ("Seán O’Brien", "Sean O'Brien"),
    ],
)
def test_name_index_accents_fold(accented: str, plain: str) -> None:
    assert name_tokens(accented) == name_tokens(plain)
    assert _found(_index(plain), accented) == [plain]


@pytest.mark.parametrize(
    ("name", "vowelled", "tokens"),
    [
        ("محمد علي", "مُحَمَّد عَلِيّ", ("محمد", "علي")),  # Arabic, with and without vowel marks
        ("فاطمة الزهراء", "فاطمـــة الزهراء", ("فاطمة", "الزهراء")),  # a stretched word (tatweel)
        ("דוד כהן", "דָּוִד כֹּהֵן", ("דוד", "כהן")),  # Hebrew, with and without points
        ("\u200fנועה לוי\u200f", "נועה לוי", ("נועה", "לוי")),  # right-to-left marks around it
    ],
)
def test_name_index_right_to_left_names_match_themselves(
    name: str, vowelled: str, tokens: tuple[str, ...]
) -> None:
    assert name_tokens(name) == tokens
    assert _found(_index(name), name) == [name]
    assert _found(_index(name), vowelled) == [name]
    assert _found(_index(name, "John Smith"), "John Smith") == ["John Smith"]
    [match] = _index(vowelled).find(name)
    assert match.candidate == vowelled  # kept as written, for display


@pytest.mark.parametrize(
    ("known", "query"),
    [
        ("Maria Lopez", "Lopez, Maria"),
        ("Maria Lopez", "Lopez Maria"),
        ("María López", "Maria Lopez"),
        ("Jo Smith", "Jo  Smith, PhD"),
        ("William Gates", "Bill Gates"),
        ("Robert Dale", "Bob Dale"),
        ("Elizabeth Warren", "Liz Warren"),
        ("Katherine Bell", "Kate Bell"),
        ("Catherine Bell", "Kate Bell"),
        ("Michael Scott", "Mike Scott"),
        ("James Holden", "Jim Holden"),
        ("Alexandra Ionescu", "Alex Ionescu"),
        ("Alexander Ionescu", "Alex Ionescu"),
        ("John Ronald Tolkien", "John Tolkien"),
        ("John Smith", "J. Smith"),
        ("Daniel Kahn", "Dan Kahn"),
        ("Jonathan Pryce", "Jonathon Pryce"),
        ("Catherine Johnson", "Katherine Jonson"),
        ("Maria Lopez Garcia", "Maria Lopez"),
        ("Sam Rauf, ACCA, FMVA®", "Sam Rauf"),
        ("Madonna", "Madonna"),
    ],
)
def test_name_index_find_matches_variants_of_one_person(known: str, query: str) -> None:
    assert _found(_index(known), query) == [known]


@pytest.mark.parametrize(
    ("known", "query"),
    [
        ("Maria Lopez", "Maria Garcia"),  # first name only
        ("Maria Lopez", "Ana Lopez"),  # surname only
        ("Maria Lopez", "Maria"),  # a lone first name
        ("Maria", "Maria Lopez"),
        ("Christopher Smith", "Christina Smith"),
        ("Daniel Smith", "Danielle Smith"),
        ("John A. Smith", "John B. Smith"),  # different middle names
        ("Marie Curie", "Maria Curie"),
        ("", "Maria Lopez"),
    ],
)
def test_name_index_find_rejects_different_people(known: str, query: str) -> None:
    assert _found(_index(known), query) == []


def test_name_index_find_ranks_url_and_email_above_names() -> None:
    index: NameIndex[str] = NameIndex()
    index.add("by-name", "Maria Lopez")
    index.add("by-email", "M. L.", emails=["Maria@Example.com"])
    index.add("by-url", "Someone Else", profile_url="https://www.linkedin.com/in/maria-lopez")

    found = index.find(
        "Maria Lopez",
        profile_url="https://www.linkedin.com/in/maria-lopez/",
        emails=["maria@example.com "],
    )

    assert [(m.candidate, m.via, m.score) for m in found] == [
        ("by-url", MatchVia.PROFILE_URL, 100.0),
        ("by-email", MatchVia.EMAIL, 100.0),
        ("by-name", MatchVia.NAME, NAME_SCORE_CAP),
    ]


def test_name_index_find_skips_name_twin_with_another_profile_url() -> None:
    index: NameIndex[str] = NameIndex()
    index.add("other", "Maria Lopez", profile_url="https://www.linkedin.com/in/maria-lopez-2")
    index.add("unknown-url", "Maria Lopez")

    found = index.find("Maria Lopez", profile_url="https://www.linkedin.com/in/maria-lopez")

    assert [m.candidate for m in found] == ["unknown-url"]


def test_name_index_find_orders_name_hits_by_score() -> None:
    index = _index("J. Smith", "John Smith", "Johnny Smith")

    found = index.find("John Smith")

    assert [m.candidate for m in found] == ["John Smith", "Johnny Smith", "J. Smith"]
    assert found[0].score > found[1].score > found[2].score


def test_name_index_min_score_filters_weak_hits() -> None:
    strict: NameIndex[str] = NameIndex.from_pairs([("x", "J. Smith")], min_score=90)

    assert strict.find("John Smith") == []
    assert len(strict) == 1


def test_name_index_from_acquaintances_matches_by_email() -> None:
    card = Acquaintance(
        kind=HistoryKind.ADDRESS_BOOK, name="Kate Bell", emails=("kate-bell@mac.com",)
    )
    index = NameIndex.from_acquaintances([card])

    [match] = index.find("K. Bellingham", emails=["KATE-BELL@mac.com"])

    assert match.candidate is card
    assert match.via is MatchVia.EMAIL


def test_name_index_find_returns_each_candidate_once() -> None:
    index: NameIndex[str] = NameIndex()
    index.add("kate", "Kate Bell", emails=["kate@example.com"])

    found = index.find("Kate Bell", emails=["kate@example.com"])

    assert [(m.candidate, m.via) for m in found] == [("kate", MatchVia.EMAIL)]


@pytest.mark.parametrize(
    ("inviter", "known", "said"),
    [
        ("Bill Hart", "William Hart", "“Bill” is a short form of “William”"),
        ("Katharina Brandt", "Kathi Brandt", "“Kathi” is a short form of “Katharina”"),
        ("Jonas Weber", "J. Weber", "“J.” is the initial of “Jonas”"),
        ("Anna Schmidt", "Anna Schmitt", "“Schmidt” is written “Schmitt”"),
        ("Maria Lopez", "Maria Lopez Garcia", "the family name is written “Lopez Garcia”"),
        ("𝐉𝐨𝐧𝐚𝐬 𝐖𝐞𝐛𝐞𝐫", "Jonas Weber", ""),  # styled letters: the same name
        ("Ana Reyes", "Reyes, Ana", ""),
        ("Dr. Ana Reyes, PhD", "Ana M. Reyes", ""),
    ],
)
def test_name_agreement_says_how_a_matching_name_differs(
    inviter: str, known: str, said: str
) -> None:
    assert name_agreement(inviter, known) == said
