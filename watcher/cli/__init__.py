"""The command line: thin commands over the same pipeline and store the daemon uses, the
rendering of invitations and reports, the demo, ``config check``.

The top of the house: nothing imports it (but ``watcher.__main__``).
"""
