#!/usr/bin/env python
"""Export what MLflow's OWN client reports about a tracking store to expected.json.

The ingester tests compare what pv-lineage reads from a store (directly from files / SQL /
REST) with this file, which is produced only through `MlflowClient` of the pinned mlflow.

  .venv/mlflow/bin/python scripts/mlflow/export_expected.py            # both fixture stores
  .venv/mlflow/bin/python scripts/mlflow/export_expected.py --store sqlite
  .venv/mlflow/bin/python scripts/mlflow/export_expected.py --tracking-uri URI --out FILE

JSON conventions (see scripts/mlflow/README.md):
  * ids are strings (experiment ids too: file-store ids exceed 2^53), model versions strings;
  * floats that JSON cannot hold are the strings "NaN", "Infinity", "-Infinity"; any other
    value is exactly what MLflow returned (the SQL store returns +/-inf as
    +/-1.7976931348623157e308, and that is what is exported for it);
  * metric histories are [step, timestamp, value] lists sorted by (step, timestamp, value),
    which is the order the SQL store returns; the file store returns file (logging) order;
  * every list is sorted; dict keys are sorted.

Never point this at a store you must not modify: opening an old SQL store with MlflowClient
runs the alembic migrations.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import struct
import sys
from pathlib import Path

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import mlflow  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import ViewType  # noqa: E402

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parent.parent
FIXTURES = REPO_ROOT / "demo" / "mlflow"


_FLAT_LIST = re.compile(r"\[\n\s+([^\[\]{}\n]*(?:,\n\s+[^\[\]{}\n]*)*)\n\s*\]")


# --bits: every metric value is the hex of its IEEE-754 bits ("0x8000000000000000" is -0.0),
# so a reader compares doubles bit-exactly without trusting any decimal round trip.
BITS = False


def fbits(v: float) -> str:
    return "0x%016x" % struct.unpack(">Q", struct.pack(">d", float(v)))[0]


def fnum(v):
    """JSON-safe float: NaN / +-inf become strings, everything else unchanged (hex bits with --bits)."""
    if v is None:
        return None
    v = float(v)
    if BITS:
        return fbits(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def _sort_value(v):
    v = float(v)
    # NaN sorts last, like the SQL store (value 0 with is_nan=1 sorts after is_nan=0 on ties)
    return (1, 0.0) if math.isnan(v) else (0, v)


def paged(fn, **kwargs):
    token = None
    while True:
        try:
            page = fn(page_token=token, **kwargs)
        except TypeError:
            # mlflow 1.x: search_model_versions takes no paging arguments.
            kwargs.pop("max_results", None)
            yield from fn(**kwargs)
            return
        yield from page
        token = page.token
        if not token:
            break


def uri_kind(uri: str) -> str:
    if uri.startswith("file:") or "://" not in uri:
        return "file"
    return uri.split(":", 1)[0]


def export_experiments(c: MlflowClient):
    exps = list(paged(c.search_experiments, view_type=ViewType.ALL, max_results=1000))
    out = []
    for e in exps:
        out.append({
            "experiment_id": str(e.experiment_id),
            "name": e.name,
            "lifecycle_stage": e.lifecycle_stage,
            "artifact_location": e.artifact_location,
            "creation_time": e.creation_time,
            "last_update_time": e.last_update_time,
            "tags": dict(sorted(e.tags.items())),
        })
    out.sort(key=lambda e: (e["name"], e["experiment_id"]))
    return out


def history(c: MlflowClient, run_id: str, key: str):
    ms = list(c.get_metric_history(run_id, key))
    ms.sort(key=lambda m: (m.step, m.timestamp, _sort_value(m.value)))
    return ms


def export_run(c: MlflowClient, r):
    info, data = r.info, r.data
    latest = {}
    for m in data._metric_objs:
        latest[m.key] = [m.step, m.timestamp, fnum(m.value)]
    hist, hist_len, bound = {}, {}, []
    for key in sorted(data.metrics):
        ms = history(c, info.run_id, key)
        hist[key] = [[m.step, m.timestamp, fnum(m.value)] for m in ms]
        hist_len[key] = len(ms)
        for m in ms:
            # dataset_name / dataset_digest / model_id: mlflow 3.x only
            ds_name, ds_digest = getattr(m, "dataset_name", None), getattr(m, "dataset_digest", None)
            if ds_name or ds_digest or getattr(m, "model_id", None):
                bound.append({
                    "key": key, "step": m.step, "timestamp": m.timestamp, "value": fnum(m.value),
                    "dataset_name": ds_name, "dataset_digest": ds_digest,
                    "model_id": getattr(m, "model_id", None),
                })
    bound.sort(key=lambda b: (b["key"], b["step"], b["timestamp"], str(b["value"])))

    datasets = []
    model_inputs = []
    if getattr(r, "inputs", None):  # mlflow 2.4+
        for di in r.inputs.dataset_inputs or []:
            ds = di.dataset
            tags = {t.key: t.value for t in di.tags or []}
            datasets.append({
                "name": ds.name,
                "digest": ds.digest,
                "source_type": ds.source_type,
                "source": ds.source,
                "schema": ds.schema,
                "profile": ds.profile,
                "context": tags.get("mlflow.data.context"),
                "tags": dict(sorted(tags.items())),
            })
        for mi in getattr(r.inputs, "model_inputs", None) or []:
            model_inputs.append({"model_id": mi.model_id})
    datasets.sort(key=lambda d: (d["name"], d["digest"], d["context"] or ""))
    model_outputs = []
    if getattr(r, "outputs", None):
        for mo in r.outputs.model_outputs or []:
            model_outputs.append({"model_id": mo.model_id, "step": mo.step})
    model_outputs.sort(key=lambda m: (m["step"], m["model_id"]))
    model_inputs.sort(key=lambda m: m["model_id"])

    return {
        "run_id": info.run_id,
        "experiment_id": str(info.experiment_id),
        "run_name": info.run_name,
        "status": info.status,
        "lifecycle_stage": info.lifecycle_stage,
        "start_time": info.start_time,
        "end_time": info.end_time,
        "user_id": info.user_id,
        "artifact_uri": info.artifact_uri,
        "parent_run_id": data.tags.get("mlflow.parentRunId"),
        "params": dict(sorted(data.params.items())),
        "tags": dict(sorted(data.tags.items())),
        "metrics": {k: fnum(v) for k, v in sorted(data.metrics.items())},
        "latest_metrics": dict(sorted(latest.items())),
        "metric_history_lengths": hist_len,
        "metric_history": hist,
        "dataset_bound_metrics": bound,
        "dataset_inputs": datasets,
        "model_inputs": model_inputs,
        "model_outputs": model_outputs,
    }


def export_runs(c: MlflowClient, experiment_ids):
    runs = list(paged(c.search_runs, experiment_ids=experiment_ids,
                      run_view_type=ViewType.ALL, max_results=50000))
    out = [export_run(c, r) for r in runs]
    out.sort(key=lambda r: (r["start_time"] or 0, r["run_name"] or "", r["run_id"]))
    return out


def registry_supported(c: MlflowClient) -> bool:
    """False where the version has no registry for this store (mlflow 1.x file stores)."""
    try:
        list(c.search_registered_models(max_results=1))
        return True
    except Exception as e:  # noqa: BLE001 - 1.x raises MlflowException "... unavailable ..."
        if "unavailable" in str(e) or "not supported" in str(e).lower():
            return False
        raise


def export_registry(c: MlflowClient):
    out = []
    if not registry_supported(c):
        return out
    for rm in paged(c.search_registered_models, max_results=1000):
        full = c.get_registered_model(rm.name)
        versions = []
        for found in paged(c.search_model_versions, filter_string=f"name='{rm.name}'",
                           max_results=10000):
            # search_model_versions leaves `aliases` empty on the SQL store (the file store
            # fills it); get_model_version fills it on both.
            mv = c.get_model_version(found.name, str(found.version))
            versions.append({
                "version": str(mv.version),
                "current_stage": mv.current_stage,
                "status": mv.status,
                "status_message": mv.status_message,
                "run_id": mv.run_id,
                "run_link": mv.run_link,
                "source": mv.source,
                "model_id": getattr(mv, "model_id", None),
                "user_id": mv.user_id,
                "description": mv.description,
                "aliases": sorted(getattr(mv, "aliases", None) or []),  # mlflow 2.3+
                "tags": dict(sorted((mv.tags or {}).items())),
                "creation_timestamp": mv.creation_timestamp,
                "last_updated_timestamp": mv.last_updated_timestamp,
            })
        versions.sort(key=lambda v: int(v["version"]))
        out.append({
            "name": full.name,
            "description": full.description,
            "tags": dict(sorted((full.tags or {}).items())),
            "aliases": {a: str(v) for a, v in sorted((getattr(full, "aliases", None) or {}).items())},
            "latest_versions": sorted(
                ({"version": str(v.version), "current_stage": v.current_stage}
                 for v in full.latest_versions or []),
                key=lambda v: int(v["version"])),
            "creation_timestamp": full.creation_timestamp,
            "last_updated_timestamp": full.last_updated_timestamp,
            "versions": versions,
        })
    out.sort(key=lambda m: m["name"])
    return out


def export_logged_models(c: MlflowClient, experiment_ids):
    if not hasattr(c, "search_logged_models"):
        return None
    out = []
    for lm in paged(c.search_logged_models, experiment_ids=experiment_ids, max_results=100):
        metrics = sorted(
            ({"key": m.key, "step": m.step, "timestamp": m.timestamp, "value": fnum(m.value),
              "run_id": m.run_id, "dataset_name": m.dataset_name,
              "dataset_digest": m.dataset_digest} for m in lm.metrics or []),
            key=lambda m: (m["key"], m["step"], m["timestamp"], str(m["value"])))
        out.append({
            "model_id": lm.model_id,
            "experiment_id": str(lm.experiment_id),
            "name": lm.name,
            "source_run_id": lm.source_run_id,
            "status": str(lm.status),
            "status_message": lm.status_message,
            "model_type": lm.model_type,
            "artifact_location": lm.artifact_location,
            "creation_timestamp": lm.creation_timestamp,
            "last_updated_timestamp": lm.last_updated_timestamp,
            "params": dict(sorted((lm.params or {}).items())),
            "tags": dict(sorted((lm.tags or {}).items())),
            "metrics": metrics,
        })
    return out


def build(tracking_uri: str, registry_uri: str | None = None) -> dict:
    # mlflow 3.x's file registry store reads each version's logged model through a *global*
    # `MlflowClient()` (see the TODO in mlflow/store/model_registry/file_store.py). Without a
    # global tracking URI that client opens the default sqlite:///mlflow.db, creating an
    # empty mlflow.db in the cwd. Point the global URIs at the store being exported.
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(registry_uri or tracking_uri)
    c = MlflowClient(tracking_uri=tracking_uri, registry_uri=registry_uri or tracking_uri)
    experiments = export_experiments(c)
    exp_ids = [e["experiment_id"] for e in experiments]
    runs = export_runs(c, exp_ids)
    registered = export_registry(c)
    logged = export_logged_models(c, exp_ids)
    if logged is not None:
        # Stable across regenerations (ids are random): order by the source run's start time.
        run_order = {r["run_id"]: (r["start_time"] or 0, r["run_name"] or "") for r in runs}
        logged.sort(key=lambda m: (run_order.get(m["source_run_id"], (0, "")), m["name"],
                                   m["creation_timestamp"] or 0, m["model_id"]))
    return {
        "mlflow_version": mlflow.__version__,
        "store_kind": uri_kind(tracking_uri),
        "registry_supported": registry_supported(c),
        **({"value_encoding": "ieee754-hex"} if BITS else {}),
        "counts": {
            "experiments": len(experiments),
            "runs": len(runs),
            "runs_deleted": sum(r["lifecycle_stage"] == "deleted" for r in runs),
            "metric_values": sum(sum(r["metric_history_lengths"].values()) for r in runs),
            "registered_models": len(registered),
            "model_versions": sum(len(m["versions"]) for m in registered),
            "logged_models": None if logged is None else len(logged),
        },
        "experiments": experiments,
        "runs": runs,
        "registered_models": registered,
        "logged_models": logged,
    }


def export(tracking_uri: str, out: Path, registry_uri: str | None = None) -> dict:
    doc = build(tracking_uri, registry_uri)
    text = json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False)
    # Put flat lists (e.g. [step, timestamp, value]) on one line: same JSON, shorter diffs.
    text = _FLAT_LIST.sub(lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", text)
    Path(out).write_text(text + "\n", encoding="utf-8")
    return doc


def fixture_uri(store: str) -> str:
    if store == "filestore":
        return (FIXTURES / "filestore" / "mlruns").resolve().as_uri()
    return f"sqlite:///{(FIXTURES / 'sqlite' / 'mlflow.db').resolve()}"


def main(argv=None):
    ap = argparse.ArgumentParser(description="Export MlflowClient's view of a store to JSON.")
    ap.add_argument("--store", choices=["filestore", "sqlite"],
                    help="one of the fixture stores (default: both)")
    ap.add_argument("--tracking-uri", help="any tracking URI (then --out is required)")
    ap.add_argument("--registry-uri", help="defaults to the tracking URI")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--bits", action="store_true",
                    help="write metric values as the hex of their IEEE-754 bits (the matrix fixtures)")
    args = ap.parse_args(argv)
    global BITS
    BITS = args.bits
    if args.tracking_uri:
        if not args.out:
            ap.error("--out is required with --tracking-uri")
        export(args.tracking_uri, args.out, args.registry_uri)
        print(f"wrote {args.out}", file=sys.stderr)
        return
    for store in [args.store] if args.store else ["filestore", "sqlite"]:
        out = args.out or FIXTURES / store / "expected.json"
        export(fixture_uri(store), out)
        print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
