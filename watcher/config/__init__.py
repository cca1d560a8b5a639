"""Configuration: the settings models, layered loading (shipped file, user file, environment),
durations such as ``90s``/``3d``, and where the shipped files live.

May import ``watcher.core`` and ``watcher.models``; nothing above. Reading the files is the only
I/O here; the models themselves validate and normalise.
"""
