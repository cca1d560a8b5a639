"""The user's welcome and block lists: which entry settles an invitation outright."""

from __future__ import annotations

import pytest

from tests.support.judging import URL, run, trace
from watcher.config.rules import ListsSettings, PeopleList
from watcher.models import History, HistoryKind, Verdict


def test_evaluate_welcome_list_by_profile_url_accepts_outright() -> None:
    lists = ListsSettings(welcome=PeopleList(profile_urls=["linkedin.com/in/Jane-Roe/"]))
    evaluation = run("Buy crypto now!", lists=lists)
    assert evaluation.verdict is Verdict.ACCEPT
    assert evaluation.decided_by_list
    assert evaluation.findings[0].rule == "list.welcome"
    assert evaluation.findings[0].source == "lists.welcome.profile_urls"


def test_evaluate_block_list_by_name_ignores_outright() -> None:
    lists = ListsSettings(block=PeopleList(names=["jane  ROE"]))
    card = trace(HistoryKind.ADDRESS_BOOK)
    evaluation = run(history=History(acquaintances=(card,)), lists=lists)
    assert evaluation.verdict is Verdict.IGNORE
    assert evaluation.decided_by_list


def test_evaluate_block_list_by_company_reads_the_headline() -> None:
    lists = ListsSettings(block=PeopleList(companies=["Spammy Leads Ltd"]))
    assert run(headline="Growth at Spammy Leads", lists=lists).decided_by_list
    assert not run(headline="Growth at Brightside", lists=lists).decided_by_list


def test_evaluate_welcome_list_by_email_domain_reads_the_address_book() -> None:
    lists = ListsSettings(welcome=PeopleList(email_domains=["@roe.example"]))
    card = trace(HistoryKind.ADDRESS_BOOK, emails=("jane@mail.roe.example",))
    assert run(history=History(acquaintances=(card,)), lists=lists).decided_by_list
    assert not run(lists=lists).decided_by_list


def test_evaluate_person_entry_outranks_company_entry() -> None:
    lists = ListsSettings(
        welcome=PeopleList(names=["Jane Roe"]), block=PeopleList(companies=["Acme"])
    )
    evaluation = run(headline="PR at Acme", lists=lists)
    assert evaluation.verdict is Verdict.ACCEPT


#: within one kind, an entry on each list that both match: (kind, welcome entry, block entry,
#: headline, email in the address book)
BOTH_MATCH = [
    ("companies", "Acme Corp", "Spammy Leads", "Ex-Acme Corp, now growth at Spammy Leads", ""),
    ("email_domains", "roe.example", "sales.roe.example", "", "jane@sales.roe.example"),
    # one person written two ways gets past the both-lists check, which compares the text
    ("profile_urls", "linkedin.com/in/jane-roe", f"{URL}/", "", ""),
]


@pytest.mark.parametrize(
    ("kind", "welcome", "block", "headline", "email"), BOTH_MATCH, ids=[c[0] for c in BOTH_MATCH]
)
def test_listed_block_beats_welcome_within_one_kind(
    kind: str, welcome: str, block: str, headline: str, email: str
) -> None:
    card = trace(HistoryKind.ADDRESS_BOOK, emails=(email,) if email else ())
    history = History(acquaintances=(card,))

    def verdict(**entries: list[str]) -> tuple[Verdict, str]:
        lists = ListsSettings(
            welcome=PeopleList(**{kind: entries.get("welcome", [])}),
            block=PeopleList(**{kind: entries.get("block", [])}),
        )
        evaluation = run(headline=headline, history=history, lists=lists)
        return evaluation.verdict, evaluation.findings[0].rule

    # each entry alone settles the invitation, so with both each one matches
    assert verdict(welcome=[welcome]) == (Verdict.ACCEPT, "list.welcome")
    assert verdict(block=[block]) == (Verdict.IGNORE, "list.block")
    assert verdict(welcome=[welcome], block=[block]) == (Verdict.IGNORE, "list.block")
