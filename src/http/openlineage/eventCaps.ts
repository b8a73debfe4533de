/** Datasets one OpenLineage event may name on each side; each becomes a dataset write. */
export interface EventCaps {
  readonly maxInputs: number;
  readonly maxOutputs: number;
}

export interface CapExceeded {
  readonly argument: 'inputs' | 'outputs';
  readonly setting: string;
  readonly limit: number;
  readonly count: number;
}

/**
 * The first cap the parsed body goes over, or null. Checked before schema validation, which
 * would otherwise walk every entry of an oversized list first.
 */
export function capExceeded(body: unknown, caps: EventCaps): CapExceeded | null {
  if (!body || typeof body !== 'object') return null;
  const sides = [
    ['inputs', 'PVL_OPENLINEAGE_MAX_INPUTS', caps.maxInputs],
    ['outputs', 'PVL_OPENLINEAGE_MAX_OUTPUTS', caps.maxOutputs],
  ] as const;
  for (const [argument, setting, limit] of sides) {
    const list = (body as Record<string, unknown>)[argument];
    if (Array.isArray(list) && list.length > limit) return { argument, setting, limit, count: list.length };
  }
  return null;
}
