import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidationProblem } from '../../src/sources/openlineage/errors';
import { loadSpecSchemas, type FacetPlace, type SpecSchemas } from './openlineageSpec';

export type OracleResult = { readonly ok: true } | { readonly ok: false; readonly problems: readonly ValidationProblem[] };

const MAX_PROBLEMS = 20;

/**
 * Facet bodies are held to their types, enums and structure, but not to `required` fields or
 * string formats: the spec's own sample events (and Marquez's) omit required facet fields and
 * put placeholders such as "string" in `uri` fields. A combinator error only counts through the
 * concrete errors beneath it.
 */
const TOLERATED_IN_FACETS = new Set(['required', 'format', 'anyOf', 'oneOf', 'allOf', 'if', 'then', 'else']);

/**
 * The test oracle for src/sources/openlineage/validator.ts (the product's validator, written from
 * the spec). Validates OpenLineage events with the official draft 2020-12 JSON Schema (Ajv, with formats so
 * `uuid` and `date-time` are enforced), then each core facet body against its own facet schema.
 * Core facet bodies are held to their types and structure (see TOLERATED_IN_FACETS).
 * Custom facets (keys no core facet file defines) are kept but only checked as base facets
 * (`_producer`, `_schemaURL`), which is all the core schema asks of them.
 */
export class OpenLineageOracle {
  private readonly core: ValidateFunction;
  private readonly facets = new Map<string, ValidateFunction>();
  /** Stops at the first error: the fast path for the (usual) valid event. */
  private readonly quickCore: ValidateFunction;

  constructor(private readonly schemas: SpecSchemas = loadSpecSchemas()) {
    const build = (allErrors: boolean) => {
      const ajv = new Ajv2020({ allErrors, strict: false });
      addFormats(ajv);
      ajv.addSchema(schemas.core);
      for (const f of schemas.facetFiles) ajv.addSchema(f.schema);
      return ajv;
    };
    const ajv = build(true);
    this.core = ajv.getSchema(String(schemas.core.$id)) as ValidateFunction;
    this.quickCore = build(false).getSchema(String(schemas.core.$id)) as ValidateFunction;
    for (const f of schemas.facetFiles) this.facets.set(String(f.schema.$id), ajv.getSchema(String(f.schema.$id)) as ValidateFunction);
  }

  /** The strict verdict: no lenient reading (callers apply lenient.ts themselves) and no shape guard. */
  /** The verdict alone, without collecting the core schema's errors. */
  accepts(event: Record<string, unknown>): boolean {
    return this.quickCore(event) && this.checkFacets(event).length === 0;
  }

  validate(event: Record<string, unknown>): OracleResult {
    // Only a failing event pays for collecting every error.
    if (!this.quickCore(event)) {
      this.core(event);
      return { ok: false, problems: toProblems(this.core.errors ?? [], '') };
    }
    const problems = this.checkFacets(event);
    if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
    return { ok: true };
  }

  private checkFacets(event: Record<string, unknown>): ValidationProblem[] {
    const out: ValidationProblem[] = [];
    const visit = (facets: unknown, place: FacetPlace, path: string) => {
      if (!facets || typeof facets !== 'object') return;
      for (const [key, body] of Object.entries(facets as Record<string, unknown>)) {
        const id = this.schemas.facetIds[place].get(key);
        const check = id ? this.facets.get(id) : undefined;
        if (!check || check({ [key]: body })) continue;
        out.push(...toProblems((check.errors ?? []).filter((e) => !TOLERATED_IN_FACETS.has(e.keyword)), path));
      }
    };
    const get = (o: unknown, k: string) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
    visit(get(event.run, 'facets'), 'run', '/run/facets');
    visit(get(event.job, 'facets'), 'job', '/job/facets');
    visit(get(event.dataset, 'facets'), 'dataset', '/dataset/facets');
    for (const [list, place] of [['inputs', 'inputDataset'], ['outputs', 'outputDataset']] as const) {
      const items = event[list];
      if (!Array.isArray(items)) continue;
      items.forEach((d, i) => {
        visit(get(d, 'facets'), 'dataset', `/${list}/${i}/facets`);
        visit(get(d, place === 'inputDataset' ? 'inputFacets' : 'outputFacets'), place, `/${list}/${i}/${place === 'inputDataset' ? 'inputFacets' : 'outputFacets'}`);
      });
    }
    return out;
  }
}

/**
 * Ajv reports every failed `oneOf` branch; the branch errors that matter are the deepest ones,
 * so those come first and duplicates go.
 */
function toProblems(errors: readonly ErrorObject[], prefix: string): ValidationProblem[] {
  const seen = new Set<string>();
  const out: ValidationProblem[] = [];
  const sorted = [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
  for (const e of sorted) {
    const extra = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})` : '';
    const problem = { path: `${prefix}${e.instancePath}` || '/', message: `${e.message ?? e.keyword}${extra}` };
    const key = `${problem.path} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
    if (out.length >= MAX_PROBLEMS) break;
  }
  return out;
}
