"""Configuration of the drafted meet-up message: the tone, a template per tone, the pieces.

Owned by the follow-up stage; ``watcher.config.settings`` includes these in ``[meetup]``. A
template is the letter (``{opening} {proposal} {answer}`` are the sentences the composer picks);
the pieces are those sentences, one per case it answers (``watcher.followup.answers`` says which
case picks which). Both use the placeholders of ``watcher.followup.drafts``; ``config check``
warns about unknown ones. The defaults here are the shipped ones: ``config/invite-watcher.toml``
repeats them with a comment for each key.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Tone(StrEnum):
    """How the draft proposes to meet when the note did not say: a coffee, a call, or briefly."""

    COFFEE = "coffee"
    CALL = "call"
    SHORT = "short"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


_LETTER = "Hi {first_name},\n\n{opening} {proposal} {answer}\n\nBest,\n{your_name}"


class DraftTemplates(_Section):
    """One template per tone (``[meetup.templates]``)."""

    coffee: str = _LETTER
    call: str = _LETTER
    short: str = "Hi {first_name},\n\n{opening} {proposal} {answer}\n\n{your_name}"

    def for_tone(self, tone: Tone) -> str:
        return str(getattr(self, tone.value))


class DraftPieces(_Section):
    """The sentences a draft is made of (``[meetup.pieces]``); the composer picks per note."""

    # The opening, by what the note says about having met.
    opening_no_note: str = (
        "Thank you for the invitation. I'm afraid I don't remember us meeting{event_clause} — "
        "forgive me if we have. Before I connect, I like to put a voice to a name."
    )
    opening_not_met: str = "Thank you for reaching out — I'd be glad to meet before we connect."
    opening_says_met: str = (
        "Thank you for getting in touch, and forgive me if my memory needs a nudge — I'd be "
        "glad to catch up before we connect."
    )
    opening_note: str = (
        "Thank you for your note — forgive me if we have met and I don't remember. Before I "
        "connect, I like to put a voice to a name."
    )
    # The proposal: theirs accepted, else the tone's.
    accept: str = "{meeting} sounds good; would Tuesday or Thursday next week suit you?"
    propose_coffee: str = "Would you have time for a coffee in the coming weeks?"
    propose_call: str = (
        "Would you have time for a short call in the coming weeks? Twenty minutes would be plenty."
    )
    propose_short: str = "Would a coffee or a short call suit you sometime soon?"
    # The answer to what the note named or why it came.
    your_work: str = "I'm glad the {work} was useful."
    event: str = "It's good to hear from someone who was at {event} too."
    employer: str = "It's good to hear from someone at {employer}."
    former_employer: str = (
        "It's good to hear from someone who knows {employer}; I have fond memories of my time "
        "there."
    )
    school: str = "It's always nice to hear from someone from {school}."
    advice: str = "I'm happy to share what I've learned, for what it's worth."
    why: str = "I'd love to hear more about what you're working on."
    interest: str = "I see you work in {field}, which is close to my own work."

    def texts(self) -> dict[str, str]:
        """Piece name -> text, for the composer and ``config check``."""
        return {name: str(value) for name, value in self.model_dump().items()}
