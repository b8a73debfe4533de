/**
 * The OpenLineage run and job facets the graph answers questions with. Each run facet follows the
 * newest event (by eventTime) that carried it, independently of the others: a FAIL event brings
 * the error message without erasing the nominal time its START reported.
 */
export const RUN_FACETS = ['tags', 'errorMessage', 'nominalTime', 'processing_engine'] as const;
export type RunFacetName = (typeof RUN_FACETS)[number];

export interface OlRunTag {
  readonly key: string;
  readonly value: string;
  readonly source: string | null;
}

export interface OlRunFacets {
  /** The tags run facet, by key; kept apart from MLflow tags, so a key can't collide with one. */
  readonly tags: readonly OlRunTag[];
  readonly errorMessage: { readonly message: string; readonly programmingLanguage: string | null; readonly stackTrace: string | null } | null;
  readonly nominalStartTime: string | null;
  readonly nominalEndTime: string | null;
  readonly processingEngine: { readonly name: string | null; readonly version: string | null; readonly openlineageAdapterVersion: string | null } | null;
}

export interface OlJobType {
  readonly processingType: string | null;
  readonly integration: string | null;
  readonly jobType: string | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Which of the facets the graph keeps an event carries. */
export function carriedRunFacets(runFacets: Json | null): Record<RunFacetName, boolean> {
  return Object.fromEntries(RUN_FACETS.map((f) => [f, obj(runFacets?.[f]) !== null])) as Record<RunFacetName, boolean>;
}

/** The facets' queryable values, from each facet as its newest event sent it. */
export function readRunFacets(facets: Partial<Record<RunFacetName, unknown>>): OlRunFacets {
  const tagsRaw = obj(facets.tags)?.tags;
  const byKey = new Map<string, OlRunTag>();
  for (const t of Array.isArray(tagsRaw) ? tagsRaw : []) {
    const tag = obj(t);
    const key = str(tag?.key);
    if (tag && key) byKey.set(key, { key, value: typeof tag.value === 'string' ? tag.value : JSON.stringify(tag.value ?? null), source: str(tag.source) });
  }
  const error = obj(facets.errorMessage);
  const nominal = obj(facets.nominalTime);
  const engine = obj(facets.processing_engine);
  return {
    tags: [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    errorMessage: error && str(error.message) ? { message: String(error.message), programmingLanguage: str(error.programmingLanguage), stackTrace: str(error.stackTrace) } : null,
    nominalStartTime: str(nominal?.nominalStartTime),
    nominalEndTime: str(nominal?.nominalEndTime),
    processingEngine: engine ? { name: str(engine.name), version: str(engine.version), openlineageAdapterVersion: str(engine.openlineageAdapterVersion) } : null,
  };
}

/** The `jobType` job facet (processing type, integration, job type), or null when absent. */
export function readJobType(jobFacets: Json | null): OlJobType | null {
  const t = obj(jobFacets?.jobType);
  return t ? { processingType: str(t.processingType), integration: str(t.integration), jobType: str(t.jobType) } : null;
}
