"""The rules one by one (fires / stays silent), the verdicts of the issue's examples, overrides."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from watcher.config.rules import ListsSettings, PeopleList, RulesSettings
from watcher.judge.rulebook import RULES, evaluate, note_fingerprint
from watcher.models import (
    Acquaintance,
    Direction,
    Evaluation,
    EvaluationInput,
    Event,
    History,
    HistoryKind,
    InvitationView,
    MessageSummary,
    Owner,
    PersonRef,
    Position,
    School,
    Verdict,
)

URL = "https://www.linkedin.com/in/jane-roe"
OWNER = Owner(
    first_name="William",
    last_name="Shaw",
    headline="PR lead at Acme Corp",
    positions=(
        Position("Acme Corp", "PR lead", date(2021, 3, 1)),
        Position("Brightwave GmbH", "Account manager", date(2015, 1, 1), date(2020, 12, 31)),
    ),
    schools=(School("University of Lisbon", 2008, 2012),),
    events=(
        Event("Lisbon PR Summit 2026", datetime(2026, 3, 12, tzinfo=UTC)),
        Event("Web Summit 2025", datetime(2025, 11, 10, tzinfo=UTC), attended=False),
    ),
    interests=("public relations", "marketing"),
)
PLAIN_OWNER = Owner(first_name="William", last_name="Shaw")


def run(
    note: str = "",
    headline: str = "",
    *,
    history: History | None = None,
    owner: Owner = OWNER,
    mutual: int | None = None,
    rules: RulesSettings | None = None,
    lists: ListsSettings | None = None,
    name: str = "Jane Roe",
) -> Evaluation:
    invitation = InvitationView(
        id=7,
        name=name,
        profile_url=URL,
        direction=Direction.INCOMING,
        sent_at=datetime(2026, 4, 1, 9, 30, tzinfo=UTC),
        message=note,
        headline=headline,
        mutual_connections=mutual,
    )
    item = EvaluationInput(invitation, owner, history or History())
    return evaluate(item, rules or RulesSettings(), lists or ListsSettings())


def rules_of(evaluation: Evaluation) -> set[str]:
    return {finding.rule for finding in evaluation.findings}


def finding(evaluation: Evaluation, rule: str) -> str:
    return next(f.detail for f in evaluation.findings if f.rule == rule)


def trace(kind: HistoryKind, **fields: Any) -> Acquaintance:
    return replace(Acquaintance(kind, "Jane Roe", source="contacts.vcf"), **fields)


# --------------------------------------------------------------------------------------------
# The examples
# --------------------------------------------------------------------------------------------


def test_evaluate_admitted_stranger_with_a_reason_is_accepted() -> None:
    note = (
        "Hi William — we've never met, but I'd like to. I'm growing a network of young "
        "marketers and you look like someone to have coffee with. Interested?"
    )
    evaluation = run(note, owner=PLAIN_OWNER)
    assert evaluation.verdict is Verdict.ACCEPT
    assert {"note.admits-not-met", "note.says-why", "note.proposes-meeting"} <= rules_of(evaluation)


def test_evaluate_no_note_in_the_users_field_is_meet_first() -> None:
    evaluation = run(headline="PR manager at Brightside")
    assert evaluation.verdict is Verdict.MEET_FIRST
    assert "public relations" in finding(evaluation, "value.field")


def test_evaluate_no_note_outside_the_users_field_is_ignored() -> None:
    assert run(headline="Forklift operator").verdict is Verdict.IGNORE


def test_evaluate_stock_text_is_ignored() -> None:
    evaluation = run("I'd like to add you to my professional network on LinkedIn.")
    assert evaluation.verdict is Verdict.IGNORE
    assert "note.stock" in rules_of(evaluation)


def test_evaluate_pitch_with_a_link_is_ignored() -> None:
    evaluation = run(
        "I help agencies triple their leads in 30 days — book a free demo: https://bit.ly/x"
    )
    assert evaluation.verdict is Verdict.IGNORE
    assert {"note.pitch", "note.has-link", "verdict.pitch"} <= rules_of(evaluation)


def test_evaluate_no_note_from_the_address_book_is_accepted() -> None:
    card = trace(HistoryKind.ADDRESS_BOOK, emails=("jane@roe.example",), source="contacts.vcf")
    evaluation = run(history=History(acquaintances=(card,)), owner=PLAIN_OWNER)
    assert evaluation.verdict is Verdict.ACCEPT
    found = next(f for f in evaluation.findings if f.rule == "history.address-book")
    assert found.source == "contacts.vcf"


def test_evaluate_note_naming_an_attended_event_is_accepted() -> None:
    evaluation = run("Great talking with you at the Lisbon PR Summit last week!")
    assert evaluation.verdict is Verdict.ACCEPT
    event = next(f for f in evaluation.findings if f.rule == "history.event")
    assert "Lisbon PR Summit 2026" in event.detail
    assert event.at == datetime(2026, 3, 12, tzinfo=UTC)


def test_evaluate_no_note_from_the_same_employer_is_accepted() -> None:
    evaluation = run(headline="Finance at Acme Corp")
    assert evaluation.verdict is Verdict.ACCEPT
    assert "Acme Corp" in finding(evaluation, "history.same-employer")


def test_evaluate_pitch_beats_a_polite_opening() -> None:
    note = "Hi Anna, we haven't met, but I help companies like yours cut costs 40% — free demo?"
    evaluation = run(note)
    assert evaluation.verdict is Verdict.IGNORE
    assert "note.admits-not-met" in rules_of(evaluation)


def test_evaluate_pitch_from_someone_in_the_address_book_is_meet_first() -> None:
    card = trace(HistoryKind.ADDRESS_BOOK)
    evaluation = run(
        "Hi William, we help companies like yours cut costs — free demo?",
        history=History(acquaintances=(card,)),
    )
    assert evaluation.verdict is Verdict.MEET_FIRST
    assert evaluation.findings[0].rule == "verdict.pitch-known"


# --------------------------------------------------------------------------------------------
# More examples in other words
# --------------------------------------------------------------------------------------------

MORE = [
    (
        "Hello William, I know we haven't met yet, but I'm starting out in PR and would really "
        "value 15 minutes of your time.",
        "",
        Verdict.ACCEPT,
    ),
    (
        "Hi! We don't know each other personally, but I'm a communications student and would love "
        "your advice over a coffee.",
        "",
        Verdict.ACCEPT,
    ),
    (
        "Dear William, although we haven't met, I've followed your agency's work for years. Would "
        "you be open to a call?",
        "",
        Verdict.ACCEPT,
    ),
    ("Hola William, no nos conocemos pero me encantaria tomar un cafe.", "", Verdict.ACCEPT),
    ("Hi William, I came across your profile and would like to connect.", "", Verdict.IGNORE),
    ("Hi William, let's connect!", "", Verdict.IGNORE),
    ("", "Senior Public Relations Specialist", Verdict.MEET_FIRST),
    ("", "Head of Growth Marketing", Verdict.MEET_FIRST),
    ("", "Barista", Verdict.IGNORE),
    ("", "Studying at University of Lisbon", Verdict.MEET_FIRST),
    ("", "Ex-Brightwave, now freelance writer", Verdict.ACCEPT),
    ("Hey William! Great meeting you at the Web Summit.", "", Verdict.MEET_FIRST),
    (
        "Hi William, I noticed you're in PR — we're launching an AI press release tool and would "
        "love your feedback on a free pilot.",
        "",
        Verdict.IGNORE,
    ),
    ("Earn daily profits with my expert trader signals, WhatsApp me.", "", Verdict.IGNORE),
    (
        "Hi William. I have an exciting job opportunity, are you open to new opportunities?",
        "",
        Verdict.IGNORE,
    ),
    ("Hi William, I work in marketing too, would love to connect.", "", Verdict.MEET_FIRST),
]


@pytest.mark.parametrize(("note", "headline", "verdict"), MORE)
def test_evaluate_more_examples(note: str, headline: str, verdict: Verdict) -> None:
    assert run(note, headline).verdict is verdict


# --------------------------------------------------------------------------------------------
# Rules one by one
# --------------------------------------------------------------------------------------------


def test_evaluate_missing_note_weighs_little() -> None:
    evaluation = run()
    assert [f.rule for f in evaluation.findings] == ["note.missing"]
    assert evaluation.score == -1


def test_evaluate_greeting_alone_counts_as_no_note() -> None:
    evaluation = run("Hi William!")
    assert "note.missing" in rules_of(evaluation)
    assert "note.present" not in rules_of(evaluation)


def test_evaluate_addresses_by_name_fires_only_for_the_users_first_name() -> None:
    note = "Hello William, I enjoyed your talk about brand trust."
    assert "note.addresses-by-name" in rules_of(run(note))
    assert "note.addresses-by-name" not in rules_of(run(note.replace("William", "Anna")))


def test_evaluate_mentions_shared_names_the_school() -> None:
    evaluation = run("Fellow University of Lisbon graduate here, class of 2011!")
    assert "University of Lisbon" in finding(evaluation, "note.mentions-shared")
    assert "history.same-school" in rules_of(evaluation)


def test_evaluate_mentions_shared_silent_for_unrelated_note() -> None:
    assert "note.mentions-shared" not in rules_of(run("I enjoyed your talk about gardening."))


def test_evaluate_template_fires_when_several_inviters_sent_the_note() -> None:
    note = "We've never met, but I'm building a network of PR people. Coffee?"
    assert "note.template" in rules_of(run(note, history=History(same_note_senders=4)))
    assert "note.template" not in rules_of(run(note, history=History(same_note_senders=1)))


def test_evaluate_template_turns_an_accept_into_meet_first() -> None:
    note = "We've never met, but I'm building a network of young founders. Coffee?"
    assert run(note, owner=PLAIN_OWNER).verdict is Verdict.ACCEPT
    templated = run(note, owner=PLAIN_OWNER, history=History(same_note_senders=5))
    assert templated.verdict is Verdict.MEET_FIRST


def test_evaluate_link_fires_for_bare_domains_and_urls() -> None:
    assert "note.has-link" in rules_of(run("Check my portfolio at behance.net/janeroe please"))
    assert "note.has-link" in rules_of(run("My site: https://jane.example/work is new"))
    assert "note.has-link" not in rules_of(run("I enjoyed your talk about brand trust."))


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


@pytest.mark.parametrize(
    "headline",
    [
        "PR manager at Brightside",
        "Public Relations Officer",
        "Marketer",
        "Content marketers lead",
        "Head of Communications",
    ],
)
def test_evaluate_field_matches_stems_and_synonyms(headline: str) -> None:
    assert "value.field" in rules_of(run(headline=headline))


@pytest.mark.parametrize("headline", ["Forklift operator", "Nurse", "Supermarket cashier"])
def test_evaluate_field_silent_outside_interests(headline: str) -> None:
    assert "value.field" not in rules_of(run(headline=headline))


def test_evaluate_mutual_connections_scale_with_a_cap() -> None:
    def points(count: int) -> int:
        found = run(mutual=count).findings
        return next((f.points for f in found if f.rule == "value.mutual-connections"), 0)

    assert [points(n) for n in (0, 1, 10, 11, 500)] == [0, 1, 1, 2, 2]


def test_evaluate_value_alone_never_accepts() -> None:
    evaluation = run("Hi William, I work in marketing too, keen to connect.", mutual=80)
    assert evaluation.score >= RulesSettings().accept_at
    assert evaluation.verdict is Verdict.MEET_FIRST
    assert evaluation.findings[0].rule == "verdict.value-only"


def test_evaluate_collector_counts_against() -> None:
    evaluation = run(headline="PR | LION | I accept all invites")
    assert "value.collector" in rules_of(evaluation)
    assert evaluation.verdict is Verdict.IGNORE


def test_evaluate_zero_points_turn_a_rule_off() -> None:
    rules = RulesSettings(points=RulesSettings().points | {"note.missing": 0})
    assert run(rules=rules).findings == []


def test_evaluate_custom_phrases_are_used() -> None:
    phrases = RulesSettings().phrases | {"not_met": ["kennen uns nicht"]}
    rules = RulesSettings(phrases=phrases)
    assert "note.admits-not-met" in rules_of(run("Wir kennen uns nicht, aber hallo!", rules=rules))
    assert "note.admits-not-met" not in rules_of(run("We have never met.", rules=rules))


def test_evaluate_findings_use_only_known_rule_ids() -> None:
    evaluation = run("We've never met — coffee? https://x.example/ I help brands grow sales")
    assert rules_of(evaluation) <= set(RULES)


# --------------------------------------------------------------------------------------------
# The user's lists
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Fingerprints of template notes
# --------------------------------------------------------------------------------------------


def test_note_fingerprint_ignores_case_punctuation_and_signature() -> None:
    one = note_fingerprint("Hi William, I'd love to connect about PR trends! Best, John")
    other = note_fingerprint("hi william — I’d love to connect about pr trends. Best regards, Ann")
    assert one == other != ""


def test_note_fingerprint_is_empty_for_no_note_stock_text_and_short_notes() -> None:
    assert note_fingerprint("") == ""
    assert note_fingerprint("I'd like to add you to my professional network on LinkedIn.") == ""
    assert note_fingerprint("Hi William!") == ""


def test_note_fingerprint_differs_for_different_notes() -> None:
    assert note_fingerprint("We met at the summit, great talk") != note_fingerprint(
        "We met at the party, great talk"
    )
