"""``invite-watcher config init|show|check``: write, print, validate the configuration."""

from __future__ import annotations

import typer

from watcher.cli import render
from watcher.cli.check import check_settings
from watcher.cli.common import fail, options_of, out
from watcher.config.settings import ConfigError, shipped_config_path, user_config_path

config_app = typer.Typer(no_args_is_help=True, help="Write, print or validate the configuration.")


@config_app.command("init")
def config_init(ctx: typer.Context) -> None:
    """Write a commented starter configuration (never overwrites an existing one)."""

    target = options_of(ctx).config or user_config_path()
    if target.exists():
        fail(f"{target} already exists; edit it, or remove it first to start over")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render.starter_config(shipped_config_path().read_text(encoding="utf-8")))
    out.print(f"wrote {target}")


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
    warnings = check_settings(settings)
    for warning in warnings:
        print(f"warning: {warning}")
    out.print("configuration is valid" + (" (with warnings)" if warnings else ""))
