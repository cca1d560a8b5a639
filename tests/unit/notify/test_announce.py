from datetime import UTC, datetime
from pathlib import Path

from watcher.config.settings import Settings
from watcher.models import Direction, InvitationRecord, PersonRef
from watcher.notify.announce import draft_notice, profile_url
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
