"""The CLI round trip and the package's independence from Django."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from matchengine.testing import random_instance

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-m", "matchengine", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_cli_solve_round_trip(tmp_path):
    (tmp_path / "inst.json").write_text(json.dumps(random_instance(40, 20, seed=4)))
    done = _run("solve", "inst.json", "-o", "out.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "out.json").read_text())
    assert result["matched"] + len(result["unmatched"]) == 40
    assert result["optimal"] is True
    stdout = _run("solve", "inst.json", cwd=tmp_path)
    assert stdout.returncode == 0
    again = json.loads(stdout.stdout)
    again.pop("elapsed_s"), result.pop("elapsed_s")
    assert again == result


def test_cli_invalid_instance_exit_2(tmp_path):
    inst = random_instance(3, 2, seed=1)
    inst["mentees"][1]["levels"] = {"cobol": 2}
    (tmp_path / "bad.json").write_text(json.dumps(inst))
    done = _run("solve", "bad.json", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "invalid instance: mentee \"e1\": unknown skill 'cobol' in levels"
    assert done.stdout == ""


def test_cli_invalid_json_exit_2(tmp_path):
    (tmp_path / "broken.json").write_text('{"skills": [')
    done = _run("solve", "broken.json", cwd=tmp_path)
    assert done.returncode == 2
    assert "invalid JSON at line 1" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    missing = _run("solve", "missing.json", cwd=tmp_path)
    assert missing.returncode == 2 and "cannot read the file" in missing.stderr


def test_import_does_not_load_django(tmp_path):
    code = "import sys, matchengine, matchengine.__main__; print('django' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": SRC},
        check=True,
    )
    assert done.stdout.strip() == "False"


BLAS_CHILD = """
import ctypes, json
from matchengine.__main__ import _BLAS_THREAD_SETTERS, _one_blas_thread
done = _one_blas_thread()
threads = None
for line in open("/proc/self/maps"):
    if "openblas" in line.lower() and line.split()[-1].startswith("/"):
        lib = ctypes.CDLL(line.split()[-1])
        for name in _BLAS_THREAD_SETTERS:
            getter = getattr(lib, name.replace("set", "get"), None)
            if getter is not None:
                threads = getter()
                break
print(json.dumps([done, threads]))
"""


def test_cli_runs_blas_on_one_thread_unless_the_environment_says(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    env["PYTHONPATH"] = SRC
    run = [sys.executable, "-c", BLAS_CHILD]
    done, threads = json.loads(subprocess.check_output(run, env=env, cwd=tmp_path))
    assert not done or threads == 1
    told = {**env, "OPENBLAS_NUM_THREADS": "2"}
    done, threads = json.loads(subprocess.check_output(run, env=told, cwd=tmp_path))
    assert not done
