#!/usr/bin/env python
"""Answer MLflow search_runs queries with MLflow's OWN client, for the filter-string tests.

  .venv/mlflow/bin/python scripts/mlflow/search_runs.py --tracking-uri URI < cases.json

Reads a JSON list of cases, each {"filter": str, "order_by": [str] | null, "view": "ACTIVE_ONLY" |
"DELETED_ONLY" | "ALL"}, and writes one JSON list with, per case, either {"run_ids": [...]} in the
order MlflowClient.search_runs returned them (over every experiment of the store, deleted ones
included) or {"error": message} when MLflow refused the string.

Point it only at a copy of a store: opening an SQL store with MlflowClient may migrate it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import ViewType  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    args = parser.parse_args()
    client = MlflowClient(tracking_uri=args.tracking_uri)
    experiment_ids = [e.experiment_id for e in client.search_experiments(view_type=ViewType.ALL)]
    answers = []
    for case in json.load(sys.stdin):
        try:
            runs = client.search_runs(
                experiment_ids=experiment_ids,
                filter_string=case["filter"],
                run_view_type=ViewType.from_string((case.get("view") or "ACTIVE_ONLY").lower()),
                max_results=50000,
                order_by=case.get("order_by"),
            )
            answers.append({"run_ids": [r.info.run_id for r in runs]})
        except MlflowException as e:
            answers.append({"error": e.message})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
