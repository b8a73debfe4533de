import type { z } from 'zod';
import { pointer, toProblems, type ValidationProblem } from './errors';
import { DATASET_FACETS, INPUT_DATASET_FACETS, OUTPUT_DATASET_FACETS } from './schema/datasetFacets';
import { JOB_FACETS } from './schema/jobFacets';
import { RUN_FACETS } from './schema/runFacets';

type FacetTable = Readonly<Record<string, z.ZodType>>;

const get = (o: unknown, k: string) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
const own = (table: FacetTable, key: string) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);

function check(facets: unknown, table: FacetTable, path: string, out: ValidationProblem[]): void {
  if (facets === null || typeof facets !== 'object') return;
  for (const [key, body] of Object.entries(facets as Record<string, unknown>)) {
    const r = own(table, key)?.safeParse(body);
    if (r && !r.success) out.push(...toProblems(r.error.issues, body, pointer(path, [key])));
  }
}

/**
 * Standard facet bodies, wherever they appear in the event, are held to their facet schema's
 * types, enums and structure. Keys no standard facet uses are custom facets: kept as sent.
 */
export function checkFacets(event: Record<string, unknown>): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  check(get(event.run, 'facets'), RUN_FACETS, '/run/facets', out);
  check(get(event.job, 'facets'), JOB_FACETS, '/job/facets', out);
  check(get(event.dataset, 'facets'), DATASET_FACETS, '/dataset/facets', out);
  for (const [list, key, table] of [
    ['inputs', 'inputFacets', INPUT_DATASET_FACETS],
    ['outputs', 'outputFacets', OUTPUT_DATASET_FACETS],
  ] as const) {
    const items = event[list];
    if (!Array.isArray(items)) continue;
    items.forEach((d, i) => {
      check(get(d, 'facets'), DATASET_FACETS, `/${list}/${i}/facets`, out);
      check(get(d, key), table, `/${list}/${i}/${key}`, out);
    });
  }
  return out;
}
