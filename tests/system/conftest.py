"""System-test fixtures: a private D-Bus + Xvfb + dunst desktop, a private systemd --user, and
the daemon as a subprocess."""

from tests.support.daemon import daemon_factory
from tests.support.desktop import desktop_session, desktop_without_server
from tests.support.systemd_user import systemd_user

__all__ = ["daemon_factory", "desktop_session", "desktop_without_server", "systemd_user"]
