"""The drop folder's rules: which files to ignore, when a file is complete (``tracker``, pure, takes
a clock), and the file I/O around it (fingerprint, readability, head bytes, content hash).

May import ``watcher.models``, ``watcher.core`` and ``watcher.config``; it knows nothing of formats,
the store or the daemon.
"""
