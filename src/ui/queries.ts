/** The GraphQL operations the explorer sends. A frontend team can copy these as they are. */

export const LINEAGE = `query ExplorerLineage($id: ID!, $direction: LineageDirection!, $depth: Int!, $nodeTypes: [NodeType!], $asOf: DateTime, $validAt: DateTime, $limit: Int!) {
  lineage(id: $id, direction: $direction, depth: $depth, nodeTypes: $nodeTypes, asOf: $asOf, validAt: $validAt, limit: $limit) {
    root { id type displayName depth summary }
    nodes { id type displayName depth summary }
    edges { from to type }
    truncated
    truncationReason
    rootExistedAt
    rootAbsence
    stats { deepestLevel elapsedMs nodesByType { type count } }
  }
}`;

export const SEARCH = `query ExplorerSearch($text: String!, $first: Int!) {
  search(text: $text, first: $first) { id type displayName summary source }
}`;

/** One signal lifecycle step, as the details panel's form sends it. */
export const TRANSITION_SIGNAL = `mutation ExplorerTransitionSignal($id: ID!, $to: SignalStatus!, $decision: String!, $rationale: String!) {
  transitionSignal(id: $id, to: $to, decision: $decision, rationale: $rationale) { id status }
}`;

/** A record's audit trail for the details panel: the 50 newest events naming it. */
export const AUDIT_TRAIL = `query ExplorerAuditTrail($id: ID!) {
  auditTrail(entityId: $id, first: 50) {
    totalCount
    edges { node { seq at action summary reason actor { id name role } changes { field oldValue newValue } } }
  }
}`;

export const ME = `query ExplorerMe { me { id displayName method roles } }`;

export const LOGIN = `mutation ExplorerLogin($userId: String!, $password: String!) {
  login(userId: $userId, password: $password) { token expiresAt user { id displayName } }
}`;

export const LOGOUT = `mutation ExplorerLogout { logout }`;

/** Fields of Report, to learn whether this server already has `signatures`. */
export const REPORT_FIELDS = `query ExplorerReportFields { __type(name: "Report") { fields { name } } }`;

/** Asked only when introspection is off (production's default): it fails validation on a server without `signatures`. */
export const SIGNATURES_PROBE = `query ExplorerSignaturesProbe { reports(first: 1) { edges { node { signatures { meaning } } } } }`;

/**
 * Fields the details panel shows, per node type. One fragment per query: the types share field
 * names with different types (`runId: String!` on Run, `String` on ModelVersion), which
 * GraphQL refuses to merge in one selection.
 */
const DETAIL_FIELDS: Record<string, string> = {
  RUN: 'Run { runId name status lifecycleStage userId startTime endTime gitCommit params metrics { key value special } experiment { name experimentId store { uri } } inputs { context digest dataset { id name digest } } modelVersions { id name version stage } downstreamReports { id title } }',
  DATASET: 'Dataset { name namespace digest period source sourceType fields { name type description } }',
  DATASET_FIELD: 'DatasetField { name type description dataset { name namespace } }',
  MODEL_VERSION: 'ModelVersion { name version stage status aliases source runId }',
  REPORT: 'Report { title kind status period contentHash createdAt uri }',
  SIGNAL: 'Signal { drug eventTerm status prr ror chiSquare caseCount detectedAt meddraCode history { from to actorId actorName decision rationale at } }',
  EXPERIMENT: 'Experiment { name experimentId lifecycleStage artifactLocation }',
  REGISTERED_MODEL: 'RegisteredModel { name description }',
  LOGGED_MODEL: 'LoggedModel { name modelId status modelType params }',
  JOB: 'Job { namespace name }',
  TRACKING_STORE: 'TrackingStore { displayName uri kind storeKey }',
};

/** The details query for a node of `type`; `signatures` only where the server has it. */
export function nodeDetails(type: string, withSignatures: boolean): string {
  let fields = DETAIL_FIELDS[type] ?? '';
  if (type === 'REPORT' && withSignatures) fields = fields.replace(/ }$/, ' signatures { meaning printedName userId signedAt version } }');
  return `query ExplorerNode($id: ID!) {
  node(id: $id) {
    __typename
    id${fields ? `\n    ... on ${fields}` : ''}
  }
}`;
}

/** Most datasets whose column lineage one "Columns" request asks for; more would exceed the query cost limit. */
export const MAX_COLUMN_DATASETS = 20;

/**
 * The field edges into each dataset on screen (`d0`, `d1`… one `columnLineage` each, depth 1):
 * every field edge between two datasets on screen ends in one of them.
 */
export function columnEdges(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$d${i}: ID!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `  d${i}: columnLineage(id: $d${i}, depth: 1) { nodes { id datasetId name } edges { from to type subtype masking } }`).join('\n');
  return `query ExplorerColumns(${vars}) {\n${fields}\n}`;
}

/** The landing page's one request: the signed-in account's work by role (`Worklist`). */
export const WORKLIST = `query ExplorerWorklist {
  worklist {
    asOf
    toSign { report { id title } version meaning author waitingSince }
    lapsedSignatures { report { id title } signatureId meaning signedVersion signedAt latestVersion latestAt }
    signalStages { status count oldest { signal { id drug eventTerm } inStageSince daysInStage } }
    ingestions { id storeUri status startedAt finishedAt error added updated deleted skippedCount skipped }
    auditCheckpoint { checkpoint { treeSize issuedAt keyId } signatureValid logSize }
  }
}`;

/** Fields of a run the runs table shows (and the comparison repeats). */
const RUN_ROW = `id runId name status lifecycleStage userId startTime endTime
      experiment { id name store { id displayName uri } }
      params
      metrics { key value special }`;

/** The runs view's one request per page: MLflow filter and order strings, forward paging by cursor. */
export const RUNS_PAGE = `query ExplorerRuns($filter: RunFilter, $orderBy: RunOrder, $first: Int!, $after: String) {
  runs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${RUN_ROW} } }
  }
}`;

/** Most metric histories one comparison asks for: each is an alias, and the server caps aliases per query. */
export const MAX_HISTORY_KEYS = 20;

/**
 * The comparison's one request: the runs with these MLflow run ids (`$search` is
 * `attributes.run_id IN (…)`; the page keeps the typed ids it asked for, since one MLflow id
 * may be in two stores), their inputs and the history of each metric `$k0`, `$k1`… as `h0`, `h1`….
 */
export function runComparison(historyKeys: number): string {
  const vars = Array.from({ length: historyKeys }, (_, i) => `, $k${i}: String!`).join('');
  const histories = Array.from({ length: historyKeys }, (_, i) => `\n      h${i}: metricHistory(key: $k${i}) { step timestamp value special }`).join('');
  return `query ExplorerRunComparison($search: String!${vars}) {
  runs(filter: { search: $search, includeDeleted: true }, first: 25) {
    edges { node { ${RUN_ROW}
      inputs { context digest dataset { id name digest } }${histories} } }
  }
}`;
}

/**
 * Most runs the trends view reads, the newest first: at the default `PVL_MAX_QUERY_COST`
 * (200,000) the `TRENDS` selection costs about 630 per run, so 200 runs fit in one request.
 */
export const TRENDS_RUNS = 200;

/**
 * The trends view's one request: the newest runs with what a trend needs of each (latest
 * metrics, the data period's sources, experiment, model versions and whether a report it
 * feeds is signed). Changing metric, axis or lines redraws from this answer with no request.
 */
export const TRENDS = `query ExplorerTrends($first: Int!) {
  runs(first: $first) {
    totalCount
    edges { node {
      id runId name startTime params tags
      experiment { id name store { displayName } }
      metrics { key value special }
      modelVersions { id name version model { id name } }
      inputs { context dataset { period } }
      downstreamReports { id title latestVersion { version signatures { meaning } } }
    } }
  }
}`;

/** The registry view's one request: registered models by name, each with its version count and latest version. */
export const REGISTERED_MODELS = `query ExplorerRegisteredModels {
  registeredModels(first: 100) {
    totalCount
    edges { node { id name description updatedAt versions(first: 1) { totalCount edges { node { version stage aliases } } } } }
  }
}`;

/** One model's versions, each with its run and the reports and signals it feeds (`ModelVersion.reports`, `.signals`): one request. */
export const MODEL_VERSIONS = `query ExplorerModelVersions($id: ID!) {
  registeredModel(id: $id) {
    id name description tags
    versions(first: 100) {
      totalCount
      edges { node { id version stage aliases status createdAt runId run { id name } reports { id title } signals { id drug eventTerm status } } }
    }
  }
}`;

/** The dataset view's one request: fields by source, the runs that read it with the digest each read, its writers and OpenLineage jobs. */
export const DATASET_VIEW = `query ExplorerDataset($id: ID!) {
  dataset(id: $id) {
    id name namespace digest period sourceType mlflowName
    fields { name type source description }
    openLineageSchema
    runs(first: 100) { totalCount edges { node { id name runId status startTime inputs { context digest dataset { id } } } } }
    writers { id name runId status startTime }
    jobs { reads writes job { id namespace name } }
  }
}`;

/** The report signing block's one request: who signs (printed name, how they signed in) and what the signing rules let them sign now. */
export const SIGNING_OFFER = `query ExplorerSigningOffer {
  me { id displayName method }
  worklist { toSign { report { id } version meaning } }
}`;

/** The signing ceremony for a local account: the password re-authenticates the signer (Part 11 §11.200). */
export const SIGN_REPORT = `mutation ExplorerSignReport($reportId: ID!, $version: Int!, $meaning: SignatureMeaning!, $reason: String!, $password: String!) {
  signReport(reportId: $reportId, version: $version, meaning: $meaning, reason: $reason, password: $password) { id meaning version printedName signedAt }
}`;
