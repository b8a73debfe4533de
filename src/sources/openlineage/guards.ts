import { lengthProblem } from '../../domain/inputLimits';
import { isWellFormed } from '../../domain/wellFormed';

export interface ShapeLimits {
  /** Deepest nesting of objects and arrays accepted anywhere in an event. */
  readonly maxDepth: number;
  /** Most values (objects, arrays, scalars) in one event. */
  readonly maxNodes: number;
}

/** Real events (event_large.json included) nest under 15 levels; 32 leaves room and stops pathological inputs. */
export const DEFAULT_SHAPE_LIMITS: ShapeLimits = { maxDepth: 32, maxNodes: 200_000 };

/**
 * Checks the shape before schema validation, without recursion, so a deeply nested body can't
 * exhaust the stack of the validator or of the graph writer. Returns the problem, or null.
 */
export function guardShape(body: unknown, limits: ShapeLimits): { path: string; message: string } | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { path: '/', message: 'an OpenLineage event must be a JSON object' };
  }
  // Only containers go on the stack, and only they get a path: most values are scalars.
  const stack: [object, number, string][] = [[body, 1, '']];
  let nodes = 1;
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop() as [object, number, string];
    if (depth > limits.maxDepth) return { path: path || '/', message: `nesting deeper than ${limits.maxDepth} levels` };
    const keys = Array.isArray(value) ? null : Object.keys(value);
    const n = keys ? keys.length : (value as unknown[]).length;
    if ((nodes += n) > limits.maxNodes) return { path: '/', message: `the event holds more than ${limits.maxNodes} values` };
    for (let i = 0; i < n; i++) {
      const k = keys ? keys[i] : i;
      const v = (value as Record<string | number, unknown>)[k];
      if (v !== null && typeof v === 'object') stack.push([v, depth + 1, `${path}/${k}`]);
    }
  }
  return null;
}

/**
 * Characters that make a name print as something else or break a line: C0 and C1 controls (NUL,
 * ESC, newlines…) and the bidirectional embeddings, overrides and isolates.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Why a job or dataset name or namespace is refused, or null when it is fine. */
export function nameProblem(value: string): string | null {
  if (value.length === 0) return 'must not be empty';
  if (!isWellFormed(value)) return 'holds a lone surrogate: it is not well-formed UTF-16 text';
  if (UNPRINTABLE.test(value)) return 'must not hold control or bidirectional-override characters';
  return lengthProblem('name', value);
}

/**
 * Job and dataset names become node ids and are shown in the explorer and exports, so a name
 * that is empty, holds a lone surrogate or an unprintable character, or is too long to index is
 * refused, naming the field. Runs after the schema, so every name checked here is a string.
 */
export function guardNames(event: Record<string, unknown>): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const check = (o: unknown, path: string) => {
    if (o === null || typeof o !== 'object') return;
    for (const k of ['namespace', 'name']) {
      const v = (o as Record<string, unknown>)[k];
      const problem = typeof v === 'string' ? nameProblem(v) : null;
      if (problem) out.push({ path: `${path}/${k}`, message: problem });
    }
  };
  const get = (o: unknown, k: string) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
  check(event.job, '/job');
  check(get(get(get(event.run, 'facets'), 'parent'), 'job'), '/run/facets/parent/job');
  check(event.dataset, '/dataset');
  for (const list of ['inputs', 'outputs'] as const) {
    const items = event[list];
    if (Array.isArray(items)) items.forEach((d, i) => check(d, `/${list}/${i}`));
  }
  return out;
}
