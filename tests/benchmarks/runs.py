"""What the archive benchmarks share: their ``--shape``, ``--size`` and ``--keep`` options, and
the archives they run over, written once and re-used with ``--keep``."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.archive_shapes import (
    SHAPES,
    SIZES,
    Sizes,
    archive_path,
    sizes_of,
    write_archive,
)

#: The project's root: where a child runs, as the benchmarks themselves do.
ROOT = Path(__file__).resolve().parents[2]


def add_archive_options(
    parser: argparse.ArgumentParser,
    *,
    sizes: Sequence[float] = SIZES,
    shapes: Sequence[str] = SHAPES,
) -> None:
    """``--shape`` (when there is a choice of ``shapes``), ``--size`` (``sizes`` by default)
    and ``--keep``."""
    if len(shapes) > 1:
        parser.add_argument("--shape", choices=(*shapes, "all"), default="all")
    parser.add_argument(
        "--size",
        type=float,
        action="append",
        help=f"scale, 1 = issue 12's size; repeatable (default: {', '.join(map(str, sizes))})",
    )
    parser.add_argument("--keep", type=Path, help="write the archives here, keep and re-use them")
    parser.set_defaults(run_shapes=tuple(shapes), run_sizes=tuple(sizes))


@dataclass(frozen=True)
class Run:
    """One shape at one scale: where its archive goes (``folder``: ``--keep``'s, else the
    scratch folder) and a scratch folder that lasts the whole benchmark."""

    shape: str
    scale: float
    folder: Path
    scratch: Path


def runs(args: argparse.Namespace, prefix: str) -> Iterator[Run]:
    """Every shape and size the options ask for, in a scratch folder named ``prefix``…"""
    chosen = getattr(args, "shape", "all")
    shapes = args.run_shapes if chosen == "all" else (chosen,)
    with tempfile.TemporaryDirectory(prefix=prefix) as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for shape in shapes:
            for scale in args.size or args.run_sizes:
                yield Run(shape, scale, folder, Path(scratch))


def ready_archive(folder: Path, shape: str, scale: float) -> tuple[Path, Sizes]:
    """The archive of ``shape`` at ``scale`` in ``folder``, written unless it is there (then it
    is re-used as is: delete it after changing the generator); its row counts."""
    archive = archive_path(folder, shape, scale)
    if archive.exists():
        return archive, sizes_of(shape, scale)
    return archive, write_archive(shape, scale, archive)


def measured_in_child(
    script: str, *args: str, what: str, show_stderr: bool = False
) -> dict[str, object]:
    """What ``python -c script args…`` measured, in a fresh interpreter (its RSS and CPU are
    the measured work's alone): the last line it prints, as JSON. Its stderr is printed when
    ``show_stderr`` (a profile); a failure ends the benchmark with it, naming ``what`` ran."""
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{what} subprocess failed:\n{result.stderr}")
    if show_stderr:
        print(result.stderr, flush=True)
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
