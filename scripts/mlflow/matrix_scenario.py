#!/usr/bin/env python
"""The compatibility-matrix scenario: one store written by whichever mlflow runs this script.

  <venv>/bin/python scripts/mlflow/matrix_scenario.py --tracking-uri URI [--artifact-root URI]

scripts/mlflow/generate_matrix.py runs it with each version's venv, once for a file store and
once for an SQLite store. It feature-detects what the running version offers, and records what
it skipped in `<store>/scenario.json` next to the store (the README of the fixtures explains):

  * runs of every status: FINISHED, FAILED, KILLED, SCHEDULED and RUNNING (no end time);
    a deleted run; a parent with two nested children; a run in a deleted experiment;
  * metric edge values (NaN, +-inf, +-DBL_MAX, denormals, -0.0) as latest values and in a
    history, duplicate points (same step/timestamp/value twice, and same step/timestamp with
    two values), and late points (an old step logged after newer ones);
  * long Unicode params and tags, and names/values that YAML 1.1 (PyYAML, which writes the file
    store's meta.yaml) and YAML 1.2 read differently (`1e5`, `0o17`, `1.5e5`, `0123`, ...);
  * datasets with and without a source, with schemas (mlflow.log_input: 2.4+);
  * a registered model with description and tags, three versions with stages, version tags,
    descriptions, and aliases (2.3+); skipped where the store has no registry (1.x file store);
  * an external logged model with params, tags and a model-bound metric (3.x).

Every timestamp is fixed, so only ids (and wall-clock creation times) change between runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The edge values of the values store (it also sets the environment mlflow needs here).
from generate_values_store import EDGE as VALUE_EDGE  # noqa: E402

import mlflow  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import Metric  # noqa: E402

EDGE = VALUE_EDGE + [
    ("max_denormal", 2.225073858507201e-308),
    ("neg_denormal", -4.9406564584124654e-322),
    ("third", 1 / 3),
]
T0 = 1_700_000_000_000
# A 300-character Unicode value: accents, CJK, an emoji (outside the BMP), a combining mark, RTL.
LONG_UNICODE = ("Pharmacovigilance — ÉÀÜ ß 医薬品安全性監視 😀 é̀ עברית ") * 6
LONG_UNICODE = LONG_UNICODE[:300]
# Strings PyYAML (YAML 1.1) writes unquoted that a YAML 1.2 reader would turn into numbers, and
# strings PyYAML quotes; as run names, user ids, experiment names, descriptions and dataset names
# they land in the file store's meta.yaml files.
YAMLISH = ["1e5", "0o17", "1.5e5", "0123", "0x1F", "1_000", "+12", ".5", "true", "~", "12:30"]


def version_tuple() -> tuple[int, int]:
    major, minor = mlflow.__version__.split(".")[:2]
    return int(major), int(minor)


class Scenario:
    def __init__(self, uri: str, artifact_root: str | None):
        self.uri = uri
        self.artifact_root = artifact_root
        mlflow.set_tracking_uri(uri)
        mlflow.set_registry_uri(uri)
        self.c = MlflowClient(tracking_uri=uri, registry_uri=uri)
        self.features: dict[str, object] = {"mlflow_version": mlflow.__version__}
        self.t = T0
        self.n_experiments = 0

    def tick(self, n: int = 1000) -> int:
        self.t += n
        return self.t

    def experiment(self, name: str, tags: dict[str, str]) -> str:
        self.n_experiments += 1
        location = f"{self.artifact_root}/exp-{self.n_experiments}" if self.artifact_root else None
        exp_id = self.c.create_experiment(name, artifact_location=location)
        for k, v in tags.items():
            self.c.set_experiment_tag(exp_id, k, v)
        return exp_id

    def run(self, exp_id: str, name: str, *, user: str = "pv.scientist", parent: str | None = None) -> str:
        tags = {"mlflow.user": user, "mlflow.source.name": "train.py", "mlflow.source.type": "LOCAL", "pv.step": name}
        if parent:
            tags["mlflow.parentRunId"] = parent
        run = self.c.create_run(exp_id, start_time=self.tick(), tags=tags, run_name=name)
        # Git drops empty folders, and mlflow 3.x's file store cannot find a run whose metrics/,
        # params/ or artifacts/ folder is missing: every run gets one of each.
        self.c.log_text(run.info.run_id, f"{name}\n", "notes/run.txt")
        self.c.log_param(run.info.run_id, "run.kind", name)
        self.c.log_metric(run.info.run_id, "heartbeat", 1.0, timestamp=self.t + 1, step=0)
        return run.info.run_id

    def end(self, run_id: str, status: str, end: bool = True) -> None:
        if end:
            self.c.set_terminated(run_id, status, end_time=self.tick(10))
        elif status != "RUNNING":
            # A status without an end time (SCHEDULED): set_terminated would set one.
            self.c.update_run(run_id, status=status)

    def write(self) -> None:
        c = self.c
        exp = self.experiment("matrix", {"team": "pv", "note": LONG_UNICODE, "mlflow.note.content": "Matrix ✓ — scénario"})
        yaml_exp = self.experiment("1e3", {"yamlish": "1e5"})
        gone_exp = self.experiment("matrix-deleted", {"team": "sandbox"})

        # 1. FINISHED, with every edge value, duplicate and late points, long Unicode params.
        values = self.run(exp, "values-ünïcødé-名前", user="0123")
        ts = self.tick()
        c.log_batch(values, metrics=[Metric(f"v_{n}", v, ts + i, 0) for i, (n, v) in enumerate(EDGE)])
        c.log_batch(values, metrics=[Metric("all", v, ts + 100 + i, i) for i, (_n, v) in enumerate(EDGE)])
        dup = Metric("dup", 0.25, ts + 200, 3)
        c.log_batch(values, metrics=[Metric("dup", 0.125, ts + 199, 2), dup])
        dup_note = "exact duplicate kept"
        try:
            c.log_batch(values, metrics=[dup])
        except Exception as e:  # noqa: BLE001 - record what the version does
            dup_note = f"exact duplicate refused: {type(e).__name__}"
        self.features["exact_duplicate"] = dup_note
        c.log_batch(values, metrics=[Metric("dup", 0.5, ts + 200, 3)])  # same step and time, new value
        c.log_batch(values, metrics=[Metric("late", float(s) / 8, ts + 300 + s, s) for s in range(5)])
        c.log_batch(values, metrics=[Metric("late", -0.0, ts + 400, 1), Metric("late", 9.5, ts + 401, 0)])
        params = {"long_unicode": LONG_UNICODE, "paramètre_名前": "värde 值", "empty": "", "spaces": "  padded  ",
                  "multi_line": "line one\nline two", "quote": "it's \"quoted\": yes"}
        params.update({f"yamlish_{i}": v for i, v in enumerate(YAMLISH)})
        for k, v in params.items():
            c.log_param(values, k, v)
        c.set_tag(values, "long_unicode", LONG_UNICODE)
        c.set_tag(values, "yamlish", "0o17")
        self.datasets(values)
        # Before the run ends: resuming a run (mlflow.start_run(run_id=...)) ends it at the wall clock.
        model_id = self.logged_model(values)
        self.end(values, "FINISHED")

        # 2. other statuses; the names are YAML-ish, so they land in meta.yaml as such.
        failed = self.run(exp, "1e5", user="1e3")
        c.log_metric(failed, "loss", float("nan"), timestamp=self.tick(), step=0)
        self.end(failed, "FAILED")
        killed = self.run(exp, "0o17")
        c.log_metric(killed, "loss", 0.75, timestamp=self.tick(), step=0)
        self.end(killed, "KILLED")
        scheduled = self.run(exp, "1.5e5")
        self.end(scheduled, "SCHEDULED", end=False)
        running = self.run(exp, "running")
        c.log_metric(running, "loss", 1.5, timestamp=self.tick(), step=0)
        self.end(running, "RUNNING", end=False)

        # 3. nested runs: a parent and two children (one FAILED).
        parent = self.run(exp, "hpo-parent")
        for i, status in enumerate(["FINISHED", "FAILED"]):
            child = self.run(exp, f"hpo-trial-{i}", parent=parent)
            c.log_param(child, "trial", str(i))
            c.log_metric(child, "auc", 0.5 + i / 10, timestamp=self.tick(), step=i)
            self.end(child, status)
        self.end(parent, "FINISHED")

        # 4. a deleted run, a run in the YAML-ish experiment, and a deleted experiment with a run.
        deleted = self.run(exp, "deleted-run")
        c.log_metric(deleted, "loss", 2.0, timestamp=self.tick(), step=0)
        self.end(deleted, "FINISHED")
        c.delete_run(deleted)
        other = self.run(yaml_exp, "0123")
        c.log_param(other, "yamlish", "1e5")
        self.end(other, "FINISHED")
        sandbox = self.run(gone_exp, "sandbox")
        self.end(sandbox, "FINISHED")
        c.delete_experiment(gone_exp)

        # 5. the registry (version 1 registers the logged model where there is one).
        self.registry(values, parent, model_id)

    def datasets(self, run_id: str) -> None:
        if not hasattr(mlflow, "log_input"):
            self.features["datasets"] = "skipped: no mlflow.log_input"
            return
        import pandas as pd

        frame = pd.DataFrame({"drug": ["d1", "d2", "d3"], "case_count": [3, 5, 8], "prr": [1.5, 2.25, -0.0]})
        with mlflow.start_run(run_id=run_id):
            with_source = mlflow.data.from_pandas(frame, source="s3://pv-data/faers/2024Q1/drug_event.parquet", name="faers_2024Q1")
            mlflow.log_input(with_source, context="training")
            # No source given: the version picks its default source (code location or none).
            no_source = mlflow.data.from_pandas(frame.head(2), name="2e5")
            mlflow.log_input(no_source, context="evaluation")
            # The same dataset under a second context, and an explicit all-digit-with-e digest.
            explicit = mlflow.data.from_pandas(frame.tail(1), source="https://example.org/faers.csv", name="faers_explicit", digest="1234e567")
            mlflow.log_input(explicit, context="validation")
        self.features["datasets"] = "logged"

    def logged_model(self, run_id: str) -> str | None:
        if not hasattr(mlflow, "create_external_model"):
            self.features["logged_models"] = "skipped: no mlflow.create_external_model"
            return None
        with mlflow.start_run(run_id=run_id):
            model = mlflow.create_external_model(name="matrix-model", params={"alpha": "0.5", "yamlish": "1e5"},
                                                 tags={"team": "pv"}, model_type="classifier")
            mlflow.log_metric("acc", 0.875, step=2, timestamp=self.tick(), model_id=model.model_id)
        self.features["logged_models"] = "logged"
        return model.model_id

    def registry(self, run_id: str, parent_id: str, model_id: str | None) -> None:
        c = self.c
        try:
            c.create_registered_model("pv-matrix-model", tags={"team": "pv", "yamlish": "1e5"}, description=LONG_UNICODE)
        except Exception as e:  # noqa: BLE001 - the 1.x file store has no model registry
            self.features["registry"] = f"skipped: {type(e).__name__}: {str(e).splitlines()[0][:120]}"
            return
        run = c.get_run(run_id)
        sources = [
            (f"models:/{model_id}" if model_id else f"{run.info.artifact_uri}/model", run_id, "Production", "1e5"),
            (f"{run.info.artifact_uri}/model-b", run_id, "Staging", "version two — ünïcødé"),
            (f"{c.get_run(parent_id).info.artifact_uri}/model", parent_id, "Archived", None),
        ]
        for source, rid, stage, description in sources:
            kwargs = {"description": description} if description else {}
            mv = c.create_model_version("pv-matrix-model", source, run_id=rid, tags={"stage.want": stage, "yamlish": "0o17"}, **kwargs)
            c.transition_model_version_stage("pv-matrix-model", mv.version, stage)
        self.features["registry"] = "written"
        if hasattr(c, "set_registered_model_alias"):
            c.set_registered_model_alias("pv-matrix-model", "champion", "1")
            c.set_registered_model_alias("pv-matrix-model", "challenger", "2")
            c.set_registered_model_alias("pv-matrix-model", "1e5", "2")
            self.features["aliases"] = "set"
        else:
            self.features["aliases"] = "skipped: no set_registered_model_alias"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracking-uri", required=True)
    ap.add_argument("--artifact-root", help="artifact root for the SQL store's experiments")
    ap.add_argument("--features-out", type=Path, help="where to write what was skipped (JSON)")
    args = ap.parse_args(argv)
    s = Scenario(args.tracking_uri, args.artifact_root)
    s.write()
    text = json.dumps(s.features, indent=1, sort_keys=True, ensure_ascii=False)
    if args.features_out:
        args.features_out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
