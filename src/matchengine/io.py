"""Reading instances and writing results as JSON files."""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring as _quote
from pathlib import Path
from typing import Any

from .problem import InvalidInstance, Problem
from .result import Pair, Result, Unmatched
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
    """Stable JSON text of a result: same instance, same text (apart from elapsed_s).

    The text is exactly ``json.dumps(result_to_dict(result), indent=1,
    ensure_ascii=False)`` plus a newline, written by templates: the standard encoder walks
    indented output in pure Python, a tenth of a second per 10,000 pairs."""
    lines = [
        _items("pairs", [_pair_text(p) for p in result.pairs]),
        _items("unmatched", [_unmatched_text(u) for u in result.unmatched]),
        f' "matched": {_value(result.matched)}',
        f' "total_score": {_value(result.total_score)}',
        f' "optimal": {_value(result.optimal)}',
        f' "solver": {_value(result.solver)}',
        f' "elapsed_s": {_value(result.elapsed_s)}',
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _value(x: Any) -> str:
    if type(x) is float and math.isfinite(x):
        return float.__repr__(x)
    if type(x) is str:
        return _quote(x)
    return json.dumps(x)


def _items(key: str, texts: list[str]) -> str:
    if not texts:
        return f' "{key}": []'
    return f' "{key}": [\n' + ",\n".join(texts) + "\n ]"


def _pair_text(p: Pair) -> str:
    terms = ",\n    ".join([f"{_quote(k)}: {_value(v)}" for k, v in p.explanation.items()])
    terms = f"{{\n    {terms}\n   }}" if terms else "{}"
    skills = ",\n    ".join(map(_quote, p.covered_skills))
    skills = f"[\n    {skills}\n   ]" if skills else "[]"
    return (
        f'  {{\n   "mentee": {_quote(p.mentee)},\n   "mentor": {_quote(p.mentor)},\n'
        f'   "score": {_value(p.score)},\n   "explanation": {terms},\n'
        f'   "covered_skills": {skills}\n  }}'
    )


def _unmatched_text(u: Unmatched) -> str:
    return (
        f'  {{\n   "mentee": {_quote(u.mentee)},\n   "code": {_quote(u.code)},\n'
        f'   "reason": {_quote(u.reason)}\n  }}'
    )
