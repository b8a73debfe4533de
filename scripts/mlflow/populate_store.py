#!/usr/bin/env python
"""Write a small tracking store with whichever mlflow is installed (any 2.x or 3.x).

  <venv>/bin/python scripts/mlflow/populate_store.py --tracking-uri sqlite:////tmp/x/mlflow.db

The live-server tests (test/ingestRestVersions.test.ts) serve the store with that version's
`mlflow server` and compare REST ingest with what that version's MlflowClient exports
(export_expected.py), so nothing here needs to be deterministic. It covers runs (finished,
failed, running, deleted, nested), metrics with histories, params, tags, dataset inputs via
mlflow.log_input (2.4+), a registered model with versions, stages, an alias (2.3+) and tags,
and logged models where the version has them (3.x).
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import mlflow  # noqa: E402
import pandas as pd  # noqa: E402
from mlflow import MlflowClient  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--tracking-uri", required=True)
    args = ap.parse_args(argv)
    mlflow.set_tracking_uri(args.tracking_uri)
    mlflow.set_registry_uri(args.tracking_uri)
    c = MlflowClient(tracking_uri=args.tracking_uri, registry_uri=args.tracking_uri)

    exp = c.create_experiment("faers-signals", tags={"team": "pv"})
    other = c.create_experiment("scratch")
    df = pd.DataFrame({"drug": ["a", "b", "c"], "count": [3, 1, 4]})
    runs = []
    for i, status in enumerate(["FINISHED", "FAILED", "FINISHED"]):
        with mlflow.start_run(experiment_id=exp, run_name=f"train-{i}") as run:
            mlflow.log_params({"max_depth": str(3 + i), "label": "ünïcode ✓"})
            mlflow.set_tags({"stage": "dev", "idx": str(i)})
            for step in range(5):
                mlflow.log_metric("auc", 0.5 + i / 10 + step / 100, step=step)
                mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
            if hasattr(mlflow, "log_input"):
                ds = mlflow.data.from_pandas(df, source=f"s3://bucket/faers/q{i}.parquet", name=f"faers_q{i}")
                mlflow.log_input(ds, context="training")
            if i == 0:
                with mlflow.start_run(experiment_id=exp, run_name="child", nested=True):
                    mlflow.log_metric("auc", 0.42)
            runs.append(run.info.run_id)
        c.set_terminated(run.info.run_id, status=status)
    running = c.create_run(other, run_name="still-running")
    c.log_metric(running.info.run_id, "progress", 0.25)
    gone = c.create_run(other, run_name="deleted")
    c.delete_run(gone.info.run_id)

    c.create_registered_model("faers-detector", tags={"owner": "pv"}, description="signal detector")
    for i, run_id in enumerate(runs[:2]):
        mv = c.create_model_version("faers-detector", f"runs:/{run_id}/model", run_id=run_id,
                                    tags={"n": str(i)}, description=f"version {i + 1}")
        c.transition_model_version_stage("faers-detector", mv.version, "Staging" if i == 0 else "Production")
    if hasattr(c, "set_registered_model_alias"):
        c.set_registered_model_alias("faers-detector", "champion", "2")

    if hasattr(c, "create_logged_model"):
        lm = c.create_logged_model(exp, name="detector", source_run_id=runs[0], params={"max_depth": "3"})
        c.finalize_logged_model(lm.model_id, "READY")
        from mlflow.entities import LoggedModelOutput
        c.log_outputs(runs[0], [LoggedModelOutput(lm.model_id, 0)])


if __name__ == "__main__":
    main()
