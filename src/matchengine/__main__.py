"""Command line: ``python -m matchengine solve INSTANCE.json [-o RESULT.json]``."""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import sys
from pathlib import Path

from .io import read_instance, result_to_json
from .problem import InvalidInstance
from .solve import solve

# Thread-count setters of the OpenBLAS builds numpy ships or links (64-bit and plain).
_BLAS_THREAD_SETTERS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def _one_blas_thread() -> bool:
    """Run the loaded OpenBLAS on one thread, unless OPENBLAS_NUM_THREADS says otherwise.

    The engine's products are row tiles of a few hundred rows by a hundred-odd columns: a
    second BLAS thread costs more in hand-offs than it saves (a scan of 10,000 x 5,000 pairs
    took 0.2 s on one thread and 0.4 s on two on a 2-core machine, and several times more
    when other processes share the cores). Results do not depend on it (the scores are exact
    integers whatever the kernel). Best effort: returns False where no OpenBLAS is found.
    Only the command line does this; a program calling ``solve`` keeps its own setting."""
    if "OPENBLAS_NUM_THREADS" in os.environ:
        return False
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return False
    for path in sorted(p for p in paths if p.startswith("/")):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_THREAD_SETTERS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matchengine")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("solve", help="solve an instance and write the result as JSON")
    run.add_argument("instance", help="instance JSON file (see docs/matchengine.md)")
    run.add_argument("-o", "--output", help="result file (default: standard output)")
    run.add_argument("--top-k", type=int, default=None, help="candidates per person")
    args = parser.parse_args(argv)
    _one_blas_thread()
    # Reading builds a dict, a list and a dataclass or two per person, all kept until the
    # end: the cyclic garbage collector would walk them again and again while they are made
    # (a fifth of the read time at 15,000 people) and at every later full collection. It
    # is off while reading, and what was read is frozen out of later collections.
    gc.disable()
    try:
        problem = read_instance(args.instance)
    except InvalidInstance as exc:
        print(f"invalid instance: {exc}", file=sys.stderr)
        return 2
    finally:
        gc.freeze()
        gc.enable()
    text = result_to_json(solve(problem, top_k=args.top_k))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
