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
  const stack: [unknown, number, string][] = [[body, 1, '']];
  let nodes = 0;
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop() as [unknown, number, string];
    if (++nodes > limits.maxNodes) return { path: '/', message: `the event holds more than ${limits.maxNodes} values` };
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth) return { path: path || '/', message: `nesting deeper than ${limits.maxDepth} levels` };
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) stack.push([v, depth + 1, `${path}/${k}`]);
  }
  return null;
}
