"""``invite-watcher config init|show|check``: write, print, validate the configuration."""

# Real annotations, not strings: see watcher/cli/app.py.

from datetime import date

import typer

from watcher.cli import render
from watcher.cli.common import fail, open_store, options_of, out
from watcher.config.settings import ConfigError, Settings, shipped_config_path, user_config_path
from watcher.models import Position
from watcher.store import StoreError

# The interest proposals and TOML writing are imported by the commands that use them:
# this module is loaded by every command (its commands are registered at each start).

config_app = typer.Typer(no_args_is_help=True, help="Write, print or validate the configuration.")


@config_app.command("init")
def config_init(ctx: typer.Context) -> None:
    """Write a commented starter configuration (never overwrites an existing one)."""

    target = options_of(ctx).config or user_config_path()
    if target.exists():
        fail(f"{target} already exists; edit it, or remove it first to start over")
    target.parent.mkdir(parents=True, exist_ok=True)
    starter = render.starter_config(shipped_config_path().read_text(encoding="utf-8"))
    proposed = _proposed_interests(options_of(ctx).settings())
    target.write_text(_with_proposal(starter, proposed))
    out.print(f"wrote {target}")
    if proposed:
        out.print(f"proposed interests from your profile (commented): {', '.join(proposed)}")


def _proposed_interests(settings: Settings) -> list[str]:
    """Fields the owner's headline and positions name, when a database already holds them."""
    from watcher.judge.interest_proposals import propose_interests  # noqa: PLC0415

    path = settings.storage.database_path()
    if not path.is_file():
        return []  # nothing imported yet: opening the store would create an empty database
    try:
        with open_store(settings) as store:
            profile = store.owner_profile()
            positions = [p for p in store.snapshot("positions") if isinstance(p, Position)]
    except StoreError:
        return []  # a database this version cannot read: the starter file is still worth writing
    positions.sort(key=lambda p: (p.current, p.started or date.min), reverse=True)
    return propose_interests(profile.headline if profile else "", [p.title for p in positions])


def _with_proposal(starter: str, proposed: list[str]) -> str:
    """The starter file with the proposal under the commented ``interests`` line of [you]."""
    if not proposed:
        return starter
    import tomli_w  # noqa: PLC0415

    written = tomli_w.dumps({"interests": proposed}).splitlines()
    proposal = [
        "# Proposed from your LinkedIn headline and positions: uncomment to keep, edit freely",
        '# (a term may list its translations: {term = "...", also = ["...", "..."]}).',
        *(f"# {line}" for line in written),
    ]
    lines = starter.splitlines()
    at = lines.index("# interests = []") + 1
    return "\n".join([*lines[:at], *proposal, *lines[at:]]) + "\n"


@config_app.command("show")
def config_show(ctx: typer.Context) -> None:
    """Print the effective configuration (defaults, your file, the environment) as TOML."""
    settings = options_of(ctx).settings()
    print(render.settings_toml(settings), end="")


@config_app.command("check")
def config_check(ctx: typer.Context) -> None:
    """Validate the configuration: each problem as FILE: section.key: what is wrong."""

    options = options_of(ctx)
    try:
        settings = options.settings()
    except ConfigError as error:
        for problem in error.problems:
            print(problem)
        raise typer.Exit(1) from None
    from watcher.cli.check import check_settings  # noqa: PLC0415  (the rules: check only)

    warnings = check_settings(settings)
    for warning in warnings:
        print(f"warning: {warning}")
    out.print("configuration is valid" + (" (with warnings)" if warnings else ""))
