import { canonicalJson, sha256Hex } from './audit/canonical';

/**
 * What a signature freezes besides the signed record: the report version's upstream provenance
 * as it stood when it was signed (issue 18, "signed means frozen"). A later event that adds or
 * alters anything here makes `verifySignatures` say "upstream changed since signing".
 *
 * What counts as upstream, and why (docs/audit.md, "Provenance digest"):
 * - Runs: `status` and `lifecycleStage` (a run failed, killed or deleted after signing is news),
 *   and the ingest `fingerprint`, which changes with any param, tag, metric, input, output or
 *   run-info change MLflow reports.
 * - Code commits: each run's `mlflow.source.git.commit`.
 * - Dataset inputs: each live `INPUT_TO` edge from a dataset, with the context and the snapshot
 *   digest the run read. The dataset node's own `digest` and schema are the latest snapshot of
 *   it, which any later, unrelated run may move; they are not what this report was built from.
 * - Model versions: name, version, source run, artifact location and artifact hash tag. Stage,
 *   aliases, status and description are registry labels set after the fact; they say how a
 *   model is used, not what it was made from, so promoting a model is not an upstream change.
 * - Links: every other live data-flow edge between upstream nodes (`PARENT_OF`, `PRODUCED`,
 *   `REGISTERED_AS`, `INPUT_TO` from models) and the job each run executes (`HAS_RUN` from a
 *   `Job`), so a parent facet or an `mlflow.runId` link that attaches a run is seen.
 * - Other nodes: every other upstream node by id and type, with a logged model's fingerprint
 *   and a signal's figures (a signal's lifecycle status is review work, not provenance).
 */
export const PROVENANCE_MANIFEST_VERSION = 1;

/** Most upstream nodes a manifest lists; past it the manifest says `truncated`. */
export const MAX_PROVENANCE_NODES = 1000;

/** The depth a signature's walk uses when the caller gives none (the default PVL_MAX_LINEAGE_DEPTH). */
export const DEFAULT_PROVENANCE_DEPTH = 20;

/** Model version tags that carry an artifact hash, in the order they are trusted. */
export const MODEL_HASH_TAGS: readonly string[] = ['sha256', 'model_sha256', 'artifact_sha256', 'mlflow.model.sha256'];

/** Signal properties a manifest keeps as the signal's figures, in this order. */
export const SIGNAL_FIGURES: readonly string[] = ['prr', 'ror', 'chiSquare', 'caseCount', 'meddraVersion'];

/** One upstream node as the graph holds it; fields a type does not have are null. */
export interface UpstreamNodeFacts {
  readonly id: string;
  /** The node's label (`Run`, `Dataset`, `ModelVersion`, `LoggedModel`, `Signal`, ...). */
  readonly type: string;
  readonly status: string | null;
  readonly lifecycleStage: string | null;
  readonly fingerprint: string | null;
  readonly gitCommit: string | null;
  readonly name: string | null;
  readonly version: number | null;
  readonly runId: string | null;
  readonly source: string | null;
  /** Values of MODEL_HASH_TAGS, in that order. */
  readonly hashTags: readonly (string | null)[];
  /** Values of SIGNAL_FIGURES, as text. */
  readonly figures: readonly (string | null)[];
}

/** One live edge between upstream nodes. */
export interface UpstreamEdgeFacts {
  readonly from: string;
  readonly type: string;
  readonly to: string;
  readonly fromType: string;
  readonly context: string | null;
  readonly digest: string | null;
}

/** What the provenance read returns: the walk's nodes and edges, and how it was bounded. */
export interface UpstreamFacts {
  readonly reportId: string;
  readonly version: number;
  readonly depth: number;
  readonly truncated: boolean;
  readonly nodes: readonly UpstreamNodeFacts[];
  readonly edges: readonly UpstreamEdgeFacts[];
  /** `[jobId, runId]` for each job that runs an upstream run. */
  readonly jobs: readonly (readonly [string, string])[];
}

export interface ManifestRun {
  readonly id: string;
  readonly status: string | null;
  readonly lifecycleStage: string | null;
  readonly fingerprint: string | null;
}
export interface ManifestCodeCommit {
  readonly runId: string;
  readonly commit: string;
}
export interface ManifestDatasetInput {
  readonly datasetId: string;
  readonly runId: string;
  readonly context: string;
  readonly digest: string | null;
}
export interface ManifestModelVersion {
  readonly id: string;
  readonly name: string | null;
  readonly version: number | null;
  readonly sourceRunId: string | null;
  readonly source: string | null;
  readonly hash: string | null;
}
export interface ManifestLink {
  readonly from: string;
  readonly type: string;
  readonly to: string;
}
export interface ManifestNode {
  readonly id: string;
  readonly type: string;
  readonly fingerprint: string | null;
  readonly figures: string | null;
}

/** The canonical manifest: every list sorted by its key, so equal provenance has equal bytes. */
export interface ProvenanceManifest {
  readonly v: number;
  readonly reportId: string;
  readonly version: number;
  readonly depth: number;
  readonly truncated: boolean;
  readonly runs: readonly ManifestRun[];
  readonly codeCommits: readonly ManifestCodeCommit[];
  readonly datasetInputs: readonly ManifestDatasetInput[];
  readonly modelVersions: readonly ManifestModelVersion[];
  readonly links: readonly ManifestLink[];
  readonly nodes: readonly ManifestNode[];
}

/** The manifest's sections, in the order a difference is listed. */
export const MANIFEST_SECTIONS = ['runs', 'codeCommits', 'datasetInputs', 'modelVersions', 'links', 'nodes'] as const;
export type ManifestSection = (typeof MANIFEST_SECTIONS)[number];

/** The key an entry is matched by across two manifests. */
export function entryKey(section: ManifestSection, entry: object): string {
  const e = entry as Readonly<Record<string, unknown>>;
  switch (section) {
    case 'runs':
    case 'modelVersions':
    case 'nodes':
      return String(e.id);
    case 'codeCommits':
      return String(e.runId);
    case 'datasetInputs':
      return `${String(e.datasetId)} -INPUT_TO-> ${String(e.runId)}${e.context ? ` (${String(e.context)})` : ''}`;
    case 'links':
      return `${String(e.from)} -${String(e.type)}-> ${String(e.to)}`;
  }
}

const sortedBy = <T extends object>(section: ManifestSection, xs: T[]): T[] => {
  const keyed = new Map<string, T>();
  for (const x of xs) keyed.set(entryKey(section, x), x);
  return [...keyed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);
};

const figuresText = (xs: readonly (string | null)[]): string | null => (xs.every((x) => x === null) ? null : xs.map((x) => x ?? '').join(' / '));

/** Builds the canonical manifest from what the graph returned. Pure; the same facts always give the same manifest. */
export function buildProvenanceManifest(f: UpstreamFacts): ProvenanceManifest {
  const runs: ManifestRun[] = [];
  const codeCommits: ManifestCodeCommit[] = [];
  const modelVersions: ManifestModelVersion[] = [];
  const nodes: ManifestNode[] = [];
  for (const n of f.nodes) {
    if (n.type === 'Run') {
      runs.push({ id: n.id, status: n.status, lifecycleStage: n.lifecycleStage, fingerprint: n.fingerprint });
      if (n.gitCommit) codeCommits.push({ runId: n.id, commit: n.gitCommit });
    } else if (n.type === 'ModelVersion') {
      modelVersions.push({ id: n.id, name: n.name, version: n.version, sourceRunId: n.runId, source: n.source, hash: n.hashTags.find((h) => typeof h === 'string' && h.length > 0) ?? null });
    } else {
      nodes.push({ id: n.id, type: n.type, fingerprint: n.fingerprint, figures: n.type === 'Signal' ? figuresText(n.figures) : null });
    }
  }
  const datasetInputs: ManifestDatasetInput[] = [];
  const links: ManifestLink[] = [];
  for (const e of f.edges) {
    if (e.type === 'INPUT_TO' && e.fromType === 'Dataset') datasetInputs.push({ datasetId: e.from, runId: e.to, context: e.context ?? '', digest: e.digest });
    else links.push({ from: e.from, type: e.type, to: e.to });
  }
  for (const [jobId, runId] of f.jobs) links.push({ from: jobId, type: 'HAS_RUN', to: runId });
  return {
    v: PROVENANCE_MANIFEST_VERSION,
    reportId: f.reportId,
    version: f.version,
    depth: f.depth,
    truncated: f.truncated,
    runs: sortedBy('runs', runs),
    codeCommits: sortedBy('codeCommits', codeCommits),
    datasetInputs: sortedBy('datasetInputs', datasetInputs),
    modelVersions: sortedBy('modelVersions', modelVersions),
    links: sortedBy('links', links),
    nodes: sortedBy('nodes', nodes),
  };
}

/** The RFC 8785 canonical JSON of a manifest: what is stored on the signature and hashed. */
export function manifestJson(m: ProvenanceManifest): string {
  return canonicalJson(m);
}

/** SHA-256 (hex) of the manifest's canonical JSON: the signature's `provenanceDigest`. */
export function provenanceDigest(m: ProvenanceManifest): string {
  return sha256Hex(manifestJson(m));
}

/** Reads a stored manifest back; null when the text is not a manifest of a known version. */
export function parseManifest(text: string): ProvenanceManifest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || (parsed as { v?: unknown }).v !== PROVENANCE_MANIFEST_VERSION) return null;
  const m = parsed as ProvenanceManifest;
  return MANIFEST_SECTIONS.every((s) => Array.isArray(m[s])) ? m : null;
}
