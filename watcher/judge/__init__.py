"""The rules: the rulebook, rules by family (note, history, value, follow-up), phrase classes,
welcome/block lists, and ``gather``, the one edge that reads what the rules need from the store
and saves what they decided.

Everything but ``gather`` is pure (``watcher.models``, ``watcher.core``, ``watcher.config``);
``gather`` may also use ``watcher.store``.
"""
