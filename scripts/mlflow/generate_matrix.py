#!/usr/bin/env python3
"""Regenerates the compatibility-matrix fixtures, test/fixtures/mlflow-matrix/<label>/.

  python3 scripts/mlflow/generate_matrix.py [LABEL ...]     # default: every matrix version

For each version label (a folder of scripts/mlflow/versions/) it builds or reuses that version's
venv (setup_venv.sh), runs matrix_scenario.py with it twice, into a file store
(<label>/file/mlruns) and an SQLite store (<label>/sqlite/mlflow.db; its artifact root
<label>/sqlite/artifacts is deleted, as the SQL store reads nothing from it), removes the empty folders (git would drop them, so the export must
see the tree a checkout has), VACUUMs the database, and writes beside each store the
`expected.json` that the same version's MlflowClient reports (export_expected.py --bits).
The previous folder is moved aside and restored if anything fails. This script needs only the
Python standard library; each step runs in the version's own venv.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parent.parent
OUT = REPO_ROOT / "test" / "fixtures" / "mlflow-matrix"
LABELS = ["1.x-last", "2.x-log-input", "2.x-last", "3.x-pinned"]


def venv_python(label: str) -> str:
    out = subprocess.run(["bash", str(SCRIPT_DIR / "setup_venv.sh"), label], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return out.strip().splitlines()[-1]


def prune_empty_dirs(root: Path) -> None:
    for dirpath, _dirs, _files in sorted(os.walk(root), key=lambda t: -len(t[0])):
        p = Path(dirpath)
        if p != root and not any(p.iterdir()):
            p.rmdir()


def generate(label: str) -> None:
    py = venv_python(label)
    dest = OUT / label
    aside = OUT / f".{label}.previous"
    if aside.exists():
        shutil.rmtree(aside)
    if dest.exists():
        dest.rename(aside)
    env = {**os.environ, "MLFLOW_ALLOW_FILE_STORE": "true", "MLFLOW_DISABLE_TELEMETRY": "true",
           "DO_NOT_TRACK": "true", "GIT_PYTHON_REFRESH": "quiet", "PYTHONHASHSEED": "0"}
    try:
        stores = {
            "file": ((dest / "file" / "mlruns").as_uri(), []),
            "sqlite": (f"sqlite:///{dest / 'sqlite' / 'mlflow.db'}",
                       ["--artifact-root", (dest / "sqlite" / "artifacts").as_uri()]),
        }
        for kind, (uri, extra) in stores.items():
            (dest / kind).mkdir(parents=True)
            # A scratch cwd: whatever a version writes relative to it (./mlruns, ./mlflow.db) is dropped.
            with tempfile.TemporaryDirectory() as cwd:
                subprocess.run([py, str(SCRIPT_DIR / "matrix_scenario.py"), "--tracking-uri", uri,
                                "--features-out", str(dest / kind / "scenario.json"), *extra],
                               check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
                if kind == "sqlite":
                    # The SQL store reads nothing from its artifact root: drop the run notes.
                    shutil.rmtree(dest / kind / "artifacts", ignore_errors=True)
                    with sqlite3.connect(dest / kind / "mlflow.db") as db:
                        db.execute("VACUUM")
                prune_empty_dirs(dest / kind)
                subprocess.run([py, str(SCRIPT_DIR / "export_expected.py"), "--bits", "--tracking-uri", uri,
                                "--out", str(dest / kind / "expected.json")],
                               check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
        doc = json.loads((dest / "sqlite" / "expected.json").read_text(encoding="utf-8"))
        print(f"{label}: mlflow {doc['mlflow_version']}, {doc['counts']}", file=sys.stderr)
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        if aside.exists():
            aside.rename(dest)
        raise
    if aside.exists():
        shutil.rmtree(aside)


def main(argv: list[str]) -> None:
    for label in argv or LABELS:
        if label not in LABELS:
            sys.exit(f"unknown matrix label {label!r} (one of {', '.join(LABELS)})")
        generate(label)


if __name__ == "__main__":
    main(sys.argv[1:])
