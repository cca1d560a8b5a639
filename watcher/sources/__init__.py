"""Input formats: the registry (``registry.recognise``) and one reader per format, each a pure
``sniff(name, head)`` and a ``read(path, limits)`` generator of records; ``sources/linkedin/`` holds
LinkedIn's data archive, its loose CSV files and captures of the invitation manager page.

May import ``watcher.models``, ``watcher.core`` and ``watcher.config``; never the store, the rules
or the daemon. A reader streams: it never loads a whole archive in memory.
"""
