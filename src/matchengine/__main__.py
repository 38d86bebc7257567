"""Command line: ``python -m matchengine solve INSTANCE.json [-o RESULT.json]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .io import read_instance, result_to_json
from .problem import InvalidInstance
from .solve import solve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matchengine")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("solve", help="solve an instance and write the result as JSON")
    run.add_argument("instance", help="instance JSON file (see docs/matchengine.md)")
    run.add_argument("-o", "--output", help="result file (default: standard output)")
    run.add_argument("--top-k", type=int, default=None, help="candidates per person")
    args = parser.parse_args(argv)
    try:
        problem = read_instance(args.instance)
    except InvalidInstance as exc:
        print(f"invalid instance: {exc}", file=sys.stderr)
        return 2
    text = result_to_json(solve(problem, top_k=args.top_k))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
