#!/usr/bin/env python
"""Generate the MLflow fixture stores used by the pv-lineage ingester tests.

Writes, with the real (pinned) mlflow package:

  demo/mlflow/filestore/mlruns/        MLflow file store (tracking + model registry)
  demo/mlflow/filestore/results/       side files written by the team's pipeline
  demo/mlflow/filestore/sar_reports/   side files written by the report builder
  demo/mlflow/sqlite/mlflow.db         MLflow SQL store (SQLite, tracking + registry)
  demo/mlflow/sqlite/mlruns/           artifacts of the SQLite store (logged models)

and then (unless --no-export) runs export_expected.py on both stores so that each
`expected.json` always matches the store it sits next to.

Content (same in both stores; ids differ, since MLflow draws them at random):

  experiments  Default (0), pv-signal-ml-prr, pv-signal-ml, pv-sandbox (deleted)
  runs         10: HPO parent + 3 nested children (one FAILED), a deleted run, a KILLED run,
               a RUNNING run in the deleted experiment, 3 runs with logged models
  registry     pv-signal-xgb v1 (Archived), v2 (Production, @champion), v3 (Staging, @challenger)

Determinism: run start/end times, metric timestamps/steps/values, params, tags and dataset
contents (hence dataset digests) are fixed. Random / wall-clock: run ids, experiment ids
(file store), dataset and input uuids, logged model ids (m-...), experiment / registry /
logged-model creation & update timestamps, artifact file contents that embed them.

The stores are generated directly at their final path (the previous fixture folder is kept
aside and restored if generation fails) so the absolute artifact URIs recorded in them stay
the same across regenerations on the same checkout.

Run with the venv made by setup_venv.sh:
  .venv/mlflow/bin/python scripts/mlflow/generate_fixtures.py [--out DIR] [--only filestore|sqlite]
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts (export_expected import)

import argparse
import hashlib
import json
import math
import os
import shutil
import sys
import warnings
from pathlib import Path

# Must be set before mlflow is imported / before a file store is instantiated.
os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")  # 3.x: file store is opt-in
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("MLFLOW_SKIP_PIP_REQUIREMENTS_CHECK", "true")  # no `pip --dry-run`
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
os.environ.setdefault("MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING", "false")
# The fluent API tags logged models with mlflow.user = getpass.getuser(); pin it.
os.environ["LOGNAME"] = "pv-pipeline"

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import mlflow  # noqa: E402
import mlflow.data  # noqa: E402
import mlflow.sklearn  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import DatasetInput, InputTag, Metric, Param  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402

warnings.filterwarnings("ignore")

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parent.parent
DEFAULT_OUT = REPO_ROOT / "demo" / "mlflow"

SEED = 20240415
# 2024-04-15T09:00:00Z in epoch milliseconds; every fixed timestamp derives from it.
BASE_TS = 1713171600000
HOUR = 3_600_000
DAY = 24 * HOUR

REGISTERED_MODEL = "pv-signal-xgb"

DRUGS = [
    "atorvastatin", "metformin", "warfarin", "nivolumab", "semaglutide",
    "apixaban", "isotretinoin", "levothyroxine", "clozapine", "adalimumab",
]
PTS = [
    "Rhabdomyolysis", "Lactic acidosis", "Gastrointestinal haemorrhage", "Pancreatitis",
    "Hepatotoxicity", "Myocarditis", "Depression", "Nausea", "Agranulocytosis",
    "Injection site reaction",
]

FEATURES_V3 = [
    "prr", "prr_lower_ci", "ror", "ror_lower_ci", "chi2", "case_count",
    "ebgm", "eb05", "serious_ratio", "reporter_hcp_ratio",
]
FEATURES_V2 = FEATURES_V3[:6]

EXPERIMENTS = {
    "pv-signal-ml-prr": {
        "team": "pharmacovigilance-analytics",
        "project": "faers-signal-detection",
        "signal_method": "PRR",
        "mlflow.note.content": "PRR-based disproportionality signals, XGBoost re-ranking.",
    },
    "pv-signal-ml": {
        "team": "pharmacovigilance-analytics",
        "project": "faers-signal-detection",
        "signal_method": "PRR+EBGM",
        "meddra_version": "27.0",
    },
    "pv-sandbox": {  # deleted after its run is created
        "team": "pharmacovigilance-analytics",
        "purpose": "notebook scratch",
    },
}

# Datasets: name -> (quarter, seed, source URI). Same name with a different seed -> same
# name, different digest (a corrected re-extract of the quarter).
DATASETS = {
    "faers_2023Q4": ("2023Q4", 1, "s3://pv-data/faers/2023Q4/drug_event.parquet"),
    "faers_2024Q1": ("2024Q1", 2, "s3://pv-data/faers/2024Q1/drug_event.parquet"),
    "faers_2024Q2": ("2024Q2", 3, "s3://pv-data/faers/2024Q2/drug_event.parquet"),
    "faers_2024Q3": ("2024Q3", 4, "s3://pv-data/faers/2024Q3/drug_event.parquet"),
    "faers_2024Q1@fix": ("2024Q1", 22, "s3://pv-data/faers/2024Q1-r2/drug_event.parquet"),
    "faers_2024Q2@http": (
        "2024Q2", 3, "https://fis.fda.gov/content/Exports/faers_ascii_2024q2.zip"),
}

GIT_COMMITS = {
    "a": "3f9c1e2b7d4a5e6f8091a2b3c4d5e6f708192a3b",
    "b": "8e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d",
    "c": "c0ffee5a1b2c3d4e5f60718293a4b5c6d7e8f901",
}

# One dict per run, in creation order. Keys:
#   key, experiment, name, status, start (ms offset from BASE_TS), duration (ms or None),
#   user, source, commit, params, tags, steps (metric history length), inputs [(dataset, ctx)],
#   parent (key), model (registered version spec), delete, special (metric quirks)
RUNS = [
    dict(key="R1", experiment="pv-signal-ml-prr", name="prr-xgb-2023Q4", status="FINISHED",
         start=0, duration=2 * HOUR, user="a.moreau", source="pv_signal/train_xgb.py",
         commit="a", period="2023Q4", features="drug_pt_disproportionality_v2",
         hp=dict(max_depth=4, eta=0.1, subsample=0.8, n_estimators=300), steps=30,
         inputs=[("faers_2023Q4", "training"), ("faers_2024Q1", "evaluation")],
         model=dict(stage="Archived", tags={"validation_status": "superseded"}),
         final=(0.842, 0.311, 0.402)),
    dict(key="R2", experiment="pv-signal-ml-prr", name="prr-hpo-2024Q1", status="FINISHED",
         start=1 * DAY, duration=6 * HOUR, user="a.moreau", source="pv_signal/hpo_search.py",
         commit="b", period="2024Q1", features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=6, eta=0.05, subsample=0.9, n_estimators=500), steps=50,
         inputs=[("faers_2024Q1", "training")], tags={"hpo.strategy": "random", "hpo.trials": "3"},
         special="neg_inf", final=(0.871, 0.352, 0.371)),
    dict(key="R3", experiment="pv-signal-ml-prr", name="prr-hpo-2024Q1-trial-0", parent="R2",
         status="FINISHED", start=1 * DAY + 10 * 60_000, duration=HOUR, user="a.moreau",
         source="pv_signal/hpo_search.py", commit="b", period="2024Q1",
         features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=4, eta=0.1, subsample=0.8, n_estimators=200), steps=20,
         inputs=[("faers_2024Q1", "training"), ("faers_2024Q2", "evaluation")],
         final=(0.855, 0.333, 0.389)),
    dict(key="R4", experiment="pv-signal-ml-prr", name="prr-hpo-2024Q1-trial-1", parent="R2",
         status="FINISHED", start=1 * DAY + 80 * 60_000, duration=HOUR, user="a.moreau",
         source="pv_signal/hpo_search.py", commit="b", period="2024Q1",
         features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=6, eta=0.05, subsample=0.9, n_estimators=500), steps=25,
         inputs=[("faers_2024Q1", "training"), ("faers_2024Q2", "evaluation")],
         final=(0.869, 0.349, 0.374)),
    dict(key="R5", experiment="pv-signal-ml-prr", name="prr-hpo-2024Q1-trial-2", parent="R2",
         status="FAILED", start=1 * DAY + 150 * 60_000, duration=12 * 60_000, user="a.moreau",
         source="pv_signal/hpo_search.py", commit="b", period="2024Q1",
         features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=10, eta=0.9, subsample=1.0, n_estimators=800), steps=8,
         inputs=[("faers_2024Q1", "training")], special="diverged",
         tags={"mlflow.note.content": "eta too high: logloss diverged (NaN, then inf)"},
         final=(0.5, 0.05, 0.69)),
    dict(key="R6", experiment="pv-signal-ml-prr", name="prr-debug", status="FINISHED",
         start=2 * DAY, duration=5 * 60_000, user="j.okafor", source="pv_signal/train_xgb.py",
         commit="b", period="2024Q1", features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=2, eta=0.3, subsample=0.5, n_estimators=10), steps=5,
         inputs=[], delete=True, final=(0.7, 0.2, 0.55)),
    dict(key="R7", experiment="pv-signal-ml", name="xgb-signal-2024Q1", status="FINISHED",
         start=7 * DAY, duration=3 * HOUR, user="a.moreau", source="pv_signal/train_xgb.py",
         commit="c", period="2024Q1", features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=6, eta=0.05, subsample=0.9, n_estimators=500), steps=40,
         inputs=[("faers_2024Q1", "training"), ("faers_2024Q2", "evaluation")],
         special="dup_step",
         tags={"mlflow.note.content": "Modèle champion — revue PV du 2024-04-22 (signal détection)"},
         model=dict(stage="Production", alias="champion",
                    tags={"validation_status": "approved", "approved_by": "pv-safety-board"}),
         final=(0.874, 0.357, 0.368)),
    dict(key="R8", experiment="pv-signal-ml", name="xgb-signal-2024Q2", status="FINISHED",
         start=80 * DAY, duration=3 * HOUR, user="l.nguyen", source="pv_signal/train_xgb.py",
         commit="c", period="2024Q2", features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=5, eta=0.08, subsample=0.85, n_estimators=400), steps=45,
         inputs=[("faers_2024Q2", "training"), ("faers_2024Q3", "evaluation")],
         model=dict(stage="Staging", alias="challenger", tags={"validation_status": "pending"}),
         final=(0.879, 0.362, 0.361)),
    dict(key="R9", experiment="pv-signal-ml", name="xgb-signal-2024Q1-fix-cv", status="KILLED",
         start=81 * DAY, duration=40 * 60_000, user="l.nguyen", source="pv_signal/train_xgb.py",
         commit="c", period="2024Q1", features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=6, eta=0.05, subsample=0.9, n_estimators=500), steps=12,
         inputs=[("faers_2024Q1@fix", "training")], final=(0.86, 0.34, 0.38)),
    dict(key="R10", experiment="pv-sandbox", name="sandbox-notebook", status="RUNNING",
         start=82 * DAY, duration=None, user="j.okafor", source="notebooks/explore_prr.ipynb",
         commit=None, period="2024Q2", features="drug_pt_disproportionality_v3",
         hp=dict(max_depth=3, eta=0.2, subsample=0.7, n_estimators=50), steps=5,
         inputs=[("faers_2024Q2@http", "training")], final=(0.81, 0.29, 0.44)),
]


def faers_frame(quarter: str, seed: int) -> pd.DataFrame:
    """A small synthetic FAERS drug-event aggregate (drug, pt_term, case_count, ...)."""
    rng = np.random.default_rng(SEED + seed)
    pairs = [(d, p) for d in DRUGS for p in PTS]
    picked = rng.choice(len(pairs), size=20, replace=False)
    rows = []
    for idx in sorted(int(i) for i in picked):
        drug, pt = pairs[idx]
        n = int(rng.integers(1, 120))
        prr = round(float(rng.lognormal(0.4, 0.8)), 4)
        rows.append(dict(quarter=quarter, drug=drug, pt_term=pt, case_count=n, prr=prr,
                         signal=int(prr >= 2.0 and n >= 3)))
    return pd.DataFrame(rows)


def dataset_for(key: str):
    quarter, seed, source = DATASETS[key]
    name = key.split("@", 1)[0]
    df = faers_frame(quarter, seed)
    return df, mlflow.data.from_pandas(df, source=source, name=name, targets="signal")


def metric_history(run: dict) -> dict[str, list[tuple[int, float, int]]]:
    """Fixed metric histories: key -> [(timestamp, value, step)] in logging order."""
    rng = np.random.default_rng(SEED + int(run["key"][1:]))
    n = run["steps"]
    auc_f, ap_f, ll_f = run["final"]
    t0 = BASE_TS + run["start"] + 60_000
    hist: dict[str, list[tuple[int, float, int]]] = {"AUC_test": [], "AP_test": [], "logloss": []}
    for i in range(n):
        frac = 1.0 - math.exp(-3.0 * (i + 1) / n)
        ts = t0 + i * 15_000
        auc = 0.5 + (auc_f - 0.5) * frac + float(rng.normal(0, 0.002))
        ap = 0.05 + (ap_f - 0.05) * frac + float(rng.normal(0, 0.002))
        ll = 0.693 - (0.693 - ll_f) * frac + float(rng.normal(0, 0.002))
        if i == n - 1:  # end exactly on the run's "final" numbers
            auc, ap, ll = auc_f, ap_f, ll_f
        hist["AUC_test"].append((ts, round(auc, 6), i))
        hist["AP_test"].append((ts + 1, round(ap, 6), i))
        hist["logloss"].append((ts + 2, round(ll, 6), i))
    special = run.get("special")
    if special == "diverged":
        # Training blew up: logloss goes NaN at step n-2 and +inf at the last step;
        # AUC_test is NaN at the last step.
        ts, _, step = hist["logloss"][n - 2]
        hist["logloss"][n - 2] = (ts, float("nan"), step)
        ts, _, step = hist["logloss"][n - 1]
        hist["logloss"][n - 1] = (ts, float("inf"), step)
        ts, _, step = hist["AUC_test"][n - 1]
        hist["AUC_test"][n - 1] = (ts, float("nan"), step)
    elif special == "dup_step":
        # AUC_test re-evaluated at the last step: same step, later timestamp, other value.
        ts, _, step = hist["AUC_test"][n - 1]
        hist["AUC_test"].append((ts + 600_000, 0.8755, step))
    elif special == "neg_inf":
        # log(PRR) of the weakest drug-event pair of each trial; PRR = 0 -> -inf.
        hist["min_log_prr"] = [(t0 + 1000, -0.2231, 0), (t0 + 2000, float("-inf"), 1),
                               (t0 + 3000, -1.0498, 2), (t0 + 4000, -0.5108, 3),
                               (t0 + 5000, -0.3567, 4)]
    return hist


def run_params(run: dict) -> dict[str, str]:
    features = FEATURES_V2 if run["features"].endswith("v2") else FEATURES_V3
    hp = run["hp"]
    return {
        "max_depth": str(hp["max_depth"]),
        "eta": str(hp["eta"]),
        "subsample": str(hp["subsample"]),
        "n_estimators": str(hp["n_estimators"]),
        "objective": "binary:logistic",
        "eval_metric": "auc",
        "seed": "42",
        "data_period": run["period"],
        "features/set": run["features"],
        "features/count": str(len(features)),
        "features/list": ",".join(features),
        "label/definition": "PRR>=2 & chi2>=4 & n>=3 (Evans 2001)",
    }


def run_tags(run: dict, parent_id: str | None) -> dict[str, str]:
    tags = {
        "mlflow.user": run["user"],
        "mlflow.source.name": run["source"],
        "mlflow.source.type": "NOTEBOOK" if run["source"].endswith(".ipynb") else "LOCAL",
        "pv.signal_method": "PRR",
        "pv.data_period": run["period"],
    }
    if run["commit"]:
        tags["mlflow.source.git.commit"] = GIT_COMMITS[run["commit"]]
        tags["mlflow.source.git.branch"] = "main"
        tags["mlflow.source.git.repoURL"] = "git@git.example.org:pv/pv-signal.git"
    if parent_id:
        # What mlflow.start_run(nested=True) records; set explicitly so start_time is fixed.
        tags["mlflow.parentRunId"] = parent_id
    tags.update(run.get("tags", {}))
    return tags


class Generator:
    def __init__(self, tracking_uri: str, registry_uri: str):
        self.tracking_uri = tracking_uri
        self.registry_uri = registry_uri
        mlflow.set_tracking_uri(tracking_uri)
        mlflow.set_registry_uri(registry_uri)
        self.client = MlflowClient(tracking_uri=tracking_uri, registry_uri=registry_uri)
        self.exp_ids: dict[str, str] = {}
        self.run_ids: dict[str, str] = {}
        self.model_ids: dict[str, str] = {}
        self.versions: dict[str, str] = {}
        self.datasets: dict[str, object] = {}
        self.frames: dict[str, pd.DataFrame] = {}

    def dataset(self, key: str):
        if key not in self.datasets:
            self.frames[key], self.datasets[key] = dataset_for(key)
        return self.datasets[key]

    def create_experiments(self):
        for name, tags in EXPERIMENTS.items():
            self.exp_ids[name] = self.client.create_experiment(name, tags=tags)

    def create_run(self, run: dict):
        c = self.client
        parent_id = self.run_ids.get(run.get("parent", ""))
        r = c.create_run(
            self.exp_ids[run["experiment"]],
            start_time=BASE_TS + run["start"],
            tags=run_tags(run, parent_id),
            run_name=run["name"],
        )
        rid = r.info.run_id
        self.run_ids[run["key"]] = rid
        c.log_batch(rid, params=[Param(k, v) for k, v in run_params(run).items()])
        metrics = [
            Metric(key, value, ts, step)
            for key, hist in metric_history(run).items()
            for ts, value, step in hist
        ]
        c.log_batch(rid, metrics=metrics)
        if run["inputs"]:
            c.log_inputs(rid, datasets=[
                DatasetInput(self.dataset(d)._to_mlflow_entity(),
                             tags=[InputTag("mlflow.data.context", ctx)])
                for d, ctx in run["inputs"]
            ])
        # A small artifact per run. Besides being realistic, it keeps every run's artifacts/
        # folder non-empty: git drops empty folders, and mlflow 3.x's file store does not
        # find a run by id (get_run, get_metric_history) whose artifacts/ folder is missing.
        c.log_dict(rid, {
            "run": run["name"], "data_period": run["period"], "params": run_params(run),
            "inputs": [{"dataset": d.split("@", 1)[0], "context": ctx}
                       for d, ctx in run["inputs"]],
        }, "config/train_config.json")
        if run.get("model"):
            self.log_model(run, rid)
        if run["status"] != "RUNNING":
            c.set_terminated(rid, run["status"], end_time=BASE_TS + run["start"] + run["duration"])
        if run.get("delete"):
            c.delete_run(rid)

    def log_model(self, run: dict, rid: str):
        """Log a tiny sklearn model as the run's output (3.x LoggedModel m-...)."""
        from sklearn.linear_model import LogisticRegression

        train = next(d for d, ctx in run["inputs"] if ctx == "training")
        self.dataset(train)
        df = self.frames[train]
        X = df[["case_count", "prr"]].astype("float64")
        y = df["signal"]
        clf = LogisticRegression(max_iter=200, random_state=42).fit(X, y)
        eval_key = next((d for d, ctx in run["inputs"] if ctx == "evaluation"), None)
        # Resume the run with the fluent API (log_model needs an active run); the end time
        # is overwritten with the fixed one afterwards.
        with mlflow.start_run(run_id=rid):
            info = mlflow.sklearn.log_model(
                clf,
                name="model",
                serialization_format="cloudpickle",
                pip_requirements=["scikit-learn==1.9.1", "cloudpickle"],
                signature=infer_signature(X, clf.predict(X)),
                params={"max_depth": str(run["hp"]["max_depth"]), "data_period": run["period"]},
                tags={"pv.model_family": "xgboost-surrogate"},
                model_type="classifier",
            )
            model_id = info.model_id
            if eval_key:
                # A dataset-bound, model-bound metric (3.x): recorded on the run (5-field
                # metric line in the file store) and on the logged model.
                ds = self.dataset(eval_key)
                self.client.log_metric(
                    rid, "AUC_eval", run["final"][0] - 0.004,
                    timestamp=BASE_TS + run["start"] + run["duration"] - 60_000, step=0,
                    dataset_name=ds.name, dataset_digest=ds.digest, model_id=model_id)
        self.model_ids[run["key"]] = model_id

    def register_models(self):
        c = self.client
        c.create_registered_model(
            REGISTERED_MODEL,
            tags={"team": "pharmacovigilance-analytics", "signal_method": "PRR",
                  "meddra_version": "27.0"},
            description="XGBoost re-ranker of FAERS disproportionality signals (PRR/EBGM).",
        )
        for run in RUNS:
            spec = run.get("model")
            if not spec:
                continue
            rid = self.run_ids[run["key"]]
            mv = mlflow.register_model(
                f"runs:/{rid}/model", REGISTERED_MODEL,
                tags={"data_period": run["period"], **spec["tags"]},
            )
            self.versions[run["key"]] = mv.version
        for run in RUNS:
            spec = run.get("model")
            if not spec:
                continue
            v = self.versions[run["key"]]
            c.transition_model_version_stage(REGISTERED_MODEL, v, spec["stage"])
            if spec.get("alias"):
                c.set_registered_model_alias(REGISTERED_MODEL, spec["alias"], v)
        c.update_model_version(REGISTERED_MODEL, self.versions["R7"],
                               description="Champion after PV safety board review 2024-04-22.")

    def generate(self):
        self.create_experiments()
        for run in RUNS:
            self.create_run(run)
        self.register_models()
        self.client.delete_experiment(self.exp_ids["pv-sandbox"])


def write_side_files(gen: Generator, root: Path):
    """Side files as written by the team's pipeline / report builder (file store only)."""
    results = root / "results"
    sar = root / "sar_reports"
    results.mkdir(parents=True, exist_ok=True)
    sar.mkdir(parents=True, exist_ok=True)
    lines = []
    for run in RUNS:
        if run["experiment"] == "pv-sandbox" or run.get("delete"):
            continue
        hist = metric_history(run)
        latest = {k: max(v, key=lambda t: (t[2], t[0]))[1] for k, v in hist.items()
                  if k in ("AUC_test", "AP_test", "logloss")}
        features = FEATURES_V2 if run["features"].endswith("v2") else FEATURES_V3
        lines.append(json.dumps({
            "run_id": gen.run_ids[run["key"]],
            "model_version": gen.versions.get(run["key"]),
            "data_period": run["period"],
            "features": features,
            "metrics": latest,  # Python json: a diverged run writes NaN / Infinity literally
        }))
    (results / "run_summaries.jsonl").write_text("\n".join(lines) + "\n")

    report_text = (
        "Signal Assessment Report 2024Q1\n"
        "Model pv-signal-xgb v{v}, MLflow run {r}\n"
        "Method PRR (prr_min 2.0, chi2_min 4.0, case_count_min 3), MedDRA 27.0\n"
    ).format(v=gen.versions["R7"], r=gen.run_ids["R7"])
    meta = {
        "report_title": "Signal Assessment Report — FAERS 2024Q1 (XGBoost re-ranked PRR signals)",
        "generated_at": "2024-04-23T08:30:00Z",
        "mlflow_run_id": gen.run_ids["R7"],
        "model_name": REGISTERED_MODEL,
        "model_version": gen.versions["R7"],
        "data_period": "2024Q1",
        "report_file": "SAR_2024Q1.pdf",
        "report_sha256": hashlib.sha256(report_text.encode()).hexdigest(),
    }
    (sar / "model_run_metadata.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False)
                                                 + "\n")
    for key, method, thresholds in [
        ("R1", "PRR", {"prr_min": 2.0, "chi2_min": 4.0, "case_count_min": 3}),
        ("R7", "PRR", {"prr_min": 2.0, "chi2_min": 4.0, "case_count_min": 3}),
    ]:
        run = next(r for r in RUNS if r["key"] == key)
        rid = gen.run_ids[key]
        doc = {
            "mlflow_run_id": rid,
            "detection_method": method,
            "thresholds": thresholds,
            "meddra_version": "27.0",
            "meddra_level": "PT",
            "data_source": "FAERS",
            "data_period": run["period"],
            "deduplication": "caseid-latest-version",
        }
        (sar / f"methods_{rid}.json").write_text(json.dumps(doc, indent=2) + "\n")


def file_uri(p: Path) -> str:
    return p.resolve().as_uri()


def generate_store(kind: str, out: Path):
    target = out / kind
    backup = out / f".{kind}.bak-{os.getpid()}"
    if target.exists():
        target.rename(backup)
    target.mkdir(parents=True)
    cwd = os.getcwd()
    try:
        if kind == "filestore":
            uri = file_uri(target / "mlruns")
            gen = Generator(uri, uri)
            gen.generate()
            write_side_files(gen, target)
        else:
            # The SQL store's default artifact root is ./mlruns relative to the cwd.
            os.chdir(target)
            uri = f"sqlite:///{(target / 'mlflow.db').resolve()}"
            gen = Generator(uri, uri)
            gen.generate()
        empty = [str(p.relative_to(target)) for p in sorted(target.rglob("*"))
                 if p.is_dir() and not any(p.iterdir())]
        if empty:  # git would not keep them
            raise RuntimeError(f"empty folders in {target}: {empty[:5]}")
        print(f"{kind}: {uri}", file=sys.stderr)
        for k in sorted(gen.run_ids, key=lambda s: int(s[1:])):
            print(f"  {k:>3} {gen.run_ids[k]}", file=sys.stderr)
    except BaseException:
        os.chdir(cwd)
        shutil.rmtree(target, ignore_errors=True)
        if backup.exists():
            backup.rename(target)
        raise
    os.chdir(cwd)
    if backup.exists():
        shutil.rmtree(backup)
    return uri


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--only", choices=["filestore", "sqlite"])
    ap.add_argument("--no-export", action="store_true", help="do not write expected.json")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    kinds = [args.only] if args.only else ["filestore", "sqlite"]
    uris = {k: generate_store(k, out) for k in kinds}
    if not args.no_export:
        sys.path.insert(0, str(SCRIPT_DIR))
        import export_expected

        for k, uri in uris.items():
            export_expected.export(uri, out / k / "expected.json")
            print(f"wrote {out / k / 'expected.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
