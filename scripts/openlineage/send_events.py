"""Send a job's lineage through the real openlineage-python client, as an integration would.

Reads a scenario (JSON) on stdin, the API key from OPENLINEAGE_API_KEY, and sends, through the
client's HttpTransport with ApiKeyTokenProvider:

  run `runId`:       START, RUNNING, COMPLETE (parent facet naming `parent`)
  run `failedRunId`: START, FAIL (errorMessage facet)

Every event reads `input` and writes `output`; both carry a schema facet, and the output a
column-lineage facet (field and dataset-level dependencies). Prints one JSON line per event sent:
{"eventType", "runId", "status"}. Exits non-zero when an event is refused: HttpTransport raises.
"""

import json
import os
import sys
from datetime import datetime, timedelta, timezone

from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.generated import column_lineage_dataset as cl
from openlineage.client.generated import error_message_run, parent_run, schema_dataset
from openlineage.client.transport.http import ApiKeyTokenProvider, HttpConfig, HttpTransport

PRODUCER = "https://github.com/pv-lineage/pv-lineage/tree/main/scripts/openlineage"


def schema(fields):
    return schema_dataset.SchemaDatasetFacet(
        fields=[schema_dataset.SchemaDatasetFacetFields(name=f["name"], type=f["type"], description=f.get("description")) for f in fields]
    )


def input_field(ref):
    return cl.InputField(
        namespace=ref["namespace"],
        name=ref["name"],
        field=ref["field"],
        transformations=[cl.Transformation(type=t["type"], subtype=t.get("subtype"), description=t.get("description"), masking=t.get("masking")) for t in ref["transformations"]],
    )


def column_lineage(spec):
    return cl.ColumnLineageDatasetFacet(
        fields={name: cl.Fields(inputFields=[input_field(r) for r in refs]) for name, refs in spec["fields"].items()},
        dataset=[input_field(r) for r in spec["dataset"]],
    )


def main():
    s = json.load(sys.stdin)
    transport = HttpTransport(
        HttpConfig(
            url=s["url"],
            endpoint="api/v1/lineage",
            auth=ApiKeyTokenProvider({"apiKey": os.environ["OPENLINEAGE_API_KEY"]}),
            # A refusal must fail the run at once, not be retried.
            retry={"total": 0},
        )
    )
    client = OpenLineageClient(transport=transport)
    job = Job(namespace=s["namespace"], name=s["job"])
    inputs = [InputDataset(namespace=s["input"]["namespace"], name=s["input"]["name"], facets={"schema": schema(s["input"]["fields"])})]
    outputs = [
        OutputDataset(
            namespace=s["output"]["namespace"],
            name=s["output"]["name"],
            facets={"schema": schema(s["output"]["fields"]), "columnLineage": column_lineage(s["columnLineage"])},
        )
    ]
    parent = parent_run.ParentRunFacet(
        run=parent_run.Run(runId=s["parent"]["runId"]),
        job=parent_run.Job(namespace=s["parent"]["namespace"], name=s["parent"]["name"]),
    )
    start = datetime.fromisoformat(s["start"]).astimezone(timezone.utc)
    plan = [
        (s["runId"], RunState.START, 0, {"parent": parent}),
        (s["runId"], RunState.RUNNING, 10, {"parent": parent}),
        (s["runId"], RunState.COMPLETE, 20, {"parent": parent}),
        (s["failedRunId"], RunState.START, 30, {}),
        (s["failedRunId"], RunState.FAIL, 40, {"errorMessage": error_message_run.ErrorMessageRunFacet(message=s["errorMessage"], programmingLanguage="python")}),
    ]
    for run_id, state, seconds, facets in plan:
        event = RunEvent(
            eventType=state,
            eventTime=(start + timedelta(seconds=seconds)).isoformat(),
            run=Run(runId=run_id, facets=facets),
            job=job,
            producer=PRODUCER,
            inputs=inputs,
            outputs=outputs,
        )
        client.emit(event)
        print(json.dumps({"eventType": state.value, "runId": run_id, "status": "sent"}), flush=True)


if __name__ == "__main__":
    main()
