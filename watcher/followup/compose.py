"""The meet-up message for a stored invitation: what the user is, what the rules found, the
configured tone, template and pieces (composing is ``watcher.followup.answers``, pure)."""

from __future__ import annotations

from watcher.config.drafting import Tone
from watcher.config.settings import Settings
from watcher.followup.answers import DraftStyle, compose_draft
from watcher.judge.gather import load_owner
from watcher.store import Store, StoredInvitation


def draft_style(settings: Settings, tone: Tone | None = None) -> DraftStyle:
    """The configured way to write: ``meetup.template`` when set (one letter for every tone),
    else the tone's template; the tone is ``meetup.tone`` unless one is asked for."""
    meetup = settings.meetup
    chosen = tone or meetup.tone
    template = meetup.template if meetup.template.strip() else meetup.templates.for_tone(chosen)
    return DraftStyle(template=template, pieces=meetup.pieces.texts(), tone=chosen.value)


def draft_text(
    store: Store, invitation: StoredInvitation, settings: Settings, tone: Tone | None = None
) -> str:
    """The meet-up message for this invitation, answering its note."""
    return compose_draft(
        invitation.view(),
        load_owner(store, settings),
        invitation.findings,
        draft_style(settings, tone),
        your_name=settings.you.name,
    )
