"""Gather what the rules need from the store, run them, and keep the result.

The rules themselves (``watcher.judge.rulebook``) are pure; this module is the thin I/O layer
between them and SQLite: who the owner is, and for each inviter what history we hold.

A run (``judge_chosen``) reads what every invitation shares once (the owner, the rulebook,
the acquaintances, how many people sent each note), judges through one ``BatchJudge`` so
identical inputs are judged once, and writes back only the rows whose verdict, score or
findings changed: a re-judge the import could not have changed costs reading, never writing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from watcher.config.settings import Settings
from watcher.judge.acquaintances import AcquaintanceLookup
from watcher.judge.batch import REMEMBERED, BatchJudge
from watcher.judge.rulebook import Rulebook
from watcher.judge.rules_note import shown_template_senders
from watcher.models import (
    Direction,
    Evaluation,
    EvaluationInput,
    Event,
    FollowUp,
    History,
    InvitationView,
    MessageSummary,
    Owner,
    Position,
    School,
    Status,
)
from watcher.store import ApplyCounts, Store
from watcher.store.evaluations import (
    Connected,
    Judgeable,
    Rejudged,
    VerdictWrite,
    reasons_json,
)

#: Statuses whose verdict still matters: the user has not settled them.
OPEN_STATUSES = (Status.PENDING, Status.MEET_REQUESTED)


def load_owner(store: Store, settings: Settings) -> Owner:
    """The user: Profile.csv and the snapshots, with the configuration taking precedence."""
    profile = store.owner_profile()
    first, last = (profile.first_name, profile.last_name) if profile else ("", "")
    if settings.you.name.strip():
        first, _, last = settings.you.name.strip().partition(" ")
    interests = list(settings.you.interests)
    if profile and profile.industry:
        interests.append(profile.industry)
    events = store.snapshot("events") + store.snapshot("calendar-events")
    return Owner(
        first_name=first,
        last_name=last,
        headline=profile.headline if profile else "",
        positions=tuple(p for p in store.snapshot("positions") if isinstance(p, Position)),
        schools=tuple(s for s in store.snapshot("schools") if isinstance(s, School)),
        events=tuple(e for e in events if isinstance(e, Event)),
        interests=tuple(interests),
    )


@dataclass(frozen=True)
class HistoryBatch:
    """What the store holds about the inviters of a batch of invitations, read in bulk; how
    many people sent each note is read once for a whole run (``note_senders``)."""

    connections: dict[int, Connected]
    messages: dict[int, MessageSummary]
    note_senders: Mapping[str, int]

    @classmethod
    def load(
        cls, store: Store, invitations: Sequence[Judgeable], note_senders: Mapping[str, int]
    ) -> HistoryBatch:
        people = [invitation.person_id for invitation in invitations]
        return cls(
            connections=store.connected_among(people),
            messages=store.message_stats_of(people),
            note_senders=note_senders,
        )

    def of(self, invitation: Judgeable, known: AcquaintanceLookup) -> History:
        connection = self.connections.get(invitation.person_id)
        # The invitation itself is one of the incoming ones with its note: the others are
        # everyone but its sender.
        senders = self.note_senders.get(invitation.note_fingerprint, 0)
        view = invitation.view
        return History(
            connected_on=connection.connected_on if connection is not None else None,
            connected_source=connection.source if connection is not None else "",
            messages=self.messages.get(invitation.person_id),
            acquaintances=known.find(view.name, view.profile_url),
            same_note_senders=max(senders - 1, 0),
        )


def affected_ids(
    store: Store, settings: Settings, counts: ApplyCounts, moved: Iterable[int] = ()
) -> list[int] | None:
    """Which invitations an import may have changed the verdict of: those it listed, those
    whose status it ``moved`` (the follow-up rules read the status), those of the people whose
    connection or messages it changed, and those sharing a note with its new ones when the
    count ``note.template`` names changed with them; None means all, when it changed what
    everyone is judged on (who the user is, an address book)."""
    if counts.everyone_affected:
        return None
    ids = set(counts.seen_invitation_ids).union(moved)
    ids |= _template_sharers(store, settings, counts.new_invitation_ids)
    if counts.people_changed:
        ids |= store.invitations_of_people(counts.people_changed)
    return sorted(ids)


def _template_sharers(store: Store, settings: Settings, new_ids: Sequence[int]) -> set[int]:
    """The earlier invitations whose ``note.template`` finding these new ones change: those
    sharing a note whose shown count of other senders moved (each sharer is one of the
    senders, so it sees one fewer)."""
    if not new_ids:
        return set()
    least = settings.rules.template_min_senders
    moved = [
        fingerprint
        for fingerprint, (before, after) in store.note_senders_before_and_after(new_ids).items()
        if shown_template_senders(before - 1, least) != shown_template_senders(after - 1, least)
    ]
    return store.sharing_notes(moved).difference(new_ids)


def evaluate_affected(
    store: Store,
    settings: Settings,
    counts: ApplyCounts,
    cause: str,
    now: datetime,
    *,
    moved: Iterable[int] = (),
) -> int:
    """Re-evaluate the incoming invitations this import may have changed; returns how many.

    Whatever their status, unless the user decided them: the verdict follows the evidence, so
    the end state never depends on the order files came in (an invitation closed when history
    arrives is judged on it as if it had come first)."""
    ids = affected_ids(store, settings, counts, moved)
    if ids == []:
        return 0
    return _evaluate_chosen(store, settings, store.undecided_incoming_ids(ids), cause, now)


#: Invitations evaluated per batch: bounded memory, few queries.
BATCH = 2000


def evaluate_invitations(
    store: Store, settings: Settings, ids: Iterable[int] | None, cause: str, now: datetime
) -> int:
    """Evaluate open incoming invitations (all when ``ids`` is None) and store the results."""
    chosen = store.open_incoming_ids(None if ids is None else list(ids))
    return _evaluate_chosen(store, settings, chosen, cause, now)


def rejudge_open(store: Store, settings: Settings, cause: str, now: datetime) -> int:
    """Evaluate every open incoming invitation again (the rules changed) in a transaction of
    its own that holds the write lock only to store the verdicts (``Store.optimistically``);
    returns how many were judged."""

    def judge() -> int:
        chosen = store.open_incoming_ids(None)
        judge_chosen(store, settings, chosen)
        return len(chosen)

    def write(judged: int) -> int:
        store.write_staged_verdicts(cause, now)
        return judged

    return store.optimistically(judge, write)


def evaluate_given(
    store: Store, settings: Settings, ids: Iterable[int], cause: str, now: datetime
) -> int:
    """Evaluate these incoming invitations whatever their status and store the results.

    For a status change the rules read (an unanswered meet-up request, ``meetup.unanswered``),
    where ``evaluate_invitations`` would skip the invitation as no longer open. Unknown ids and
    outgoing invitations are left out; returns how many were evaluated.
    """
    found = store.judgeable(sorted(set(ids)))
    incoming = [i.view.id for i in found if i.view.direction is Direction.INCOMING]
    return _evaluate_chosen(store, settings, incoming, cause, now)


def followup_of(store: Store, invitation: InvitationView, settings: Settings) -> FollowUp | None:
    """The unanswered meet-up request the follow-up rules read; None for any other status."""
    if invitation.status is not Status.UNANSWERED:
        return None  # only the unanswered need it: spare every other invitation the query
    meetup = store.meetup(invitation.id)
    if meetup is None:
        return None
    # The configured wait, as the give-up's own message names it; the store keeps no time of
    # the give-up apart from its transition.
    return FollowUp(meetup.sent_at, settings.meetup.give_up_after)


def _evaluate_chosen(
    store: Store, settings: Settings, chosen: list[int], cause: str, now: datetime
) -> int:
    """Judge these invitations and store what changed (inside the caller's transaction)."""
    judge_chosen(store, settings, chosen)
    store.write_staged_verdicts(cause, now)
    return len(chosen)


def _never() -> bool:
    return False


#: Told how many invitations are judged so far, of how many (for a progress display).
JudgingProgress = Callable[[int, int], None]


class Stopped(Exception):
    """``judge_chosen`` was told to stop between two batches: nothing was written."""


def judge_chosen(
    store: Store,
    settings: Settings,
    chosen: list[int],
    *,
    stop: Callable[[], bool] = _never,
    progress: JudgingProgress | None = None,
) -> int:
    """Judge these invitations and stage the evaluations that change their row, for
    ``store.write_staged_verdicts``; how many were staged. Reads, and writes only the TEMP
    stage: no write lock is taken.

    What every one of them shares (the owner, the rulebook, the acquaintances, how many sent
    each note) is read once, identical inputs are judged once (``BatchJudge``), and only rows
    whose verdict, score or findings would change are staged. Raises ``Stopped`` when
    ``stop()`` says so between batches; ``progress`` hears how many are judged of how many,
    before and after each batch."""
    store.clear_staged_verdicts()
    if not chosen:
        return 0
    owner = load_owner(store, settings)
    judge = BatchJudge.of(rulebook_for(store, settings), owner)
    known = acquaintance_lookup(store)
    note_senders = store.note_senders_among(chosen)
    # id(evaluation) -> (the evaluation, its stored form): holding the evaluation keeps its id
    # unique; started afresh when full, like the judge's own memory, so memory stays flat
    stored_reasons: dict[int, tuple[Evaluation, str]] = {}
    staged = 0
    if progress is not None:
        progress(0, len(chosen))
    for start in range(0, len(chosen), BATCH):
        if stop():
            raise Stopped
        invitations = store.judgeable(chosen[start : start + BATCH])
        batch = HistoryBatch.load(store, invitations, note_senders)
        writes: list[VerdictWrite] = []
        for invitation in invitations:
            view = invitation.view
            item = EvaluationInput(
                view, owner, batch.of(invitation, known), followup_of(store, view, settings)
            )
            evaluation = judge.evaluate(item)
            stored = stored_reasons.get(id(evaluation))
            if stored is None:
                if len(stored_reasons) >= REMEMBERED:
                    stored_reasons.clear()
                stored = stored_reasons[id(evaluation)] = (evaluation, reasons_json(evaluation))
            rejudged = Rejudged(invitation, evaluation, stored[1])
            if rejudged.changed:
                writes.append(rejudged.as_write())
        store.stage_verdicts(writes)
        staged += len(writes)
        if progress is not None:
            progress(start + len(invitations), len(chosen))
    return staged


def rulebook_for(store: Store, settings: Settings) -> Rulebook:
    """The rulebook of these settings, built once while they stay the same objects (a reload
    makes new ones): compiling the phrase classes is not free."""
    cached = store.derived.get("rulebook")
    if isinstance(cached, tuple) and cached[0] is settings.rules and cached[1] is settings.lists:
        rulebook: Rulebook = cached[2]
        return rulebook
    rulebook = Rulebook.of(settings.rules, settings.lists)
    store.derived["rulebook"] = (settings.rules, settings.lists, rulebook)
    return rulebook


def acquaintance_lookup(store: Store) -> AcquaintanceLookup:
    """Every acquaintance, ready to match inviters against, rebuilt only when acquaintances
    were added; it keeps the names it was asked about."""
    version = store.acquaintances_version()
    cached = store.derived.get("acquaintance-lookup")
    if isinstance(cached, tuple) and cached[0] == version:
        lookup: AcquaintanceLookup = cached[1]
        return lookup
    lookup = AcquaintanceLookup(store.acquaintances())
    store.derived["acquaintance-lookup"] = (version, lookup)
    return lookup
