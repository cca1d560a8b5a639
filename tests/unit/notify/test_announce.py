from datetime import UTC, datetime
from pathlib import Path

from tests.support.exports import invitations_json
from watcher import pipeline
from watcher.config.settings import Settings
from watcher.followup import apply as lifecycle
from watcher.followup.transitions import LifecycleEvent
from watcher.models import Direction, Imported, InvitationRecord, PersonRef
from watcher.notify.announce import draft_notice, import_notices, merged_summary, profile_url
from watcher.notify.texts import NoticeKind, settled_notice
from watcher.store import ApplyCounts, Store


def stored(tmp_path: Path, person: PersonRef) -> Store:
    store = Store(tmp_path / "db.sqlite")
    with store.transaction():
        record = InvitationRecord(person, Direction.INCOMING, datetime(2026, 1, 1, tzinfo=UTC))
        store.apply_invitation(record, ApplyCounts.empty())
    return store


def test_profile_url_is_percent_encoded_for_the_opener(tmp_path: Path) -> None:
    store = stored(tmp_path, PersonRef("Réka", "https://www.linkedin.com/in/réka-$(rm)`x`'\""))
    assert profile_url(store, 1) == (
        "https://www.linkedin.com/in/r%C3%A9ka-%24%28rm%29%60x%60%27%22"
    )
    assert profile_url(store, 99) is None
    store.close()


def test_draft_notice_title_is_one_clipped_line(tmp_path: Path) -> None:
    store = stored(tmp_path, PersonRef("Eve\nInjected\u202e" + "x" * 200, None))
    notice = draft_notice(store, 1, Settings())
    assert notice is not None
    assert "\n" not in notice.title and "\u202e" not in notice.title
    assert len(notice.title) <= 80
    store.close()


# --------------------------------------------------------------------------------------------
# An import's notices: counted with aggregates; merged across imports
# --------------------------------------------------------------------------------------------

MEET_FIRST_NOTE = "We have not met, but I'd love a coffee to talk about climate PR."
STOCK_NOTE = "I'd like to add you to my professional network on LinkedIn."


def import_people(store: Store, folder: Path, names: list[str], note: str = STOCK_NOTE) -> Imported:
    entries = [
        {
            "name": name,
            "profile_url": f"https://www.linkedin.com/in/{name.lower().replace(' ', '-')}",
            "note": note,
            "sent_at": f"2026-03-{index + 1:02d}T10:00:00+00:00",
        }
        for index, name in enumerate(names)
    ]
    path = folder / f"invitations-{names[0].replace(' ', '-')}.json"
    path.write_bytes(invitations_json(entries))
    outcome = pipeline.process(path, pipeline.Deps(store=store, settings=Settings()))
    assert isinstance(outcome, Imported), outcome
    return outcome


def test_import_notices_summary_counts_without_loading_every_invitation(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    outcome = import_people(store, tmp_path, [f"Person {i}" for i in range(8)])
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)

    (summary,) = import_notices(store, outcome.changes, Settings())

    assert summary.title.startswith("8 new invitations: ")
    assert summary.kind is NoticeKind.IMPORT
    assert "and 5 more" in summary.body  # three named, the rest counted
    assert set(summary.invitation_ids) == set(outcome.changes.new_invitation_ids)
    # the full invitation rows (with their findings) were never read
    assert not [s for s in statements if "i.reasons" in s or "SELECT i.*" in s]
    store.close()


def test_import_notices_within_the_budget_one_per_invitation(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    outcome = import_people(store, tmp_path, ["Ada Nwosu", "Bo Lind"], MEET_FIRST_NOTE)
    notices = import_notices(store, outcome.changes, Settings())
    assert sorted(n.title for n in notices) == ["Ada Nwosu — meet first", "Bo Lind — meet first"]
    store.close()


def test_merged_summary_recounts_what_several_imports_announced(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    first = import_people(store, tmp_path, ["Ada Nwosu", "Bo Lind"], MEET_FIRST_NOTE)
    second = import_people(store, tmp_path, ["Cy Twombly", "Di Prima", "Ed Ruscha"])
    notices = [
        *import_notices(store, first.changes, Settings()),
        *import_notices(store, second.changes, Settings()),
        settled_notice(2),
    ]
    with store.transaction():  # the user handled one meanwhile: no longer announced
        lifecycle.apply_event(
            store,
            first.changes.new_invitation_ids[0],
            LifecycleEvent.DECIDED_ACCEPT,
            "cli",
            datetime.now(UTC),
        )

    merged = merged_summary(store, notices, Settings())

    assert merged is not None
    assert merged.title == "4 new invitations: 1 meet first, 3 ignore"
    assert merged.settled == 2
    assert "2 meet-up requests seen in your messages were never answered" in merged.body
    store.close()
