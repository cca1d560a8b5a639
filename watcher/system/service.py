"""Install, remove and inspect invite-watcher as a systemd user service.

The shipped unit carries ``@EXECSTART@``; installing writes a copy into the user's unit folder
with the absolute path of the ``invite-watcher`` executable in its place, then asks the user
manager (``systemctl --user``, always with an argument list, never a shell) to load and start it.
Every function takes the environment to work in, so a test can aim it at a private manager.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from watcher.config.shipped import shipped_path

UNIT = "invite-watcher.service"
PLACEHOLDER = "@EXECSTART@"
EXECUTABLE = "invite-watcher"
LOGS_COMMAND = "journalctl --user -u invite-watcher -f"
#: The exit status of a command (the daemon above all) that met a corrupt or empty database
#: file: EX_DATAERR from sysexits.h. The unit's RestartPreventExitStatus= names it, so systemd
#: does not restart a daemon that cannot work until the user moves the file aside.
UNUSABLE_DATABASE_EXIT = 65
#: Long enough for a start that waits for READY=1 (TimeoutStartSec=30 in the unit).
SYSTEMCTL_TIMEOUT = 90

NO_USER_MANAGER_HINT = (
    "a user systemd instance runs in a normal graphical or console login session; over ssh "
    "without one, or in a container, it is missing. Try `loginctl enable-linger $USER` and log "
    "in again, or run `invite-watcher run` in the foreground instead"
)


class ServiceError(Exception):
    """Installing, removing or querying failed; the message says why and what to do."""


@dataclass(frozen=True)
class _Told:
    """A result that is told to the user as lines of text."""

    #: what to tell the user, one line each
    messages: tuple[str, ...]

    @property
    def message(self) -> str:
        return "\n".join(self.messages)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class InstallResult(_Told):
    unit_path: Path
    executable: Path


@dataclass(frozen=True)
class UninstallResult(_Told):
    removed: bool


@dataclass(frozen=True)
class ServiceStatus:
    load_state: str
    active_state: str
    sub_state: str
    main_pid: int | None
    #: the daemon's own STATUS= line (what it watches, what waits), "" when it sent none
    status_text: str
    unit_path: Path
    #: how the daemon's last run ended (systemd's ExecMainStatus), None before any
    exit_status: int | None = None

    @property
    def installed(self) -> bool:
        return self.unit_path.is_file()

    def summary(self) -> str:
        if self.load_state == "not-found" and not self.installed:
            return "not installed (invite-watcher service install)"
        state = f"{self.active_state} ({self.sub_state})"
        pid = f", pid {self.main_pid}" if self.main_pid else ""
        status = f": {self.status_text}" if self.status_text else ""
        return state + pid + status + self._why_down()

    def _why_down(self) -> str:
        # The daemon says nothing over STATUS= when it cannot open its database; the status
        # it exited with is what tells, and systemd keeps it down on that one.
        if self.main_pid or self.exit_status != UNUSABLE_DATABASE_EXIT:
            return ""
        return (
            ": stopped because its database is corrupt or empty; the file, and the mv that "
            f"moves it aside, are in the log ({LOGS_COMMAND})"
        )

    def __str__(self) -> str:
        return self.summary()


# -- pure helpers -----------------------------------------------------------------------------


def user_unit_dir(environ: Mapping[str, str]) -> Path:
    """``$XDG_CONFIG_HOME/systemd/user``, where ``systemctl --user`` finds the user's own units."""
    config = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")) / ".config")
    return Path(config).expanduser() / "systemd" / "user"


def resolve_executable(
    argv0: str,
    python: str,
    which: Callable[[str], str | None] = shutil.which,
) -> Path:
    """The absolute path of the ``invite-watcher`` launcher that is running (or installed).

    Paths are made absolute but never resolved: a venv's ``bin/python`` is a symlink to the base
    interpreter, and following it would lose the venv (and with it our package).
    """
    candidates: list[str | None] = []
    if Path(argv0).name == EXECUTABLE:
        candidates.append(argv0 if os.sep in argv0 else which(argv0))
    # ``python -m watcher``: the launcher sits next to the venv's (or pipx venv's) interpreter.
    candidates.append(str(Path(python).parent / EXECUTABLE) if python else None)
    candidates.append(which(EXECUTABLE))
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return Path(os.path.abspath(candidate))
    raise ServiceError(
        f"cannot find the {EXECUTABLE} executable (looked next to {python or 'python'} and on "
        "PATH); install the package with pip or pipx, or pass the path explicitly"
    )


def exec_start_path(executable: Path) -> str:
    """The executable as one ExecStart= word: ``%`` escaped, quoted if needed.

    ``$`` stays as it is: systemd expands variables in the arguments, not in the command path.
    """
    text = str(executable)
    if "\n" in text or not executable.is_absolute():
        raise ServiceError(f"{text!r} cannot be used in a unit file: it must be an absolute path")
    text = text.replace("%", "%%")
    if any(char in text for char in " \t\"'\\;"):
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def render_unit(template: str, executable: Path) -> str:
    if PLACEHOLDER not in template:
        raise ServiceError(
            f"the shipped unit has no {PLACEHOLDER} placeholder; reinstall the package"
        )
    return template.replace(PLACEHOLDER, exec_start_path(executable))


def parse_show(text: str) -> dict[str, str]:
    """``systemctl show`` output (``Key=value`` lines) as a dict."""
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key: value for key, value in pairs}


# -- talking to the user manager ---------------------------------------------------------------


def _environment(environ: Mapping[str, str] | None) -> dict[str, str]:
    return dict(os.environ if environ is None else environ)


def _systemctl_binary(env: Mapping[str, str]) -> str:
    if not env.get("XDG_RUNTIME_DIR"):
        raise ServiceError(
            f"XDG_RUNTIME_DIR is not set, so there is no user manager to talk to: "
            f"{NO_USER_MANAGER_HINT}"
        )
    binary = shutil.which("systemctl", path=env.get("PATH"))
    if binary is None:
        raise ServiceError(
            "systemctl is not installed: this system does not run systemd, so "
            "run `invite-watcher run` from your session's autostart instead"
        )
    return binary


def _systemctl(
    env: Mapping[str, str], *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    command = [_systemctl_binary(env), "--user", "--no-pager", *args]
    try:
        done = subprocess.run(  # an argument list, never a shell
            command,
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=SYSTEMCTL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ServiceError(
            f"`systemctl --user {' '.join(args)}` did not answer within "
            f"{SYSTEMCTL_TIMEOUT}s; see {LOGS_COMMAND}"
        ) from None
    if "Failed to connect to bus" in done.stderr:
        raise ServiceError(
            f"cannot reach the user systemd instance ({done.stderr.strip()}): "
            f"{NO_USER_MANAGER_HINT}"
        )
    if check and done.returncode != 0:
        raise ServiceError(
            f"`systemctl --user {' '.join(args)}` failed: {done.stderr.strip()}; see {LOGS_COMMAND}"
        )
    return done


def _show(env: Mapping[str, str]) -> dict[str, str]:
    properties = "LoadState,ActiveState,SubState,MainPID,StatusText,ExecMainStatus"
    return parse_show(_systemctl(env, "show", "-p", properties, UNIT).stdout)


# -- the commands -----------------------------------------------------------------------------


def install(
    executable: Path | None = None, *, environ: Mapping[str, str] | None = None
) -> InstallResult:
    """Write the unit, reload the user manager, enable and start the service (or restart it)."""
    env = _environment(environ)
    _systemctl_binary(env)  # fail before writing anything when there is no manager
    program = executable or resolve_executable(sys.argv[0], sys.executable)
    unit_path = user_unit_dir(env) / UNIT
    text = render_unit(shipped_path(UNIT).read_text(encoding="utf-8"), program)
    previous = unit_path.read_text(encoding="utf-8") if unit_path.is_file() else None
    unit_path.parent.mkdir(parents=True, exist_ok=True)
    unit_path.write_text(text, encoding="utf-8")
    _systemctl(env, "daemon-reload")
    if previous is not None and previous != text:
        _systemctl(env, "try-restart", UNIT)  # a running old version picks up the new unit
    _systemctl(env, "enable", "--now", UNIT)
    return InstallResult(_install_messages(unit_path, program), unit_path, program)


def _install_messages(unit_path: Path, program: Path) -> tuple[str, ...]:
    return (
        f"Installed {unit_path} (runs {program} run).",
        "The service is enabled and running; it starts with your session.",
        f"Follow its logs:  {LOGS_COMMAND}",
        "See what it is doing:  invite-watcher service status",
        "Keep it running while you are logged out:  loginctl enable-linger",
    )


def uninstall(*, environ: Mapping[str, str] | None = None) -> UninstallResult:
    """Stop and disable the service and remove its unit; safe to run when nothing is installed."""
    env = _environment(environ)
    unit_path = user_unit_dir(env) / UNIT
    loaded = _show(env).get("LoadState", "not-found") != "not-found"
    if loaded:
        # Neither fails the uninstall: a unit already stopped or disabled is what we want.
        _systemctl(env, "disable", "--now", UNIT, check=False)
    removed = unit_path.is_file()
    unit_path.unlink(missing_ok=True)
    _systemctl(env, "daemon-reload")
    _systemctl(env, "reset-failed", UNIT, check=False)
    return UninstallResult(_uninstall_messages(unit_path, removed, loaded), removed)


def _uninstall_messages(unit_path: Path, removed: bool, loaded: bool) -> tuple[str, ...]:
    if not (removed or loaded):
        return ("The service was not installed; nothing to do.",)
    messages = ["Stopped and disabled invite-watcher.service."]
    if removed:
        messages.append(f"Removed {unit_path}.")
    drop_ins = unit_path.with_name(UNIT + ".d")
    if drop_ins.is_dir():
        messages.append(
            f"Kept your own overrides in {drop_ins}; delete them if you no longer want them."
        )
    return tuple(messages)


def status(*, environ: Mapping[str, str] | None = None) -> ServiceStatus:
    """The unit's state as the user manager sees it, and the daemon's own STATUS text."""
    env = _environment(environ)
    shown = _show(env)
    pid = int(shown.get("MainPID", "0") or "0")
    return ServiceStatus(
        load_state=shown.get("LoadState", "not-found"),
        active_state=shown.get("ActiveState", "inactive"),
        sub_state=shown.get("SubState", "dead"),
        main_pid=pid or None,
        status_text=shown.get("StatusText", ""),
        unit_path=user_unit_dir(env) / UNIT,
        exit_status=_number(shown.get("ExecMainStatus", "")),
    )


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None
