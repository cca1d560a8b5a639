"""Judging many invitations for one owner: each distinct input judged once.

A big import judges tens of thousands of invitations that share a great deal: most carry no
note, LinkedIn's stock text or a template, few headlines recur, and most inviters have no
history. The rules are pure, so identical inputs give identical findings; ``BatchJudge``
remembers them at two levels:

* the text, read once per distinct note and judged by the rules that read nothing else
  (``rulebook.TEXT_RULES``: most of the note family, the employer, school, event and value
  rules) once per distinct note, headline and mutual connections;
* the whole evaluation once per distinct input: the note, the headline, the mutual
  connections, the status, the follow-up and the history.

The rules read neither an invitation's id, its sent time nor its direction, and its name and
profile URL only where ``_identity`` says (the lists, and the history rules over traces): a
rule that comes to read another field of ``InvitationView`` must add it to ``_evaluation_key``
(a unit test lists the fields, to say so). The memory lasts one batch judge (build one per
evaluation run) and is bounded: past ``REMEMBERED`` entries a table starts afresh, so an
import of distinct inputs keeps its peak memory flat. Pure.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TypeVar

from watcher.core.phrases import normalise
from watcher.judge.notes import Note
from watcher.judge.owner_terms import OwnerTerms
from watcher.judge.rulebook import Placed, Rulebook
from watcher.models import Evaluation, EvaluationInput, InvitationView, Owner

#: a note as far as reading it goes: the text, and which of its words are the inviter's name
#: (they do not count as content, ``notes.read_note``)
NoteKey = tuple[str, frozenset[str]]

#: what the rules that read only the text read (``rulebook.TEXT_RULES``): the note, the
#: headline, the mutual connections
TextKey = tuple[NoteKey, str, int | None]

K = TypeVar("K")
V = TypeVar("V")

#: entries each memory table holds before it starts afresh: repeats (no note, the stock text, a
#: template) come back often and are learnt again at once. An evaluation with its findings is a
#: few kilobytes: judging the 60,000 open invitations of the interleaved 2x archive peaks 24 MB
#: lower at 1,024 than at 4,096, for 1,123 more rulebook runs on today's 2x shape (2,512 instead
#: of 1,389, ~0.2 s)
REMEMBERED = 1024

#: ``InvitationView`` fields the rules read, as ``_evaluation_key`` keys them
KEYED_FIELDS = frozenset({"message", "name", "headline", "mutual_connections", "status"})
#: fields no rule reads; and ``profile_url``, read by the lists only (``_identity``)
UNREAD_FIELDS = frozenset({"id", "sent_at", "direction"})


@dataclass
class BatchJudge:
    """The rulebook over one owner's invitations, remembering what it judged."""

    rulebook: Rulebook
    owner: Owner
    terms: OwnerTerms
    #: whether the user's lists name people (a name or a profile URL) rather than companies
    lists_name_people: bool
    _words: dict[str, frozenset[str]] = field(default_factory=dict)  # note or name -> words
    _notes: dict[NoteKey, Note] = field(default_factory=dict)
    _text_findings: dict[TextKey, list[Placed]] = field(default_factory=dict)
    _evaluations: dict[Hashable, Evaluation] = field(default_factory=dict)

    @classmethod
    def of(cls, rulebook: Rulebook, owner: Owner) -> BatchJudge:
        lists = rulebook.lists
        people = any(p.names or p.profile_urls for p in (lists.welcome, lists.block))
        return cls(rulebook, owner, rulebook.owner_terms(owner), people)

    def evaluate(self, item: EvaluationInput) -> Evaluation:
        """``Rulebook.evaluate`` for ``item``, whose owner must be this judge's."""
        if item.owner is not self.owner and item.owner != self.owner:
            raise ValueError("BatchJudge: the invitation is judged for another owner")
        note = self._note_key(item.invitation)
        key = self._evaluation_key(item, note)
        found = self._evaluations.get(key)
        if found is None:
            found = _remember(self._evaluations, key, self._judge(item, note))
        return found

    def _judge(self, item: EvaluationInput, key: NoteKey) -> Evaluation:
        note = self._notes.get(key)
        if note is None:
            note = _remember(self._notes, key, self.rulebook.read_note(item))
        context = self.rulebook.context(item, note, self.terms)
        invitation = item.invitation
        text = (key, invitation.headline, invitation.mutual_connections)
        text_findings = self._text_findings.get(text)
        if text_findings is None:
            text_findings = _remember(
                self._text_findings, text, self.rulebook.text_findings(context)
            )
        findings = self.rulebook.in_order(text_findings, self.rulebook.other_findings(context))
        return self.rulebook.decide(item, findings)

    def _note_key(self, invitation: InvitationView) -> NoteKey:
        note, name = self._words_of(invitation.message), self._words_of(invitation.name)
        return invitation.message, note & name

    def _words_of(self, text: str) -> frozenset[str]:
        words = self._words.get(text)
        if words is None:
            words = _remember(self._words, text, frozenset(normalise(text).split()))
        return words

    def _evaluation_key(self, item: EvaluationInput, note: NoteKey) -> Hashable:
        invitation = item.invitation
        return (
            note,
            invitation.headline,
            invitation.mutual_connections,
            invitation.status,
            item.followup,
            item.history,
            self._identity(item),
        )

    def _identity(self, item: EvaluationInput) -> tuple[str, str | None] | None:
        """Who the inviter is, where a rule reads it: the user's lists when they name people,
        and the history rules when there are traces to tell apart (they say why a trace is the
        inviter: the same profile URL, a short form of the name, the address spelling it)."""
        invitation = item.invitation
        if not self.lists_name_people and not item.history.acquaintances:
            return None
        return invitation.name, invitation.profile_url


def _remember(table: dict[K, V], key: K, value: V) -> V:
    """Keep ``value`` under ``key``; a full table starts afresh first (``REMEMBERED``)."""
    if len(table) >= REMEMBERED:
        table.clear()
    table[key] = value
    return value
