"""The command line: parses, calls, prints. The names and ``--json`` fields are a contract.

Modules a command alone needs (the pipeline and its readers, the daemon, the reminder plan)
are imported inside that command: every run of ``list`` or ``show`` would otherwise pay for
loading them (half a second), far more than the query itself.
"""

# No ``from __future__ import annotations`` in the modules that define commands: typer reads
# every command's signature at each start, and string annotations made it evaluate ~130 of
# them twice (~35 M instructions, 3% of ``show``; tests/unit/cli/test_signatures.py).

import json
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from watcher import __version__
from watcher.cli import list_command, render
from watcher.cli.bookmarklet_command import bookmarklet
from watcher.cli.common import (
    Options,
    UserError,
    err,
    fail,
    now_utc,
    open_store,
    options_of,
    out,
    stored_invitation,
)
from watcher.cli.config_commands import config_app
from watcher.cli.help import flags_without_types
from watcher.cli.service_commands import service_app
from watcher.config.drafting import Tone
from watcher.config.settings import (
    ConfigError,
)
from watcher.models import Failed, Imported, ImportOutcome, Status
from watcher.store import StoreError
from watcher.store.faults import CorruptDatabase, is_busy
from watcher.store.listing import Tally
from watcher.store.reading import Reading

if TYPE_CHECKING:  # loaded by the commands that write (open_store), not by list or show
    from watcher.store import Store

flags_without_types()
app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Judge LinkedIn connection requests from strangers, and meet first.",
)
app.add_typer(config_app, name="config")
app.add_typer(service_app, name="service")
app.command("bookmarklet")(bookmarklet)
app.command("list")(list_command.list_)
app.command("show")(list_command.show)


def _version(value: bool) -> None:
    if value:
        print(f"invite-watcher {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[
        Path | None, typer.Option("--config", help="Configuration file instead of the user's.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debug detail.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    ctx.obj = Options(config=config, verbose=verbose)
    if ctx.invoked_subcommand not in _NOTHING_TO_LOG:
        from watcher.system import logs  # noqa: PLC0415

        logs.setup(verbose=verbose)


#: Commands that log nothing: they read the database and print. Loading loguru to configure a
#: sink they never write to was ~70 M instructions of a ~1,300 M start-up (callgrind).
_NOTHING_TO_LOG = frozenset({"list", "show"})


# --------------------------------------------------------------------------------------------
# import, list, show
# --------------------------------------------------------------------------------------------


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Exported files: ZIP, CSV, JSON, VCF, ICS.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
) -> None:
    """Import files through the same pipeline as the daemon. Exit 1 if a recognised file failed.

    Progress goes to stderr: a bar on a terminal, else a line per archive member (and one
    every few seconds); none with --json.
    """
    from watcher import pipeline  # noqa: PLC0415 (the readers: import alone needs them)
    from watcher.cli.import_summary import summary_line  # noqa: PLC0415
    from watcher.cli.progress import import_progress, stderr_console  # noqa: PLC0415

    settings = options_of(ctx).settings()
    outcomes: list[ImportOutcome] = []
    console = stderr_console()
    with open_store(settings) as store:
        for path in paths:
            with import_progress(path.name, console, quiet=as_json) as display:
                deps = pipeline.Deps(
                    store=store,
                    settings=settings,
                    progress=display.reading if display else None,
                    judging=display.judging if display else None,
                )
                outcome = pipeline.process(path, deps, follow_symlinks=True, dry_run=dry_run)
            outcomes.append(outcome)
            if not as_json:
                fresh = _fresh(store, outcome) if not dry_run else {}
                out.print(summary_line(outcome, fresh, dry_run=dry_run))
                if isinstance(outcome, Imported):  # another owner's archive, judging left…
                    for warning in outcome.changes.warnings:
                        err.print(f"{path.name}: {warning}")
    if as_json:
        print(json.dumps([o.model_dump(mode="json") for o in outcomes], indent=2))
    if any(isinstance(o, Failed) for o in outcomes):
        raise typer.Exit(1)


def _fresh(store: Reading, outcome: ImportOutcome) -> Tally:
    """The file's new invitations counted by direction, status and verdict (both directions),
    for the summary's words: one aggregate query, however many there are."""
    if not isinstance(outcome, Imported) or not outcome.changes.new_invitation_ids:
        return {}
    return store.fresh_tally(outcome.changes.new_invitation_ids)


# --------------------------------------------------------------------------------------------
# meet first: draft, sent, replied, decide, reminders
# --------------------------------------------------------------------------------------------


# The meet-first commands import ``actions`` when they run: it brings the lifecycle, the
# drafts and the clipboard along, which ``list`` and ``show`` never need.


@app.command()
def draft(
    ctx: typer.Context,
    invitation_id: Annotated[int, typer.Argument(metavar="ID")],
    tone: Annotated[
        Tone | None, typer.Option(help="How to propose to meet (default: meetup.tone).")
    ] = None,
    anyway: Annotated[
        bool, typer.Option("--anyway", help="Draft even for an invitation judged ignore.")
    ] = False,
    copy: Annotated[bool, typer.Option("--copy", help="Also put it on the clipboard.")] = False,
) -> None:
    """Print the meet-up message for this invitation, answering its note.

    An invitation judged ignore gets no draft (exit 1, with the reasons) unless --anyway.
    """
    from watcher.cli import actions  # noqa: PLC0415

    settings = options_of(ctx).settings()
    with open_store(settings) as store:
        found = stored_invitation(store, invitation_id)
        text = actions.draft(store, found, settings, tone=tone, anyway=anyway)
    print(text)
    if copy:
        actions.copy(text)
        err.print("copied to the clipboard")


def _lifecycle(invitation_id: int, step: Callable[["Store"], Status], ctx: typer.Context) -> None:
    """Run one lifecycle step (``watcher.cli.actions``) and say where the invitation stands."""
    settings = options_of(ctx).settings()
    with open_store(settings) as store:
        status = step(store)
    out.print(f"invitation {invitation_id}: {status.value}")


def _parse_time(text: str) -> datetime:
    from watcher.sources.dates import parse_datetime  # noqa: PLC0415

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        parsed = parse_datetime(text)
        if parsed is None:
            fail(f"--at: cannot read {text!r} as a time; write it like 2026-11-25T09:30", code=2)
        return parsed
    return moment if moment.tzinfo else moment.astimezone()


@app.command()
def sent(
    ctx: typer.Context,
    invitation_id: Annotated[int, typer.Argument(metavar="ID")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="When it was sent (default: now); not in the future, not before the invitation.",
        ),
    ] = None,
) -> None:
    """The meet-up request was sent: reminders are planned while it goes unanswered.

    With --at, also what that means for the reminders: the next one, or those that fell due
    already (a time long past may mean the meet-up is given up at once).
    """
    from watcher.cli import actions  # noqa: PLC0415
    from watcher.followup.plan import plan_reminders  # noqa: PLC0415
    from watcher.system.localtime import local_zone  # noqa: PLC0415

    when = _parse_time(at) if at else None
    settings = options_of(ctx).settings()
    with open_store(settings) as store:
        status = actions.mark_sent(store, invitation_id, at=when)
        meetup = store.meetup(invitation_id)
    out.print(f"invitation {invitation_id}: {status.value}")
    if when is None or meetup is None:
        return
    zone = local_zone()
    meet = settings.meetup
    plan = plan_reminders(
        meetup, meet.remind_after, meet.give_up_after, settings.notifications.quiet(), zone
    )
    if line := render.sent_plan_line(plan, now_utc(), zone):
        out.print(line)


@app.command()
def replied(
    ctx: typer.Context, invitation_id: Annotated[int, typer.Argument(metavar="ID")]
) -> None:
    """The inviter answered the meet-up request: reminders stop."""
    from watcher.cli import actions  # noqa: PLC0415

    _lifecycle(invitation_id, lambda store: actions.mark_replied(store, invitation_id), ctx)


@app.command()
def decide(
    ctx: typer.Context,
    invitation_id: Annotated[int, typer.Argument(metavar="ID")],
    decision: Annotated[str, typer.Argument(metavar="accept|ignore")],
) -> None:
    """Record your final decision on an invitation."""
    from watcher.cli import actions  # noqa: PLC0415

    if decision not in actions.DECISIONS:
        fail(f"decide takes accept or ignore (got {decision!r})", code=2)
    _lifecycle(invitation_id, lambda store: actions.decide(store, invitation_id, decision), ctx)


@app.command("reminders")
def reminders_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, one object each.")] = False,
) -> None:
    """Pending meet-up reminders with their due times."""
    from watcher.followup.reminders import pending_reminders  # noqa: PLC0415
    from watcher.system.localtime import local_zone  # noqa: PLC0415

    settings = options_of(ctx).settings()
    zone = local_zone()
    with open_store(settings) as store:
        due = pending_reminders(store, settings, now_utc(), zone)
    if as_json:
        print(json.dumps([render.reminder_json(r) for r in due], indent=2, ensure_ascii=False))
        return
    if not due:
        out.print("No reminders pending.")
    for reminder in due:
        out.print(render.reminder_line(reminder, zone))


@app.command()
def review(ctx: typer.Context) -> None:
    """Work through the waiting invitations in the terminal: a accept, i ignore, m meet first
    (request sent), r they replied, c copy the draft, o open the profile, q quit."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail("review needs a terminal; `invite-watcher list` works without one")
    # Textual is imported here only: the daemon and the other commands never load it.
    from watcher.cli.review import run_review  # noqa: PLC0415

    settings = options_of(ctx).settings()
    with open_store(settings) as store:
        run_review(store, settings)


# --------------------------------------------------------------------------------------------
# the daemon, the demo, the service
# --------------------------------------------------------------------------------------------


@app.command()
def run(
    ctx: typer.Context,
    folder: Annotated[
        list[Path] | None, typer.Option("--folder", help="Watch this folder (repeatable).")
    ] = None,
) -> None:
    """The daemon, in the foreground (what the systemd unit starts)."""

    from watcher.daemon import root as daemon  # noqa: PLC0415

    options = options_of(ctx)
    options.settings()  # fail early, before anything starts, on a bad configuration
    raise typer.Exit(daemon.run(options.settings, folders=folder))


@app.command()
def demo(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Option(
            help="Only drop the sample export into this folder, for a daemon you run "
            "(its database then holds the sample people and owner)."
        ),
    ] = None,
    seconds: Annotated[
        float, typer.Option("--seconds", help="How long the throwaway demo runs.", min=1)
    ] = 60,
) -> None:
    """See the whole flow on made-up people, in a throwaway profile: its own database and
    folder, watched by a daemon started here for a while; your data is never touched."""
    from watcher.cli.demo import write_demo  # noqa: PLC0415
    from watcher.cli.demo_run import run_demo  # noqa: PLC0415

    settings = options_of(ctx).settings()
    if folder is not None:
        if not folder.is_dir():
            fail(f"{folder} is not a folder")
        written = write_demo(folder, now_utc())
        out.print(f"wrote {written}; the daemon watching it picks it up within seconds")
        return
    judged = run_demo(settings, seconds, out.print)
    for invitation in judged:
        verdict = invitation.verdict.value if invitation.verdict else "-"
        out.print(f"  {render.plain(invitation.name)}: {verdict}")
    out.print("demo over: its throwaway profile is gone; your data was not touched")


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Console entry point: known problems become one line on stderr, never a traceback.

    A corrupt or empty database exits with ``UNUSABLE_DATABASE_EXIT``, which the systemd unit
    does not restart on: the daemon cannot work until the user moves the file aside."""
    try:
        app(args=argv, prog_name="invite-watcher")
    except UserError as error:
        err.print(f"invite-watcher: {error}")
        sys.exit(error.code)
    except ConfigError as error:
        for problem in error.problems:
            err.print(problem)
        sys.exit(1)
    except CorruptDatabase as error:
        # the unit's module, imported for its exit status here only: not every command's start
        from watcher.system.service import UNUSABLE_DATABASE_EXIT  # noqa: PLC0415

        err.print(f"invite-watcher: {error}")
        sys.exit(UNUSABLE_DATABASE_EXIT)
    except StoreError as error:  # also DatabaseBusy (waited too long) and DiskFull
        err.print(f"invite-watcher: {error}")
        sys.exit(1)
    except sqlite3.Error as error:  # one the store has no name for
        advice = "; try again in a moment" if is_busy(error) else ""
        err.print(f"invite-watcher: the database: {error}{advice}")
        sys.exit(1)
