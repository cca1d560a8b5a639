"""The ``history.*`` rules one by one: what they read, what evidence they name."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.support.judging import URL, finding, rules_of, run, trace
from watcher.models import (
    Evaluation,
    Event,
    History,
    HistoryKind,
    MessageSummary,
    Owner,
    PersonRef,
    Position,
    Verdict,
)


def test_evaluate_connected_names_source_and_date() -> None:
    history = History(connected_on=date(2024, 5, 2), connected_source="Connections.csv")
    found = next(f for f in run(history=history).findings if f.rule == "history.connected")
    assert found.source == "Connections.csv"
    assert found.at == datetime(2024, 5, 2, tzinfo=UTC)
    assert "2024-05-02" in found.detail


def test_evaluate_messages_need_one_from_the_user() -> None:
    person = PersonRef("Jane Roe", URL)
    first = datetime(2023, 1, 5, tzinfo=UTC)
    both = MessageSummary(person, 2, 1, first, first, first, first, "messages.csv")
    only_theirs = MessageSummary(person, 3, 0, first, first, source="messages.csv")
    exchanged = run(history=History(messages=both))
    assert exchanged.verdict is Verdict.ACCEPT
    assert next(f for f in exchanged.findings if f.rule == "history.messages").at == first
    ignored = run(history=History(messages=only_theirs))
    assert rules_of(ignored) == {"note.missing", "history.inbound-messages"}
    assert ignored.verdict is Verdict.IGNORE


def test_evaluate_calendar_attendee_names_the_meeting() -> None:
    meeting = trace(
        HistoryKind.CALENDAR,
        detail="Q3 agency review",
        at=datetime(2025, 9, 1, 14, tzinfo=UTC),
        source="work.ics",
    )
    evaluation = run(history=History(acquaintances=(meeting,)))
    assert evaluation.verdict is Verdict.ACCEPT
    assert "Q3 agency review" in finding(evaluation, "history.calendar")


def test_evaluate_endorsement_counts_as_history() -> None:
    endorsement = trace(HistoryKind.ENDORSEMENT, detail="Media Relations", source="Endorse.csv")
    evaluation = run(history=History(acquaintances=(endorsement,)))
    assert "Media Relations" in finding(evaluation, "history.endorsed")


def test_evaluate_imported_contact_counts_as_address_book() -> None:
    contact = trace(HistoryKind.IMPORTED_CONTACT, source="ImportedContacts.csv")
    evaluation = run(history=History(acquaintances=(contact,)))
    assert "imported contacts" in finding(evaluation, "history.address-book")


def test_evaluate_history_names_the_earliest_trace() -> None:
    early = trace(HistoryKind.ADDRESS_BOOK, at=datetime(2019, 1, 1, tzinfo=UTC), source="a.vcf")
    late = trace(HistoryKind.ADDRESS_BOOK, at=datetime(2024, 1, 1, tzinfo=UTC), source="b.vcf")
    found = next(
        f
        for f in run(history=History(acquaintances=(late, early))).findings
        if f.rule == "history.address-book"
    )
    assert found.source == "a.vcf"
    assert "1 more" in found.detail


@pytest.mark.parametrize(
    "headline",
    [
        "Finance at Acme Corp",
        "Finance at ACME CORPORATION",
        "Ex-Acme Inc. | Consultant",
        "Senior accountant, Brightwave",
    ],
)
def test_evaluate_same_employer_tolerates_legal_suffixes(headline: str) -> None:
    assert "history.same-employer" in rules_of(run(headline=headline))


@pytest.mark.parametrize("headline", ["Finance at Acmeworks", "Freelance designer", "Apex Corp"])
def test_evaluate_same_employer_silent_for_other_companies(headline: str) -> None:
    assert "history.same-employer" not in rules_of(run(headline=headline))


def test_evaluate_same_employer_ignores_freelance_as_an_employer() -> None:
    owner = Owner(first_name="William", positions=(Position("Freelance", "Writer"),))
    assert "history.same-employer" not in rules_of(run(headline="Freelance designer", owner=owner))


def test_evaluate_same_employer_in_note_needs_a_work_cue() -> None:
    assert "history.same-employer" in rules_of(run("I also work at Acme, in the Berlin office."))
    assert "history.same-employer" not in rules_of(run("I love the new Acme ads on TV lately."))


@pytest.mark.parametrize(
    "note",
    [
        "Great talking with you at the Lisbon PR Summit!",
        "See you again at Lisbon PR Summit 2026?",
        "Loved the panels at the lisbon p.r. summit",
    ],
)
def test_evaluate_event_matches_loosely(note: str) -> None:
    assert "history.event" in rules_of(run(note))


@pytest.mark.parametrize(
    "note",
    ["See you at the Web Summit!", "That summit in Lisbon was fun", "I love summits."],
)
def test_evaluate_event_silent_for_unattended_or_other_events(note: str) -> None:
    assert "history.event" not in rules_of(run(note))


# --------------------------------------------------------------------------------------------
# Evidence: which file, which line, why it matched
# --------------------------------------------------------------------------------------------


def _evidence(evaluation: Evaluation, rule: str) -> tuple[str, str]:
    found = next(f for f in evaluation.findings if f.rule == rule)
    return found.detail, found.source


def test_address_book_evidence_names_the_line_and_the_nickname() -> None:
    card = trace(HistoryKind.ADDRESS_BOOK, name="Beppe Rinaldi", source="contacts.vcf line 120")
    evaluation = run(name="Giuseppe Rinaldi", history=History(acquaintances=(card,)))

    detail, source = _evidence(evaluation, "history.address-book")
    assert source == "contacts.vcf line 120"
    assert "“Beppe” is a short form of “Giuseppe”" in detail


def test_calendar_evidence_says_the_address_spelled_the_name() -> None:
    guest = trace(
        HistoryKind.CALENDAR,
        name="Lotte Vermeulen",
        emails=("lotte.vermeulen@havenlab.example",),
        detail="Kick-off havenplanning",
        source="werk.ics line 42",
    )
    evaluation = run(name="Lotte Vermeulen", history=History(acquaintances=(guest,)))

    detail, source = _evidence(evaluation, "history.calendar")
    assert source == "werk.ics line 42"
    assert "the address lotte.vermeulen@havenlab.example spells the name" in detail


def test_history_evidence_adds_no_reason_for_the_plain_name() -> None:
    card = trace(HistoryKind.ADDRESS_BOOK, name="Roe, Jane")  # the same name, family first
    detail, _ = _evidence(run(history=History(acquaintances=(card,))), "history.address-book")
    assert detail == "Roe, Jane is in your address book"


def test_event_evidence_says_it_was_named_by_its_brand() -> None:
    owner = Owner(events=(Event("Datafest Porto 2026", datetime(2026, 5, 2, tzinfo=UTC)),))
    evaluation = run("Gostei muito da sua palestra no Datafest, vamos falar?", owner=owner)
    detail, _ = _evidence(evaluation, "history.event")
    assert "Datafest Porto 2026, an event you attended, named by its brand “Datafest”" in detail
