#!/usr/bin/env python
"""Generate a large MLflow SQLite tracking store for benchmarks.

  .venv/mlflow/bin/python scripts/mlflow/generate_bench_store.py --out /tmp/bench/mlflow.db \
      [--runs 10000] [--steps 100] [--params 20] [--metrics 10] [--datasets 50] \
      [--versions 20] [--seed 7] [--verify]

The schema is created by the pinned mlflow itself (MlflowClient on sqlite:///OUT creates
all tables at the alembic head and one experiment, "pv-bench"); the rows are then bulk
inserted with the sqlite3 module in large transactions (journal_mode=OFF, synchronous=OFF).
Column lists come from PRAGMA table_info, so columns added by later mlflow versions
(e.g. `workspace`) get their declared defaults; a NOT NULL column without a default that
this script does not know makes it stop with an error rather than write a broken store.

Default size: 10,000 runs x 20 params x 10 metrics x 100 steps = 10M metric rows, with
latest_metrics consistent with metrics, 50 datasets, 2 dataset inputs per run (training,
evaluation; input_tags mlflow.data.context), 5 tags per run, 1 registered model
("pv-bench-signal-xgb") with 20 versions pointing at runs.

Rows are deterministic for a given --seed (run ids come from a seeded RNG); only the
experiment's creation time is wall-clock. --verify reads a sample back with MlflowClient
(search_runs, get_metric_history, registry) and checks it against what was written.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sqlite3
import sys
import time
import uuid
from pathlib import Path

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

BASE_TS = 1704067200000  # 2024-01-01T00:00:00Z
EXPERIMENT = "pv-bench"
MODEL_NAME = "pv-bench-signal-xgb"
QUARTERS = [f"{y}Q{q}" for y in range(2012, 2025) for q in range(1, 5)]

METRIC_KEYS = [
    "AUC_test", "AP_test", "logloss", "AUC_train", "AP_train", "logloss_train",
    "precision_at_50", "recall_at_50", "prr_signal_count", "new_signal_count",
]
FIXED_PARAMS = ["max_depth", "eta", "subsample", "n_estimators", "objective", "data_period",
                "features/set", "eval_metric", "seed", "colsample_bytree"]


def metric_value(key_idx: int, run_idx: int, step: int, steps: int) -> float:
    """Cheap deterministic curve per (metric, run, step)."""
    frac = (step + 1) / steps
    jitter = ((run_idx * 7919 + key_idx * 104729 + step * 31) % 1000) / 1e6
    if key_idx in (2, 5):  # loglosses decrease
        return round(0.693 - 0.35 * frac + jitter, 6)
    if key_idx in (8, 9):  # counts
        return float((run_idx + key_idx * 13 + step) % 400)
    return round(0.5 + 0.4 * frac - (run_idx % 97) / 1000 + jitter, 6)


def table_columns(con: sqlite3.Connection, table: str) -> list[tuple[str, bool, object]]:
    """[(name, notnull, default)] from PRAGMA table_info."""
    return [(r[1], bool(r[3]), r[4]) for r in con.execute(f"PRAGMA table_info({table})")]


class Inserter:
    """INSERT statement for `table` filling the given columns, checking the schema."""

    def __init__(self, con: sqlite3.Connection, table: str, provided: list[str]):
        cols = table_columns(con, table)
        if not cols:
            raise SystemExit(f"table {table!r} does not exist in this mlflow schema")
        names = [c[0] for c in cols]
        unknown = [p for p in provided if p not in names]
        if unknown:
            raise SystemExit(f"{table}: columns {unknown} not in schema {names}")
        missing = [n for n, notnull, default in cols
                   if notnull and default is None and n not in provided]
        if missing:
            raise SystemExit(f"{table}: NOT NULL columns without default not filled: {missing}")
        self.sql = (f"INSERT INTO {table} ({', '.join(provided)}) "
                    f"VALUES ({', '.join('?' * len(provided))})")
        self.con = con

    def many(self, rows):
        self.con.executemany(self.sql, rows)


def create_schema(db: Path) -> str:
    from mlflow import MlflowClient

    uri = f"sqlite:///{db}"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    exp_id = client.create_experiment(
        EXPERIMENT, artifact_location=f"file://{db.parent}/mlruns/bench",
        tags={"team": "pharmacovigilance-analytics", "purpose": "benchmark"})
    store = client._tracking_client.store
    engine = getattr(store, "engine", None)
    if engine is not None:
        engine.dispose()
    return exp_id


def generate(out: Path, runs: int, steps: int, n_params: int, n_metrics: int,
             n_datasets: int, n_versions: int, seed: int) -> dict:
    t_start = time.time()
    if out.exists():
        out.unlink()
    out.parent.mkdir(parents=True, exist_ok=True)
    exp_id = int(create_schema(out))
    t_schema = time.time()

    rng = random.Random(seed)
    run_ids = [uuid.UUID(int=rng.getrandbits(128), version=4).hex for _ in range(runs)]
    keys = METRIC_KEYS[:n_metrics] + [f"metric_{i:02d}" for i in range(len(METRIC_KEYS),
                                                                        n_metrics)]
    param_keys = FIXED_PARAMS[:n_params] + [f"xgb/extra_{i:02d}" for i in
                                            range(len(FIXED_PARAMS), n_params)]
    run_span = steps * 1000 + 60_000  # each run: steps 1 s apart, then a 1 min gap

    def start_of(i):
        return BASE_TS + i * run_span

    con = sqlite3.connect(out, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA temp_store=MEMORY")
    con.execute("PRAGMA cache_size=-1048576")  # 1 GiB page cache

    # Secondary indexes on the big tables are dropped during the load and recreated from
    # their stored SQL afterwards (same schema, much faster than maintaining them per row).
    big = ("metrics", "latest_metrics", "params", "tags")
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(big))})", big).fetchall()

    counts = {}
    con.execute("BEGIN")
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')

    ins_run = Inserter(con, "runs", [
        "run_uuid", "name", "source_type", "source_name", "entry_point_name", "user_id",
        "status", "start_time", "end_time", "source_version", "lifecycle_stage",
        "artifact_uri", "experiment_id", "deleted_time"])
    users = ["a.moreau", "l.nguyen", "j.okafor", "pv-pipeline"]
    statuses = ["FINISHED"] * 17 + ["FAILED", "KILLED", "RUNNING"]
    run_status = [statuses[i % len(statuses)] for i in range(runs)]
    ins_run.many(
        (rid, f"bench-run-{i:06d}", "UNKNOWN", "", "", users[i % len(users)], run_status[i],
         start_of(i), None if run_status[i] == "RUNNING" else start_of(i) + run_span - 30_000,
         "", "active", f"file://{out.parent}/mlruns/bench/{rid}/artifacts", exp_id, None)
        for i, rid in enumerate(run_ids))
    counts["runs"] = runs

    ins_param = Inserter(con, "params", ["key", "value", "run_uuid"])

    def param_value(k, i):
        return {
            "max_depth": str(3 + i % 8), "eta": str(round(0.01 + (i % 30) / 100, 2)),
            "subsample": str(round(0.5 + (i % 6) / 10, 1)), "n_estimators": str(100 + i % 900),
            "objective": "binary:logistic", "data_period": QUARTERS[i % len(QUARTERS)],
            "features/set": f"drug_pt_disproportionality_v{1 + i % 4}", "eval_metric": "auc",
            "seed": str(i % 5), "colsample_bytree": str(round(0.6 + (i % 5) / 10, 1)),
        }.get(k, f"v{(i * 31 + len(k)) % 1000}")

    ins_param.many((k, param_value(k, i), rid) for i, rid in enumerate(run_ids)
                   for k in param_keys)
    counts["params"] = runs * len(param_keys)

    ins_tag = Inserter(con, "tags", ["key", "value", "run_uuid"])
    commits = [f"{(seed * 2654435761 + j * 40503) & 0xFFFFFFFF:08x}" * 5 for j in range(16)]

    def tags_of(i, rid):
        yield "mlflow.runName", f"bench-run-{i:06d}", rid
        yield "mlflow.user", users[i % len(users)], rid
        yield "mlflow.source.name", "pv_signal/train_xgb.py", rid
        yield "mlflow.source.git.commit", commits[i % len(commits)], rid
        if i % 10 == 0:
            yield "pv.signal_method", "PRR", rid
        else:  # every run but multiples of 10 is a child of the previous multiple of 10
            yield "mlflow.parentRunId", run_ids[i - i % 10], rid

    ins_tag.many(t for i, rid in enumerate(run_ids) for t in tags_of(i, rid))
    counts["tags"] = runs * 5

    # metrics: key-major, then run, then step, so each key's primary-key range is appended
    # in increasing timestamp order.
    ins_metric = Inserter(con, "metrics", ["key", "value", "timestamp", "run_uuid", "step",
                                           "is_nan"])
    for k_idx, key in enumerate(keys):
        ins_metric.many(
            (key, metric_value(k_idx, i, s, steps), start_of(i) + s * 1000 + k_idx, rid, s, 0)
            for i, rid in enumerate(run_ids) for s in range(steps))
    counts["metrics"] = runs * len(keys) * steps

    ins_latest = Inserter(con, "latest_metrics", ["key", "value", "timestamp", "step",
                                                  "is_nan", "run_uuid"])
    last = steps - 1
    ins_latest.many(
        (key, metric_value(k_idx, i, last, steps), start_of(i) + last * 1000 + k_idx, last, 0,
         rid)
        for i, rid in enumerate(run_ids) for k_idx, key in enumerate(keys))
    counts["latest_metrics"] = runs * len(keys)

    # datasets + inputs (each run: one training and one evaluation dataset)
    schema = json.dumps({"mlflow_colspec": [
        {"type": "string", "name": "drug", "required": True},
        {"type": "string", "name": "pt_term", "required": True},
        {"type": "long", "name": "case_count", "required": True}]})
    ds_rows = []
    for d in range(n_datasets):
        q = QUARTERS[d % len(QUARTERS)]
        ds_rows.append((
            uuid.UUID(int=rng.getrandbits(128), version=4).hex, exp_id,
            f"faers_{q}" + (f"_r{d // len(QUARTERS)}" if d >= len(QUARTERS) else ""),
            f"{rng.getrandbits(32):08x}", "s3",
            json.dumps({"uri": f"s3://pv-data/faers/{q}/drug_event_{d}.parquet"}), schema,
            json.dumps({"num_rows": 1000 + d, "num_elements": 3 * (1000 + d)})))
    Inserter(con, "datasets", [
        "dataset_uuid", "experiment_id", "name", "digest", "dataset_source_type",
        "dataset_source", "dataset_schema", "dataset_profile"]).many(ds_rows)
    counts["datasets"] = len(ds_rows)

    input_rows, input_tag_rows = [], []
    if ds_rows:
        for i, rid in enumerate(run_ids):
            pairs = [("training", i % len(ds_rows))]
            if len(ds_rows) > 1:
                pairs.append(("evaluation", (i + 1) % len(ds_rows)))
            for ctx, d in pairs:
                iid = uuid.UUID(int=rng.getrandbits(128), version=4).hex
                input_rows.append((iid, "DATASET", ds_rows[d][0], "RUN", rid, 0))
                input_tag_rows.append((iid, "mlflow.data.context", ctx))
    Inserter(con, "inputs", ["input_uuid", "source_type", "source_id", "destination_type",
                             "destination_id", "step"]).many(input_rows)
    Inserter(con, "input_tags", ["input_uuid", "name", "value"]).many(input_tag_rows)
    counts["inputs"] = len(input_rows)

    # registry: one model, n_versions versions pointing at evenly spread runs
    now = BASE_TS + runs * run_span
    Inserter(con, "registered_models", ["name", "creation_time", "last_updated_time",
                                        "description"]).many(
        [(MODEL_NAME, now, now + n_versions, "Benchmark registered model")])
    stages = ["Archived"] * max(n_versions - 2, 0) + ["Production", "Staging"]
    mv_rows = []
    for v in range(1, n_versions + 1):
        rid = run_ids[(v - 1) * runs // max(n_versions, 1)]
        src = f"file://{out.parent}/mlruns/bench/{rid}/artifacts/model"
        mv_rows.append((MODEL_NAME, v, now + v, now + v, None, "pv-pipeline",
                        stages[v - 1] if v - 1 < len(stages) else "None", src, rid, "READY",
                        None, None, src))
    Inserter(con, "model_versions", [
        "name", "version", "creation_time", "last_updated_time", "description", "user_id",
        "current_stage", "source", "run_id", "status", "status_message", "run_link",
        "storage_location"]).many(mv_rows)
    if n_versions >= 2:
        Inserter(con, "registered_model_aliases", ["alias", "version", "name"]).many(
            [("champion", n_versions - 1, MODEL_NAME), ("challenger", n_versions, MODEL_NAME)])
    counts["model_versions"] = n_versions
    con.execute("COMMIT")
    t_load = time.time()

    con.execute("BEGIN")
    for _, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    t_index = time.time()
    return {
        "out": str(out),
        "experiment_id": str(exp_id),
        "counts": counts,
        "seconds": {"schema": round(t_schema - t_start, 1), "load": round(t_load - t_schema, 1),
                    "indexes": round(t_index - t_load, 1), "total": round(t_index - t_start, 1)},
        "bytes": out.stat().st_size,
        "run_ids_sample": [run_ids[0], run_ids[-1]],
    }


def verify(out: Path, runs: int, steps: int, n_params: int, n_metrics: int, seed: int,
           exp_id: str):
    """Read a sample back through MlflowClient and compare with what was written."""
    from mlflow import MlflowClient
    from mlflow.entities import ViewType

    uri = f"sqlite:///{out}"
    c = MlflowClient(tracking_uri=uri, registry_uri=uri)
    rng = random.Random(seed)
    run_ids = [uuid.UUID(int=rng.getrandbits(128), version=4).hex for _ in range(runs)]
    keys = METRIC_KEYS[:n_metrics] + [f"metric_{i:02d}" for i in range(len(METRIC_KEYS),
                                                                        n_metrics)]
    found, token = [], None
    while True:
        page = c.search_runs([exp_id], run_view_type=ViewType.ALL, max_results=1000,
                             page_token=token)
        found.extend(page)
        token = page.token
        if not token:
            break
    assert len(found) == runs, (len(found), runs)
    by_id = {r.info.run_id: r for r in found}
    assert set(by_id) == set(run_ids), "run ids differ"
    for i in sorted({0, 1, runs // 2, runs - 1}):
        r = by_id[run_ids[i]]
        assert len(r.data.params) == n_params, (len(r.data.params), n_params)
        assert len(r.data.metrics) == n_metrics
        for k_idx, key in enumerate(keys):
            want = metric_value(k_idx, i, steps - 1, steps)
            assert math.isclose(r.data.metrics[key], want), (key, r.data.metrics[key], want)
            hist = c.get_metric_history(run_ids[i], key)
            assert len(hist) == steps, (key, len(hist), steps)
            for m in hist:
                assert math.isclose(m.value, metric_value(k_idx, i, m.step, steps))
        ctx = sorted(t.value for di in r.inputs.dataset_inputs for t in di.tags)
        assert ctx == ["evaluation", "training"], ctx
    # filter + order through the SQL search path
    best = c.search_runs([exp_id], filter_string="metrics.AUC_test > 0.8",
                         order_by=["metrics.AUC_test DESC"], max_results=5)
    assert best and best[0].data.metrics["AUC_test"] >= best[-1].data.metrics["AUC_test"]
    mvs = c.search_model_versions(f"name='{MODEL_NAME}'")
    assert all(mv.run_id in by_id for mv in mvs), "model version run ids"
    champion = c.get_model_version_by_alias(MODEL_NAME, "champion") if len(mvs) >= 2 else None
    return {"runs": len(found), "model_versions": len(mvs),
            "champion": champion.version if champion else None}


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a large MLflow SQLite store.")
    ap.add_argument("--out", type=Path, required=True, help="path of the .db file to create")
    ap.add_argument("--runs", type=int, default=10000)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--params", type=int, default=20)
    ap.add_argument("--metrics", type=int, default=10)
    ap.add_argument("--datasets", type=int, default=50)
    ap.add_argument("--versions", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--verify", action="store_true",
                    help="read a sample back with MlflowClient and check it")
    args = ap.parse_args(argv)
    if args.runs < 1 or args.steps < 1 or args.metrics < 1 or args.versions > args.runs:
        ap.error("need --runs >= 1, --steps >= 1, --metrics >= 1, --versions <= --runs")
    out = args.out.resolve()
    res = generate(out, args.runs, args.steps, args.params, args.metrics, args.datasets,
                   args.versions, args.seed)
    if args.verify:
        t = time.time()
        res["verify"] = verify(out, args.runs, args.steps, args.params, args.metrics,
                               args.seed, res["experiment_id"])
        res["seconds"]["verify"] = round(time.time() - t, 1)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    sys.exit(main())
