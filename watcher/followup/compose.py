"""The meet-up message for a stored invitation: what the user is, what the rules found, the
configured template (rendering is ``watcher.followup.drafts``, pure)."""

from __future__ import annotations

from watcher.config.settings import Settings
from watcher.followup.drafts import draft_fields, render_draft
from watcher.judge.gather import load_owner
from watcher.store import Store, StoredInvitation


def draft_text(store: Store, invitation: StoredInvitation, settings: Settings) -> str:
    """The meet-up message for this invitation, from the configured template."""
    fields = draft_fields(
        invitation.view(),
        load_owner(store, settings),
        invitation.findings,
        your_name=settings.you.name,
    )
    return render_draft(settings.meetup.template, fields)
