import { registerEnumType } from 'type-graphql';
import { ModelStage } from '../../domain/model';
import { MetricSpecial } from '../../domain/metric';
import { ReportKind, ReportStatus } from '../../domain/report';
import { RunStatus } from '../../domain/run';
import { SignalStatus } from '../../domain/signal';
import { SortDirection } from '../../domain/sort';
import { TrackingStoreKind } from '../../domain/trackingStore';
import { RunOrderField } from '../../services/runService';

registerEnumType(RunStatus, {
  name: 'RunStatus',
  description: 'Status of an MLflow run, as MLflow names it.',
  valuesConfig: {
    RUNNING: { description: 'The run has started and not ended.' },
    SCHEDULED: { description: 'The run is queued and has not started.' },
    FINISHED: { description: 'The run ended successfully.' },
    FAILED: { description: 'The run ended with an error.' },
    KILLED: { description: 'The run was stopped before it ended.' },
  },
});

registerEnumType(MetricSpecial, {
  name: 'MetricSpecial',
  description: 'A metric value that GraphQL Float or JSON cannot carry exactly. For NaN and ±infinity `value` is null; for −0.0 it is 0 (JSON has no negative zero).',
  valuesConfig: {
    NAN: { description: 'Not a number.' },
    POSITIVE_INFINITY: { description: 'Positive infinity.' },
    NEGATIVE_INFINITY: { description: 'Negative infinity.' },
    NEGATIVE_ZERO: { description: 'Negative zero (−0.0): `value` is 0 and this marks its sign.' },
  },
});

registerEnumType(ModelStage, {
  name: 'ModelStage',
  description: "A model version's registry stage (MLflow's legacy stages; aliases are the newer mechanism).",
  valuesConfig: {
    NONE: { description: 'No stage.' },
    STAGING: { description: 'Staging.' },
    PRODUCTION: { description: 'Production.' },
    ARCHIVED: { description: 'Archived.' },
  },
});

registerEnumType(ReportKind, {
  name: 'ReportKind',
  description: 'Kind of pharmacovigilance report.',
  valuesConfig: {
    PSUR: { description: 'Periodic Safety Update Report.' },
    PBRER: { description: 'Periodic Benefit-Risk Evaluation Report.' },
    DSUR: { description: 'Development Safety Update Report.' },
    SIGNAL_ASSESSMENT: { description: 'Assessment report for one or more signals.' },
    SIGNAL_DETECTION: { description: 'Output of a signal-detection run (e.g. a disproportionality screen).' },
    AD_HOC: { description: 'Any other report.' },
  },
});

registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Lifecycle status of a report.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared.' },
    FINAL: { description: 'Issued.' },
    SUPERSEDED: { description: 'Replaced by a newer version.' },
    WITHDRAWN: { description: 'Withdrawn; kept for the record.' },
  },
});

registerEnumType(SignalStatus, {
  name: 'SignalStatus',
  description: 'Signal management stage (GVP Module IX).',
  valuesConfig: {
    DETECTED: { description: 'Found by a detection method, not yet validated.' },
    VALIDATED: { description: 'Validated: evidence supports a new potential causal association.' },
    NOT_VALIDATED: { description: 'Validation found insufficient evidence; kept for the record.' },
    PRIORITISED: { description: 'Prioritised for assessment.' },
    ASSESSED: { description: 'Assessment completed.' },
    CLOSED: { description: 'Closed, with the outcome recorded.' },
  },
});

registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

registerEnumType(RunOrderField, {
  name: 'RunOrderField',
  description: 'What runs can be sorted by.',
  valuesConfig: {
    START_TIME: { description: 'Start time.' },
    METRIC: { description: 'Latest value of the metric named in `metricKey`. Runs without it, or with NaN, come last.' },
  },
});

registerEnumType(TrackingStoreKind, {
  name: 'TrackingStoreKind',
  description: 'How pv-lineage reads an MLflow tracking store, or the OpenLineage store that runs received at /api/v1/lineage belong to.',
  valuesConfig: {
    FILE: { description: 'A file store directory (`mlruns`).' },
    SQLITE: { description: 'An SQLite database (`sqlite:///mlflow.db`).' },
    REST: { description: 'A tracking server over its REST API.' },
    OPENLINEAGE: { description: 'Runs received as OpenLineage events at `POST /api/v1/lineage` (one store, uri `openlineage:`).' },
  },
});
