"""Reading instances and writing results as JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .problem import InvalidInstance, Problem
from .result import Result, result_to_dict
from .validation import load_instance


def read_instance(path: str | Path) -> Problem:
    """Load and validate an instance file; unreadable files and bad JSON raise
    :class:`InvalidInstance` too, so callers handle one error type."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInstance(f"{path}: cannot read the file ({exc})", item=str(path)) from exc
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInstance(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            item=str(path),
        ) from exc
    return load_instance(data)


def result_to_json(result: Result) -> str:
    """Stable JSON text of a result: same instance, same text (apart from elapsed_s)."""
    return json.dumps(result_to_dict(result), indent=1, ensure_ascii=False) + "\n"
