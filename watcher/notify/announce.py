"""What the daemon says about an import: the notices for new invitations and settled meet-up
requests, drafts on request."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from urllib.parse import quote

from watcher.config.settings import Settings
from watcher.judge.confidence import missing_evidence, missing_line
from watcher.models import Direction, ImportChanges, Status
from watcher.notify import asked
from watcher.notify.texts import (
    SUMMARY_NAMES,
    TOP_REASONS,
    Named,
    Notice,
    NoticeItem,
    Tally,
    invitation_notices,
    summary_notice,
)
from watcher.store import Store, StoredInvitation
from watcher.system.terminal import terminal_command


def notice_item(invitation: StoredInvitation) -> NoticeItem | None:
    if invitation.verdict is None or invitation.score is None:
        return None
    strongest = sorted(invitation.findings, key=lambda f: (-abs(f.points), f.rule))
    return NoticeItem(
        invitation_id=invitation.id,
        name=invitation.name,
        profile_url=invitation.profile_url,
        verdict=invitation.verdict,
        score=invitation.score,
        reasons=[f.detail for f in strongest[:TOP_REASONS]],
        note=invitation.message,
        missing=missing_line(missing_evidence(invitation.view())),
    )


def import_notices(store: Store, changes: ImportChanges, settings: Settings) -> list[Notice]:
    """What an import says: its new incoming invitations still awaiting the user (accepted ones
    are old news) and the past meet-up requests it settled, within the per-import budget (more
    make one summary). Each notice's buttons act on its ``subject``.

    The budget is checked with an aggregate query first: a summary of a 50,000-invitation
    archive loads only the few invitations it names, never all of them with their findings."""
    ids = changes.new_invitation_ids
    settled = len(changes.settled)
    budget = settings.notifications.budget_per_import
    review = terminal_command(settings.notifications.terminal) is not None
    counts = store.awaiting_by_verdict(ids) if ids else {}
    if sum(counts.values()) + bool(settled) > budget:
        return [summary_notice(awaited(store, ids), settled=settled, review=review)]
    fresh = store.invitations(direction=Direction.INCOMING, status=Status.PENDING, ids=ids)
    items = [item for invitation in fresh if (item := notice_item(invitation)) is not None]
    return invitation_notices(items, budget, settled=settled, review=review)


def awaited(store: Store, invitation_ids: Collection[int]) -> Tally:
    """The summary's tally of these invitations: those still awaiting the user, by verdict, a
    few named per verdict; it keeps every id, so it can be merged with another and recounted."""
    counts = store.awaiting_by_verdict(invitation_ids)
    named = [
        Named(invitation_id, name, verdict)
        for invitation_id, name, verdict in store.newest_awaiting(invitation_ids, SUMMARY_NAMES)
    ]
    return Tally(counts, named, tuple(invitation_ids))


def merged_summary(store: Store, notices: Sequence[Notice], settings: Settings) -> Notice | None:
    """One summary for several import notices pending at once (the outbox's fold across
    imports): what they announced, counted again as it stands now (an invitation the user
    handled meanwhile is left out), and every settled request they reported. None when nothing
    of them is left to say."""
    ids = list(dict.fromkeys(i for notice in notices for i in notice.invitation_ids))
    settled = sum(notice.settled for notice in notices)
    tally = awaited(store, ids) if ids else Tally({}, [], ())
    if not tally.total and not settled:
        return None
    review = terminal_command(settings.notifications.terminal) is not None
    return summary_notice(tally, settled=settled, review=review)


def profile_url(store: Store, invitation_id: int) -> str | None:
    """The profile to open, percent-encoded again: the browser opener (xdg-open) is a shell
    script, and a slug from an export may hold any character."""
    invitation = store.invitation(invitation_id)
    if invitation is None or not invitation.profile_url:
        return None
    return quote(invitation.profile_url, safe=":/")


def draft_notice(store: Store, invitation_id: int, settings: Settings) -> Notice | None:
    invitation = store.invitation(invitation_id)
    if invitation is None:
        return None
    return asked.draft_notice(
        invitation.name, invitation_id, _draft_text(store, invitation, settings)
    )


def draft_of(store: Store, invitation_id: int, settings: Settings) -> str | None:
    """The draft the notice shows (and its "Copy" button copies), as ``draft ID`` prints it."""
    invitation = store.invitation(invitation_id)
    return None if invitation is None else _draft_text(store, invitation, settings)


def _draft_text(store: Store, invitation: StoredInvitation, settings: Settings) -> str:
    # Drafting needs the owner's profile and the rules: loaded when a draft is asked for, so
    # the idle daemon does not keep them resident.
    from watcher.followup.compose import draft_text  # noqa: PLC0415

    return draft_text(store, invitation, settings)
