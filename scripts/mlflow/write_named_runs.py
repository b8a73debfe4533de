#!/usr/bin/env python
"""Write one experiment with named runs, with whichever mlflow is installed.

  <venv>/bin/python scripts/mlflow/write_named_runs.py --tracking-uri URI --experiment mlops_demo \
      --run logistic_regression --run random_forest

The search tests (test/search.test.ts) write the same names into two stores, so that each name
has two hits told apart only by their store. Each run gets one param and one metric.
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
# MLflow 3 refuses to write file stores unless asked; the team's Windows store is one.
os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")

import mlflow  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--tracking-uri", required=True)
    ap.add_argument("--experiment", required=True)
    ap.add_argument("--run", action="append", default=[])
    args = ap.parse_args(argv)
    mlflow.set_tracking_uri(args.tracking_uri)
    mlflow.set_experiment(args.experiment)
    for i, name in enumerate(args.run):
        with mlflow.start_run(run_name=name):
            mlflow.log_param("model", name)
            mlflow.log_metric("auc", 0.8 + i / 100)


if __name__ == "__main__":
    main()
