"""Drafts that answer the note: the findings of the real rulebook in, the composed letter out."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from watcher.config.drafting import DraftPieces, DraftTemplates, Tone
from watcher.config.rules import ListsSettings, RulesSettings
from watcher.followup.answers import (
    DraftStyle,
    Opening,
    compose_draft,
    read_invitation,
    why_not,
)
from watcher.judge.rulebook import evaluate
from watcher.models import (
    Direction,
    EvaluationInput,
    Event,
    Finding,
    InvitationView,
    Owner,
    Position,
    School,
)

OWNER = Owner(
    first_name="William",
    last_name="Hart",
    positions=(
        Position("Acme Corp", started=date(2020, 1, 1)),
        Position("Initech", started=date(2012, 1, 1), finished=date(2019, 6, 1)),
    ),
    schools=(School("University of Leeds", 2008, 2011),),
    events=(Event("PyCon Berlin"),),
    interests=("data engineering",),
)
NOT_MET = "we have never met"
DOUBTS = ("don't remember", "forgive me if we have", "memory")


def view(note: str = "", headline: str = "", name: str = "Jane Doe") -> InvitationView:
    return InvitationView(
        id=7,
        name=name,
        profile_url=None,
        direction=Direction.INCOMING,
        sent_at=datetime(2026, 3, 2, tzinfo=UTC),
        message=note,
        headline=headline,
    )


def findings(invitation: InvitationView, owner: Owner = OWNER) -> list[Finding]:
    """What the shipped rules find: the drafts read these, as they are stored."""
    item = EvaluationInput(invitation, owner)
    return evaluate(item, RulesSettings(), ListsSettings()).findings


def style(tone: Tone = Tone.COFFEE, **pieces: str) -> DraftStyle:
    texts = DraftPieces().texts() | pieces
    return DraftStyle(template=DraftTemplates().for_tone(tone), pieces=texts, tone=tone.value)


def draft(note: str = "", *, headline: str = "", tone: Tone = Tone.COFFEE, **pieces: str) -> str:
    invitation = view(note, headline)
    return compose_draft(
        invitation, OWNER, findings(invitation), style(tone, **pieces), your_name="William Hart"
    )


def body(text: str) -> str:
    """The paragraph between the greeting and the signature."""
    return text.split("\n\n")[1]


# --------------------------------------------------------------------------------------------
# They proposed to meet: their proposal is accepted
# --------------------------------------------------------------------------------------------


def test_compose_the_example_note_answers_coffee_and_the_talk() -> None:
    text = draft(
        "Hi William, we haven't met but I saw your talk at PyCon Berlin and would love to grab "
        "a coffee"
    )

    assert text.startswith("Hi Jane,\n\nThank you for reaching out — I'd be glad to meet before")
    assert "A coffee sounds good; would Tuesday or Thursday next week suit you?" in text
    assert "I'm glad the PyCon Berlin talk was useful." in text
    assert not any(doubt in text for doubt in DOUBTS)
    assert text.endswith("Best,\nWilliam Hart")


def test_compose_a_proposed_call_is_accepted_as_a_call_whatever_the_tone() -> None:
    note = f"Hi William, {NOT_MET}. Would you be up for a quick call about data platforms?"

    assert "A call sounds good;" in draft(note, tone=Tone.COFFEE)
    assert "coffee" not in draft(note, tone=Tone.COFFEE)


def test_compose_both_offered_the_tone_chooses() -> None:
    note = f"Hello, {NOT_MET} but I would love to grab a coffee or jump on a call sometime."

    assert "A coffee sounds good" in draft(note, tone=Tone.COFFEE)
    assert "A call sounds good" in draft(note, tone=Tone.CALL)


def test_compose_lunch_is_accepted_as_lunch() -> None:
    assert "Lunch sounds good;" in draft(f"Hi William, {NOT_MET}. Lunch next week, maybe?")


def test_compose_a_proposal_without_a_kind_takes_the_tones() -> None:
    note = f"Hi William, {NOT_MET} — would love to meet up and talk data engineering."

    assert "A coffee sounds good" in draft(note, tone=Tone.COFFEE)
    assert "A call sounds good" in draft(note, tone=Tone.CALL)
    assert "A coffee or a call sounds good" in draft(note, tone=Tone.SHORT)


# --------------------------------------------------------------------------------------------
# The opening: what the note says about having met
# --------------------------------------------------------------------------------------------


def test_compose_no_note_opens_humbly_and_proposes_the_tones_meeting() -> None:
    text = body(draft(""))

    assert text.startswith("Thank you for the invitation. I'm afraid I don't remember us")
    assert "Would you have time for a coffee in the coming weeks?" in text
    assert "sounds good" not in text


def test_compose_stock_text_counts_as_no_note() -> None:
    text = draft("I'd like to add you to my professional network on LinkedIn.")

    assert "I'm afraid I don't remember us meeting" in text


def test_compose_admitted_not_met_never_pretends_to_remember() -> None:
    text = draft(f"Hi William, {NOT_MET}, but I'm building a community of data people.")

    assert body(text).startswith("Thank you for reaching out")
    assert not any(doubt in text for doubt in DOUBTS)


def test_compose_says_met_asks_forgiveness_for_a_poor_memory() -> None:
    text = draft("Great meeting you at PyCon Berlin last week! Let's stay in touch.")

    assert "forgive me if my memory needs a nudge" in text
    assert "It's good to hear from someone who was at PyCon Berlin too." in text


def test_compose_a_silent_personal_note_allows_that_you_met() -> None:
    text = draft("Hi William, I'm building a community of data people in Leeds.")

    assert body(text).startswith("Thank you for your note — forgive me if we have met")


# --------------------------------------------------------------------------------------------
# The answer: what the note (or headline) named, and why it came
# --------------------------------------------------------------------------------------------


def test_compose_names_the_event_the_note_names() -> None:
    text = draft(f"Hi William, {NOT_MET} but we were both at PyCon Berlin, I believe.")

    assert "It's good to hear from someone who was at PyCon Berlin too." in text


def test_compose_written_work_is_not_an_events() -> None:
    text = draft(f"{NOT_MET}; I read your post after PyCon Berlin and loved it.")

    assert "I'm glad the post was useful." in text


def test_compose_names_the_shared_employer_from_the_headline() -> None:
    text = draft("", headline="Data engineer at Acme Corp")

    assert "It's good to hear from someone at Acme Corp." in text


def test_compose_a_former_employer_is_remembered_fondly() -> None:
    text = draft("", headline="Product lead at Initech")

    assert "someone who knows Initech; I have fond memories of my time there." in text


def test_compose_names_the_school() -> None:
    text = draft("Hi William, fellow University of Leeds alum here, saying hello!")

    assert "It's always nice to hear from someone from University of Leeds." in text


def test_compose_answers_a_request_for_advice() -> None:
    text = draft(f"Hi, {NOT_MET}. I'd value your advice on moving into data platforms.")

    assert "I'm happy to share what I've learned" in text


def test_compose_answers_why_they_wrote() -> None:
    text = draft(f"Hi, {NOT_MET}. I'm reaching out because I'm launching a data meetup.")

    assert "I'd love to hear more about what you're working on." in text


def test_compose_names_the_field_in_their_headline() -> None:
    text = draft("", headline="Data Engineering lead")

    assert "I see you work in data engineering, which is close to my own work." in text


def test_compose_gives_at_most_two_answers_the_most_specific_first() -> None:
    note = f"{NOT_MET}, but I saw your talk at PyCon Berlin; I'd value your advice."
    text = draft(note, headline="Data engineer at Acme Corp")

    assert "PyCon Berlin talk" in text
    assert "someone at Acme Corp" in text
    assert "advice" not in text.split("Acme Corp.")[1]  # the third is left out


# --------------------------------------------------------------------------------------------
# Tones and pieces
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tone", "proposal"),
    [
        (Tone.COFFEE, "Would you have time for a coffee in the coming weeks?"),
        (Tone.CALL, "Would you have time for a short call in the coming weeks?"),
        (Tone.SHORT, "Would a coffee or a short call suit you sometime soon?"),
    ],
)
def test_compose_each_tone_proposes_its_meeting(tone: Tone, proposal: str) -> None:
    assert proposal in draft("", tone=tone)


def test_compose_short_tone_is_short() -> None:
    note = f"{NOT_MET}, but I saw your talk at PyCon Berlin; I'd value your advice."
    short = draft(note, headline="Data engineer at Acme Corp", tone=Tone.SHORT)

    assert "PyCon Berlin talk" in short
    assert "Acme Corp" not in short  # one answer only
    assert short.endswith(
        "Would a coffee or a short call suit you sometime soon? I'm glad the PyCon Berlin talk "
        "was useful.\n\nWilliam Hart"
    )


def test_compose_pieces_are_the_users_and_start_with_a_capital() -> None:
    text = draft(
        f"Hi, {NOT_MET}. Coffee?",
        opening_not_met="Merci de votre message.",
        accept="{meeting}, avec plaisir !",
    )

    assert body(text).startswith("Merci de votre message. A coffee, avec plaisir !")


def test_compose_a_users_own_single_template_still_works() -> None:
    invitation = view("")
    custom = DraftStyle(template="Dear {name}: {opening}", pieces=DraftPieces().texts())

    text = compose_draft(invitation, OWNER, findings(invitation), custom)

    assert text.startswith("Dear Jane Doe: Thank you for the invitation.")


def test_compose_never_shows_braces_for_an_empty_answer() -> None:
    text = draft(f"Hi, {NOT_MET}. Coffee?")

    assert "{" not in text and "None" not in text
    assert "suit you?\n\nBest," in text  # no answer: no trailing space either


# --------------------------------------------------------------------------------------------
# Reading without findings, and the reasons not to draft
# --------------------------------------------------------------------------------------------


def test_read_invitation_unjudged_note_reads_its_words() -> None:
    reading = read_invitation(view("Fancy a coffee or a zoom call?"), OWNER, [])

    assert reading.opening is Opening.NOTE
    assert (reading.proposed, reading.offers) == (True, ("coffee", "call"))


def test_read_invitation_no_note_proposes_nothing() -> None:
    reading = read_invitation(view(""), OWNER, [])

    assert (reading.opening, reading.proposed, reading.work) == (Opening.NO_NOTE, False, None)


def test_why_not_leads_with_the_override_then_the_heaviest_penalties() -> None:
    pitch = view(
        "I help agencies triple their leads in 30 days — book a free demo: https://bit.ly/x"
    )

    reasons = why_not(findings(pitch))

    assert [r.rule for r in reasons] == ["verdict.pitch", "note.pitch", "note.has-link"]
    assert why_not([Finding(rule="note.present", points=1, detail="a note")]) == []
