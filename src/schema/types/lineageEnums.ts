import { registerEnumType } from 'type-graphql';
import { LineageDirection, LineageNodeType, TruncationReason } from '../../domain/lineage';
import { LineageRelation } from '../../domain/relation';

registerEnumType(LineageDirection, {
  name: 'LineageDirection',
  description: 'Which way a lineage walk goes. Every edge points the way data flows, upstream → downstream.',
  valuesConfig: {
    UPSTREAM: { description: 'Against the arrows: what the node was made from.' },
    DOWNSTREAM: { description: 'Along the arrows: what the node went into (impact).' },
    BOTH: { description: 'The union of the UPSTREAM and the DOWNSTREAM answer, each node at its nearer depth; not an undirected walk, so siblings (other runs that read the same dataset) are left out.' },
  },
});

registerEnumType(TruncationReason, {
  name: 'TruncationReason',
  description: 'Why a lineage answer is partial.',
  valuesConfig: {
    NODE_LIMIT: { description: 'More nodes were reachable than `limit` allows; the nearest ones were kept and the walk stopped there.' },
  },
});

registerEnumType(LineageNodeType, {
  name: 'NodeType',
  description: 'Kinds of node in the lineage graph.',
  valuesConfig: {
    TRACKING_STORE: { description: 'An MLflow tracking store.' },
    EXPERIMENT: { description: 'An MLflow experiment.' },
    RUN: { description: 'An MLflow run.' },
    DATASET: { description: 'A dataset (e.g. a FAERS extract).' },
    DATASET_FIELD: { description: 'A field (column) of a dataset; reached by `columnLineage`, not `lineage`.' },
    REGISTERED_MODEL: { description: 'A registered model.' },
    MODEL_VERSION: { description: 'A version of a registered model.' },
    LOGGED_MODEL: { description: 'A model logged by a run (MLflow 3).' },
    REPORT: { description: 'A pharmacovigilance report.' },
    SIGNAL: { description: 'A safety signal.' },
    JOB: { description: 'A job (OpenLineage) whose executions are runs.' },
  },
});

registerEnumType(LineageRelation, {
  name: 'LineageRelation',
  description: 'Relationship types of the lineage graph; each points from upstream to downstream.',
  valuesConfig: {
    HAS_EXPERIMENT: { description: 'TrackingStore → Experiment: the store holds the experiment.' },
    HAS_RUN: { description: 'Experiment → Run, or Job → Run: the run belongs to the experiment or executes the job.' },
    PARENT_OF: { description: 'Run → Run: the parent run launched the child run.' },
    INPUT_TO: { description: 'Dataset, ModelVersion or LoggedModel → Run: the run read it.' },
    PRODUCED: { description: 'Run → ModelVersion, LoggedModel, Dataset or Signal: the run produced it.' },
    HAS_VERSION: { description: 'RegisteredModel → ModelVersion: the version belongs to the model.' },
    REGISTERED_AS: { description: 'LoggedModel → ModelVersion: the logged model was registered as the version.' },
    FEEDS: { description: 'Run, ModelVersion, Dataset or Signal → Report: the report was generated from it.' },
  },
});
