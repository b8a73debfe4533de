#!/usr/bin/env python
"""A small store of edge-case values, written by the pinned mlflow, for differential tests.

  .venv/mlflow/bin/python scripts/mlflow/generate_values_store.py --out DIR [--kind file|sqlite]

It writes DIR/mlruns (file store) and/or DIR/mlflow.db (SQLite store; artifacts under
DIR/sqlite-artifacts) with one experiment `pv-values` and one run `values` that logs:

  * one metric per edge value (`v_dbl_max`, `v_neg_dbl_max`, `v_inf`, `v_neg_inf`, `v_nan`,
    `v_neg_zero`, `v_denormal`) and a history `all` holding every edge value at steps 0..6,
    so both latest values and histories are compared;
  * a dataset with a source (`faers_2024Q1`, s3) and one without (`no_source_ds`), both
    with schema and profile;
  * MLflow 3 logged models of that run: `vals-model` (external, READY) with params, tags, a
    model type and metrics holding the edge values, a series of three steps and one metric on
    two datasets; `vals-failed` (FAILED, another model type); `vals-deleted`, deleted after it
    was logged (MLflow's searches leave it out); and `vals-orphan`, with no source run.

Every timestamp is fixed. Compare a store with export_expected.py's view of it (MlflowClient).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import mlflow  # noqa: E402
import pandas as pd  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import Metric  # noqa: E402

DBL_MAX = sys.float_info.max
EDGE = [
    ("dbl_max", DBL_MAX),
    ("neg_dbl_max", -DBL_MAX),
    ("inf", float("inf")),
    ("neg_inf", float("-inf")),
    ("nan", float("nan")),
    ("neg_zero", -0.0),
    ("denormal", 5e-324),
]
T0 = 1_717_000_000_000


def frame(n: int) -> pd.DataFrame:
    return pd.DataFrame({"drug": [f"d{i}" for i in range(n)], "case_count": list(range(n)), "prr": [i / 2 for i in range(n)]})


def write(uri: str, artifact_root: str | None) -> None:
    mlflow.set_tracking_uri(uri)
    c = MlflowClient(tracking_uri=uri)
    exp_id = c.create_experiment("pv-values", artifact_location=artifact_root)
    run = c.create_run(exp_id, start_time=T0, run_name="values")
    rid = run.info.run_id
    metrics = [Metric(f"v_{name}", v, T0 + 1, 0) for name, v in EDGE]
    metrics += [Metric("all", v, T0 + 10 + i, i) for i, (_n, v) in enumerate(EDGE)]
    c.log_batch(rid, metrics=metrics)
    with mlflow.start_run(run_id=rid):
        with_source = mlflow.data.from_pandas(frame(4), source="s3://pv-data/faers/2024Q1/drug_event.parquet", name="faers_2024Q1")
        no_source = mlflow.data.from_pandas(frame(3), name="no_source_ds")
        mlflow.log_input(with_source, context="training")
        mlflow.log_input(no_source, context="evaluation")
        model = mlflow.create_external_model(
            name="vals-model", params={"alpha": "0.5", "depth": "3"}, tags={"team": "pv"}, model_type="classifier")
        mid = model.model_id
        mlflow.log_metric("acc", 0.875, step=2, timestamp=T0 + 100, model_id=mid)
        # One metric per edge value, then a series whose latest point is not the last logged.
        for i, (name, v) in enumerate(EDGE):
            mlflow.log_metric(f"m_{name}", v, step=0, timestamp=T0 + 200 + i, model_id=mid)
        for step, v in [(0, 0.1), (2, 0.3), (1, 0.2)]:
            mlflow.log_metric("loss", v, step=step, timestamp=T0 + 300 + step, model_id=mid)
        # The same key on two datasets is two series, each with its own latest point.
        mlflow.log_metric("auc", 0.7, step=1, timestamp=T0 + 400, model_id=mid, dataset=with_source)
        mlflow.log_metric("auc", 0.6, step=1, timestamp=T0 + 401, model_id=mid, dataset=no_source)
    failed = c.create_logged_model(exp_id, name="vals-failed", source_run_id=rid, params={"k": "v"},
                                   tags={"stage": "x"}, model_type="regressor")
    c.finalize_logged_model(failed.model_id, "FAILED")
    deleted = c.create_logged_model(exp_id, name="vals-deleted", source_run_id=rid, model_type="tmp")
    c.delete_logged_model(deleted.model_id)
    c.create_logged_model(exp_id, name="vals-orphan", tags={"origin": "none"})
    c.set_terminated(rid, "FINISHED", end_time=T0 + 1000)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--kind", choices=["file", "sqlite"], action="append")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    kinds = args.kind or ["file", "sqlite"]
    if "file" in kinds:
        write((out / "mlruns").as_uri(), None)
    if "sqlite" in kinds:
        write(f"sqlite:///{out / 'mlflow.db'}", (out / "sqlite-artifacts").as_uri())
    print(out)


if __name__ == "__main__":
    main()
