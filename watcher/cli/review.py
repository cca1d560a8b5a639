"""``invite-watcher review``: the waiting invitations on one screen, one key per step.

The list holds the incoming invitations still waiting on the user (newest first); beside it the
selected one's report (verdict, every rule that fired and its evidence) and its draft. Each key
calls the function its command calls (``watcher.cli.actions``): ``a`` is ``decide ID accept``,
``m`` is ``sent ID``, ``c`` is ``draft ID --copy``. Only this module imports Textual, and only
the ``review`` command imports this module, so the daemon never loads it.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from watcher.cli import actions, render
from watcher.cli.common import UserError
from watcher.config.settings import Settings
from watcher.models import Direction, Status
from watcher.store import Store, StoredInvitation
from watcher.store.listing import Criteria, TableRow

#: what still waits on the user: not yet decided, whatever the meet-up request's state
WAITING = (Status.PENDING, Status.MEET_REQUESTED, Status.REPLIED, Status.UNANSWERED)
#: every lifecycle step the review records says so in its cause ("review: sent")
VIA = "review"


def waiting(store: Store) -> list[TableRow]:
    """The incoming invitations still waiting on the user, newest first: filtered in SQL, as
    the table's light rows (the one selected is read in full when shown)."""
    return list(store.table_rows(Criteria(direction=Direction.INCOMING, statuses=WAITING)))


class ReviewApp(App[None]):
    """The triage screen over one open store."""

    TITLE = "invite-watcher review"
    CSS = """
    #invitations { width: 45%; }
    #detail { width: 55%; padding: 0 1; }
    #draft { margin-top: 1; border-top: solid $accent; }
    #status { height: 1; background: $boost; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept"),
        Binding("i", "ignore", "Ignore"),
        Binding("m", "meet", "Meet first: sent"),
        Binding("r", "replied", "They replied"),
        Binding("c", "copy", "Copy draft"),
        Binding("o", "open", "Open profile"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        open_url: Callable[[str], bool] = webbrowser.open,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.opener = open_url
        self.rows: list[TableRow] = []

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield DataTable(id="invitations", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail"):
                yield Static(id="report", markup=False)
                yield Static(id="draft", markup=False)
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#invitations", DataTable)
        table.add_columns("id", "sent", "name", "verdict", "status")
        self.reload()
        table.focus()

    # -- what is shown ----------------------------------------------------------------------

    @property
    def selected(self) -> TableRow | None:
        table = self.query_one("#invitations", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def selected_invitation(self) -> StoredInvitation | None:
        """The selected invitation in full (findings and all), read from the store now."""
        found = self.selected
        return None if found is None else self.store.invitation(found.id)

    def reload(self, keep: int | None = None) -> None:
        """Read the waiting invitations again; select ``keep`` if it still waits, else the row
        at the cursor's place (the next one, after the selected one was decided)."""
        table = self.query_one("#invitations", DataTable)
        place = table.cursor_row
        self.rows = waiting(self.store)
        table.clear()
        for row in self.rows:
            table.add_row(*_cells(row), key=str(row.id))
        ids = [row.id for row in self.rows]
        if keep in ids:
            place = ids.index(keep)
        if self.rows:
            table.move_cursor(row=min(max(place, 0), len(self.rows) - 1))
        self.show_selected()

    def show_selected(self) -> None:
        found = self.selected_invitation()
        report = self.query_one("#report", Static)
        draft = self.query_one("#draft", Static)
        if found is None:
            report.update("Nothing is waiting: every incoming invitation is decided.")
            draft.update("")
            return
        transitions = self.store.transitions(found.id)
        changes = self.store.verdict_changes(found.id)
        report.update(render.report(found, transitions, changes))
        try:
            text = actions.draft(self.store, found, self.settings)
            draft.update(Text(f"Draft (c copies it)\n\n{text}"))
        except actions.NoDraft as refused:
            draft.update(Text(str(refused)))

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_selected()

    def say(self, line: str) -> None:
        self.query_one("#status", Static).update(Text(line))

    # -- the keys ---------------------------------------------------------------------------

    def _step(self, step: Callable[[int], Status]) -> None:
        """One lifecycle step on the selected invitation, told on the status line."""
        found = self.selected
        if found is None:
            self.say("nothing selected")
            return
        try:
            status = step(found.id)
        except UserError as error:
            self.say(str(error))
            return
        self.say(f"invitation {found.id} ({render.plain(found.name)}): {status.value}")
        self.reload(keep=found.id)

    def action_accept(self) -> None:
        self._step(lambda i: actions.decide(self.store, i, "accept", via=VIA))

    def action_ignore(self) -> None:
        self._step(lambda i: actions.decide(self.store, i, "ignore", via=VIA))

    def action_meet(self) -> None:
        self._step(lambda i: actions.mark_sent(self.store, i, via=VIA))

    def action_replied(self) -> None:
        self._step(lambda i: actions.mark_replied(self.store, i, via=VIA))

    def action_copy(self) -> None:
        found = self.selected_invitation()
        if found is None:
            self.say("nothing selected")
            return
        try:
            actions.copy(actions.draft(self.store, found, self.settings))
        except UserError as error:
            # the first line: a refusal's reasons are in the draft pane already
            self.say(str(error).splitlines()[0].removesuffix(":"))
            return
        self.say(f"copied the draft for {found.id} to the clipboard")

    def action_open(self) -> None:
        found = self.selected
        if found is None:
            self.say("nothing selected")
            return
        try:
            self.say(actions.open_profile(self.store, found.id, self.opener))
        except UserError as error:
            self.say(str(error))

    def action_down(self) -> None:
        self.query_one("#invitations", DataTable).action_cursor_down()

    def action_up(self) -> None:
        self.query_one("#invitations", DataTable).action_cursor_up()


def _cells(row: TableRow) -> tuple[Text, ...]:
    """A row's cells as Text: a name from an export is never read as markup."""
    return (
        Text(str(row.id)),
        Text(f"{row.sent_at:%Y-%m-%d}"),
        Text(render.plain(row.name)),
        Text(row.verdict.value if row.verdict else "-"),
        Text(row.status.value),
    )


def run_review(store: Store, settings: Settings) -> None:
    ReviewApp(store, settings).run()
