"""System-test fixtures: a private D-Bus + Xvfb + dunst desktop, and a private systemd --user."""

from tests.support.desktop import desktop_session
from tests.support.systemd_user import systemd_user

__all__ = ["desktop_session", "systemd_user"]
