import { MAX_PROBLEMS, toProblems, type ValidationProblem } from './errors';
import { checkFacets } from './facetChecks';
import { DEFAULT_SHAPE_LIMITS, guardNames, guardShape, type ShapeLimits } from './guards';
import { candidateKinds, forbiddenKeys, intendedKind } from './kinds';
import { normaliseLeniently } from './lenient';
import { EVENT_SCHEMAS, type EventKind } from './schema/core';

export type { ValidationProblem } from './errors';

export type ValidationResult =
  | { readonly ok: true; readonly event: Record<string, unknown>; readonly lenient: readonly string[] }
  | { readonly ok: false; readonly problems: readonly ValidationProblem[] };

/**
 * Validates OpenLineage 2-0-2 events with the schemas in `schema/`, written from the spec (no file
 * is read at run time): the event is one kind exactly, then its standard facet bodies are held to
 * their types, then its job and dataset names to printable characters. Verdicts match the official
 * JSON Schema's but for the deliberate differences in docs/openlineage.md.
 */
export class OpenLineageValidator {
  constructor(private readonly limits: ShapeLimits = DEFAULT_SHAPE_LIMITS) {}

  validate(body: unknown): ValidationResult {
    const shape = guardShape(body, this.limits);
    if (shape) return { ok: false, problems: [shape] };
    const { event, notes } = normaliseLeniently(body as Record<string, unknown>);
    const valid = candidateKinds(event).filter((k) => EVENT_SCHEMAS[k].safeParse(event).success);
    if (valid.length !== 1) return { ok: false, problems: kindProblems(event, valid) };
    const problems = [...checkFacets(event), ...guardNames(event)];
    if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
    return { ok: true, event, lenient: notes };
  }
}

/** Only the problems of the kind the event meant to be, so one mistake reads as one problem. */
function kindProblems(event: Record<string, unknown>, valid: readonly EventKind[]): ValidationProblem[] {
  const kind = intendedKind(event);
  const forbidden = forbiddenKeys(kind, event);
  if (forbidden) return [forbidden];
  const r = EVENT_SCHEMAS[kind].safeParse(event);
  if (!r.success) return toProblems(r.error.issues, event);
  const other = valid.find((k) => k !== kind);
  return [{ path: '/', message: `the event is both a valid ${kind} and a valid ${other}; a DatasetEvent holds no job, a JobEvent no dataset` }];
}
