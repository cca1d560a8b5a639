"""The meaning classes of a note, judged on many differently worded notes (and near misses)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from watcher.config.rules import ListsSettings, RulesSettings
from watcher.judge.rulebook import evaluate
from watcher.models import Direction, EvaluationInput, InvitationView, Owner

OWNER = Owner(first_name="William", last_name="Shaw")


def fired(note: str, headline: str = "") -> set[str]:
    invitation = InvitationView(
        id=1,
        name="Jane Roe",
        profile_url="https://www.linkedin.com/in/jane-roe",
        direction=Direction.INCOMING,
        sent_at=datetime(2026, 4, 1, tzinfo=UTC),
        message=note,
        headline=headline,
    )
    evaluation = evaluate(EvaluationInput(invitation, OWNER), RulesSettings(), ListsSettings())
    return {finding.rule for finding in evaluation.findings}


NOT_MET = [
    "We've never met, but your work on crisis comms caught my eye.",
    "We have not met yet, though I follow your posts.",
    "We haven’t had the chance to meet, but I'd like to change that.",
    "I don't think we’ve crossed paths before.",
    "Although we don't know each other, I admire your agency.",
    "We are strangers, I know — bear with me.",
    "You don't know me, but I read your article on press releases.",
    "WE HAVE NEVER MET!!! Still, hello.",
    "we havent met but i liked your talk",
    "I know we haven't been introduced, so let me introduce myself.",
    "Sorry for the cold invite: I'm a PR student in Porto.",
    "This is a bit out of the blue, I realise.",
    "We have yet to meet in person, which I hope to fix.",
    "I do not believe we have met.",
    "We don’t really know each other, but we share a field.",
    "I have never spoken with you, but your newsletter is great.",
    "Allow me to introduce myself: I'm Jane, a comms lead in Lisbon.",
    "Even though we are not acquainted, I hope you don't mind the invite.",
    "I'm a complete stranger to you, I know.",
    "we’ve not had the pleasure yet — hopefully soon.",
    "I’m not sure we’ve ever met, but your posts are great.",
    "Apologies for the unsolicited invite.",
]
NOT_NOT_MET = [
    "We met at the summit last week, great chatting!",
    "Lovely to meet you yesterday at the Lisbon PR Summit.",
    "Good to see you again after all these years.",
    "Thanks for the great panel discussion we had.",
    "As promised after our chat, here is my invite.",
    "I know we met briefly at the conference.",
]


@pytest.mark.parametrize("note", NOT_MET)
def test_evaluate_admits_not_met_fires_for_paraphrases(note: str) -> None:
    assert "note.admits-not-met" in fired(note)


@pytest.mark.parametrize("note", NOT_NOT_MET)
def test_evaluate_admits_not_met_silent_when_they_have_met(note: str) -> None:
    assert "note.admits-not-met" not in fired(note)


WHY = [
    "I'm growing a network of young marketers and you look like a great fit.",
    "I'd love to learn how you built your PR practice.",
    "Your article on media training really stuck with me.",
    "I'm building a community of communications people in Lisbon.",
    "Because we both work in healthcare communications, I thought we should connect.",
    "I saw your talk at the summit and it was brilliant.",
    "I’m looking for advice on moving from journalism into PR.",
    "We share an interest in sustainable brands.",
    "As a fellow marketer, I'd value your perspective.",
    "I'm researching how agencies use AI and would like to hear your take.",
    "Your experience in crisis communications impressed me.",
    "I just moved to Lisbon and I'm getting to know people in the industry.",
    "I'm a journalist writing about PR and hoping to interview a few practitioners.",
    "I would like to exchange ideas about employer branding.",
    "I'm reaching out to people who work in comms at fintechs.",
    "I'm interested in how you approach influencer campaigns.",
    "Your podcast episodes on storytelling are inspiring.",
    "I work in brand strategy too, and would love to swap notes.",
]
NOT_WHY = [
    "Let's connect.",
    "Hope you are well.",
    "Please accept my invitation.",
    "Hello William, nice profile.",
]


@pytest.mark.parametrize("note", WHY)
def test_evaluate_says_why_fires_for_paraphrases(note: str) -> None:
    assert "note.says-why" in fired(note)


@pytest.mark.parametrize("note", NOT_WHY)
def test_evaluate_says_why_silent_for_empty_pleasantries(note: str) -> None:
    assert "note.says-why" not in fired(note)


MEETING = [
    "Would you be up for a coffee sometime?",
    "Happy to buy you a cup of tea if you're ever in Porto.",
    "Could we set up a quick call next week?",
    "Fancy a 15-minute Zoom?",
    "Let's meet at the conference!",
    "I'd love to meet for lunch when you're in town.",
    "Open to a short chat in the coming weeks?",
    "Maybe we can grab a virtual coffee.",
    "Shall we meet up after the event?",
    "Would you have 20 minutes for a phone catch-up?",
]
NOT_MEETING = [
    "We met at the summit last week.",
    "I enjoyed your article about press releases.",
    "Great to connect with fellow communicators.",
    "We have not met in person yet.",
]


@pytest.mark.parametrize("note", MEETING)
def test_evaluate_proposes_meeting_fires_for_paraphrases(note: str) -> None:
    assert "note.proposes-meeting" in fired(note)


@pytest.mark.parametrize("note", NOT_MEETING)
def test_evaluate_proposes_meeting_silent_without_a_proposal(note: str) -> None:
    assert "note.proposes-meeting" not in fired(note)


PITCH = [
    "I help agencies triple their leads in 30 days — book a free demo.",
    "Hi William, we haven't met, but I help companies like yours cut costs 40% — free demo?",
    "Our platform helps PR teams save 10 hours a week. Free trial?",
    "We offer affordable SEO services with guaranteed results.",
    "I can help your business grow revenue with our lead generation system.",
    "Exclusive offer this month: 30% off our media monitoring software.",
    "We provide white label web development at the best rates.",
    "Quick question: would you be open to a free consultation about outsourcing your design?",
    "I help B2B SaaS founders double their pipeline with LinkedIn outreach.",
    "Can I show you a 10-minute demo of our tool?",
]
NOT_PITCH = [
    "Let's meet at the conference!",
    "I'd love to hear how your team handles crisis communications.",
    "I help run a small meetup for communicators in Porto: would you speak at one?",
    "We met at the summit, great talk on brand trust.",
    "Would you be up for a coffee sometime?",
]


@pytest.mark.parametrize("note", PITCH)
def test_evaluate_pitch_fires_for_paraphrases(note: str) -> None:
    assert "note.pitch" in fired(note)


@pytest.mark.parametrize("note", NOT_PITCH)
def test_evaluate_pitch_silent_for_genuine_notes(note: str) -> None:
    assert "note.pitch" not in fired(note)


RECRUITING = [
    "I have an exciting job opportunity for you, are you open to new opportunities?",
    "Work from home, flexible hours, no experience needed!",
    "I have a role that matches your background perfectly — send me your CV.",
    "You would be a perfect fit for a position at our client. Apply now.",
    "Part-time remote job available, earn 500 per week.",
]
NOT_RECRUITING = [
    "It would be a great opportunity to learn from you.",
    "I recently started a new role in PR and want to meet peers.",
    "Would you be open to a coffee?",
]


@pytest.mark.parametrize("note", RECRUITING)
def test_evaluate_recruiting_fires_for_paraphrases(note: str) -> None:
    assert "note.recruiting" in fired(note)


@pytest.mark.parametrize("note", NOT_RECRUITING)
def test_evaluate_recruiting_silent_for_genuine_notes(note: str) -> None:
    assert "note.recruiting" not in fired(note)


CRYPTO = [
    "I made $5,000 a week trading Bitcoin, let me show you how.",
    "Join my crypto trading platform for guaranteed returns.",
    "Looking for partners for a forex investment opportunity.",
    "Passive income through our NFT project, interested?",
    "Earn daily profits with my expert trader signals.",
]
NOT_CRYPTO = [
    "I work in investor relations and admire your writing.",
    "Your piece on returns to office policies was sharp.",
    "I'm passionate about financial communications.",
]


@pytest.mark.parametrize("note", CRYPTO)
def test_evaluate_crypto_fires_for_paraphrases(note: str) -> None:
    assert "note.crypto" in fired(note)


@pytest.mark.parametrize("note", NOT_CRYPTO)
def test_evaluate_crypto_silent_for_finance_people(note: str) -> None:
    assert "note.crypto" not in fired(note)


COLLECTOR_HEADLINES = [
    "LION | Open Networker | Sales",
    "I accept all invites — 30k+ network",
    "Growth hacker | 10k followers | #OpenToConnect",
    "Follow me for daily marketing tips",
    "Open networker, never decline an invitation",
    "TopLinked member, connect with everyone",
]
NOT_COLLECTOR_HEADLINES = [
    "PR manager at Brightside",
    "Head of Communications | Speaker | Open to new opportunities",
    "Lionbridge localisation lead",
]


@pytest.mark.parametrize("headline", COLLECTOR_HEADLINES)
def test_evaluate_collector_fires_for_headlines(headline: str) -> None:
    assert "value.collector" in fired("", headline=headline)


@pytest.mark.parametrize("headline", NOT_COLLECTOR_HEADLINES)
def test_evaluate_collector_silent_for_ordinary_headlines(headline: str) -> None:
    assert "value.collector" not in fired("", headline=headline)


STOCK = [
    "I'd like to add you to my professional network on LinkedIn.",
    "I’d like to add you to my professional network on LinkedIn. - Jane Roe",
    "Hi William, I'd like to add you to my professional network on LinkedIn. Best, Jane",
    "i'd like to join your linkedin network",
    "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
    "J'aimerais vous inviter à rejoindre mon réseau professionnel en ligne, sur le site LinkedIn.",
    "Me gustaría añadirte a mi red profesional en LinkedIn.",
    "Gostaria de adicioná-lo à minha rede profissional no LinkedIn.",
    "Vorrei aggiungerti alla mia rete professionale su LinkedIn.",
    "Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.",
]
NOT_STOCK = [
    "I'd like to add you to my professional network on LinkedIn because your PR work at "
    "Brightside impressed me and I'd love a coffee.",
    "I'm growing a network of young marketers.",
]


@pytest.mark.parametrize("note", STOCK)
def test_evaluate_stock_text_counts_as_no_note(note: str) -> None:
    rules = fired(note)
    assert "note.stock" in rules
    assert "note.present" not in rules


@pytest.mark.parametrize("note", NOT_STOCK)
def test_evaluate_stock_silent_when_the_note_says_more(note: str) -> None:
    rules = fired(note)
    assert "note.stock" not in rules
    assert "note.present" in rules
