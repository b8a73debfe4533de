#!/usr/bin/env python
"""Change a store written by populate_store.py through MlflowClient, as later work on it would.

  <venv>/bin/python scripts/mlflow/change_store.py --tracking-uri sqlite:////tmp/x/mlflow.db

test/auditRunChanges.test.ts ingests the store, runs this, ingests again and checks the audit
events against what export_expected.py reports before and after, so the changes are picked from
the store itself and nothing here has to match a constant in the test. It changes one finished
run (a new param, a changed and a removed tag, a metric point at a new step), terminates the
running run, deletes a failed run, and in the registry moves a version to another stage, moves an
alias, edits a version's description and tags, and registers one more version. It prints what
it did as JSON.

With --purge it instead deletes one more finished run for good (delete_run, then `mlflow gc`),
so the store no longer lists it at all: the ingester must mark it deleted itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import ViewType  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--tracking-uri", required=True)
    ap.add_argument("--purge", action="store_true")
    args = ap.parse_args(argv)
    c = MlflowClient(tracking_uri=args.tracking_uri, registry_uri=args.tracking_uri)
    exps = [e.experiment_id for e in c.search_experiments(view_type=ViewType.ALL)]
    runs = sorted(c.search_runs(exps, run_view_type=ViewType.ACTIVE_ONLY, max_results=1000),
                  key=lambda r: (r.info.start_time or 0, r.info.run_id))
    top = [r for r in runs if "mlflow.parentRunId" not in r.data.tags]
    done = {}
    if args.purge:
        parents = {r.data.tags.get("mlflow.parentRunId") for r in runs}
        victim = next(r for r in reversed(top) if r.info.status == "FINISHED" and r.info.run_id not in parents)
        c.delete_run(victim.info.run_id)
        subprocess.run([sys.executable, "-m", "mlflow", "gc", "--backend-store-uri", args.tracking_uri,
                        "--tracking-uri", args.tracking_uri, "--run-ids", victim.info.run_id], check=True, stdout=subprocess.DEVNULL)
        print(json.dumps({"purged": victim.info.run_id}))
        return

    finished = next(r for r in top if r.info.status == "FINISHED" and r.data.params and r.data.tags)
    rid = finished.info.run_id
    c.log_param(rid, "reviewed_by", "qa.reviewer")
    user_tags = sorted(k for k in finished.data.tags if not k.startswith("mlflow."))
    c.set_tag(rid, user_tags[0], finished.data.tags[user_tags[0]] + "-changed")
    if len(user_tags) > 1:
        c.delete_tag(rid, user_tags[1])
    if finished.data.metrics:
        key = sorted(finished.data.metrics)[0]
        last = max(m.step for m in c.get_metric_history(rid, key))
        c.log_metric(rid, key, 0.987, timestamp=int(time.time() * 1000), step=last + 1)
    done["changed"] = rid

    running = next((r for r in runs if r.info.status == "RUNNING"), None)
    if running:
        c.set_terminated(running.info.run_id, status="FINISHED")
        done["terminated"] = running.info.run_id

    failed = next((r for r in top if r.info.status == "FAILED" and r.info.run_id != rid), None)
    if failed:
        c.delete_run(failed.info.run_id)
        done["deleted"] = failed.info.run_id

    models = c.search_registered_models()
    if models:
        name = models[0].name
        versions = sorted(c.search_model_versions(f"name='{name}'"), key=lambda v: int(v.version))
        first, last = versions[0], versions[-1]
        c.transition_model_version_stage(name, first.version, "Archived")
        c.update_model_version(name, last.version, description="re-validated on the next quarter")
        c.set_model_version_tag(name, last.version, "validated_by", "qa.reviewer")
        for key in sorted((last.tags or {}).keys())[:1]:
            c.delete_model_version_tag(name, last.version, key)
        if hasattr(c, "set_registered_model_alias"):
            c.set_registered_model_alias(name, "champion", first.version)
        source_run = next((r for r in top if r.info.run_id not in (done.get("deleted"), first.run_id, last.run_id)), None)
        if source_run:
            mv = c.create_model_version(name, f"runs:/{source_run.info.run_id}/model", run_id=source_run.info.run_id)
            done["registered"] = f"{name}/{mv.version}"
        done["versions"] = [f"{name}/{first.version}", f"{name}/{last.version}"]
    print(json.dumps(done, sort_keys=True))


if __name__ == "__main__":
    main()
