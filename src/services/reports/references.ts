import { BadInputError, ConflictError, DomainError } from '../../domain/errors';
import { parseIdOf } from '../../domain/ids';
import { NodeType, nameOf } from '../../domain/nodeType';
import { MAX_SOURCES } from '../../domain/reportVersion';
import type { Tx } from '../../graph/executor';
import type { ReferenceKind, ReferenceLookup, ReportSources, ReportWriteRepository, ResolvedReference } from '../../graph/repositories/reportWriteRepository';

/**
 * What a report (or a signal) was generated from, as a builder names it: typed node ids, or the
 * names MLflow users know, a bare run id (`9b79…`) and a model URI (`models:/<name>/<version>`),
 * which are looked up in every tracking store.
 */
export interface SourceInput {
  readonly generatedFromRuns?: readonly string[] | null;
  readonly modelVersions?: readonly string[] | null;
  readonly datasets?: readonly string[] | null;
  readonly signals?: readonly string[] | null;
}

/** A bare MLflow run id: MLflow writes 32 hex digits; other trackers use similar plain tokens. */
const BARE_RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const MODEL_URI = /^models:\/(.+)\/(\d{1,9})$/;

const ARG = {
  run: 'generatedFromRuns',
  bareRun: 'generatedFromRuns',
  modelVersion: 'modelVersions',
  bareModelVersion: 'modelVersions',
  dataset: 'datasets',
  signal: 'signals',
} as const satisfies Record<ReferenceKind, string>;

const WHAT: Record<ReferenceKind, string> = {
  run: nameOf(NodeType.RUN),
  bareRun: 'MLflow run',
  modelVersion: nameOf(NodeType.MODEL_VERSION),
  bareModelVersion: nameOf(NodeType.MODEL_VERSION),
  dataset: nameOf(NodeType.DATASET),
  signal: nameOf(NodeType.SIGNAL),
};

function list(values: readonly string[] | null | undefined, argument: string): string[] {
  const xs = [...new Set((values ?? []).map((v) => v.trim()))];
  if (xs.length > MAX_SOURCES) throw new BadInputError(argument, `${argument} lists more than ${MAX_SOURCES} entries`);
  return xs;
}

function typed(type: NodeType, ids: string[], argument: string): string[] {
  for (const id of ids) parseIdOf(type, id, argument);
  return ids;
}

/** Sorts references into lookups, rejecting malformed ones before anything is read (BAD_USER_INPUT). */
export function parseSources(input: SourceInput, prefix = 'input'): ReferenceLookup {
  const runs = list(input.generatedFromRuns, `${prefix}.generatedFromRuns`);
  const versions = list(input.modelVersions, `${prefix}.modelVersions`);
  const lookup = {
    runIds: [] as string[],
    bareRunIds: [] as string[],
    versionIds: [] as string[],
    bareVersions: [] as { ref: string; name: string; version: number }[],
    datasetIds: typed(NodeType.DATASET, list(input.datasets, `${prefix}.datasets`), `${prefix}.datasets`),
    signalIds: typed(NodeType.SIGNAL, list(input.signals, `${prefix}.signals`), `${prefix}.signals`),
  };
  for (const ref of runs) {
    if (ref.includes(':')) {
      parseIdOf(NodeType.RUN, ref, `${prefix}.generatedFromRuns`);
      lookup.runIds.push(ref);
    } else if (BARE_RUN_ID.test(ref)) {
      lookup.bareRunIds.push(ref);
    } else {
      throw new BadInputError(`${prefix}.generatedFromRuns`, `"${ref.slice(0, 100)}" is neither a run id (run:<store>:<runId>) nor a bare MLflow run id`, { id: ref.slice(0, 100) });
    }
  }
  for (const ref of versions) {
    const uri = MODEL_URI.exec(ref);
    if (uri) {
      lookup.bareVersions.push({ ref, name: uri[1], version: Number(uri[2]) });
    } else {
      parseIdOf(NodeType.MODEL_VERSION, ref, `${prefix}.modelVersions`);
      lookup.versionIds.push(ref);
    }
  }
  return lookup;
}

export function isEmpty(l: ReferenceLookup): boolean {
  return [l.runIds, l.bareRunIds, l.versionIds, l.bareVersions, l.datasetIds, l.signalIds].every((xs) => xs.length === 0);
}

/**
 * Turns resolved references into node ids. Anything missing is NOT_FOUND naming it (and every
 * other missing one in `missing`); a bare id found in several stores is CONFLICT listing the
 * candidate node ids. Throwing inside the write transaction means nothing is written.
 */
export function sourcesFrom(resolved: readonly ResolvedReference[], prefix = 'input'): ReportSources {
  const missing = resolved.filter((r) => r.ids.length === 0);
  if (missing.length > 0) {
    const first = missing[0];
    throw new DomainError('NOT_FOUND', `${WHAT[first.kind]} "${first.ref}" in ${prefix}.${ARG[first.kind]} was not found${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}`, {
      id: first.ref,
      argument: `${prefix}.${ARG[first.kind]}`,
      missing: missing.map((m) => m.ref),
    });
  }
  const ambiguous = resolved.find((r) => r.ids.length > 1);
  if (ambiguous) {
    throw new ConflictError(
      `${WHAT[ambiguous.kind]} "${ambiguous.ref}" exists in ${ambiguous.ids.length} tracking stores; name one by its node id: ${ambiguous.ids.join(', ')}`,
      { argument: `${prefix}.${ARG[ambiguous.kind]}`, ref: ambiguous.ref, candidates: [...ambiguous.ids] },
    );
  }
  const of = (...kinds: ReferenceKind[]) => [...new Set(resolved.filter((r) => kinds.includes(r.kind)).map((r) => r.ids[0]))].sort();
  return {
    runIds: of('run', 'bareRun'),
    versionIds: of('modelVersion', 'bareModelVersion'),
    datasetIds: of('dataset'),
    signalIds: of('signal'),
  };
}

/** Parses, resolves and checks in one go, inside the caller's transaction. */
export async function resolveSources(tx: Tx, repo: ReportWriteRepository, lookup: ReferenceLookup, prefix = 'input'): Promise<ReportSources> {
  if (isEmpty(lookup)) return { runIds: [], versionIds: [], datasetIds: [], signalIds: [] };
  return sourcesFrom(await repo.resolve(tx, lookup), prefix);
}
