import { BadInputError } from './errors';

/**
 * Length limits on names, namespaces, URIs and ids, in UTF-8 bytes.
 *
 * Neo4j's range indexes refuse a key larger than about 8 kB, and a refused key surfaces as a
 * driver error half-way through a write. Every limit sits below that bound with room for the
 * prefixes an id adds (`dataset:<namespace>:<name>`), so input that passes these checks can always
 * be indexed. Bytes, not characters: four-byte characters would otherwise slip a value past the
 * index bound.
 */
export const INPUT_LIMITS = Object.freeze({
  /** Names and namespaces: experiment, run, job, dataset, model, report titles. */
  name: 2048,
  /** URIs and sources: dataset sources, artifact locations, tracking-store URIs. */
  uri: 4096,
  /** Composite node ids, which embed names and namespaces. */
  id: 7168,
});

export type InputLimitKind = keyof typeof INPUT_LIMITS;

export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** The problem with `value` as a `kind`, or null when it fits. */
export function lengthProblem(kind: InputLimitKind, value: string): string | null {
  const length = utf8Length(value);
  const max = INPUT_LIMITS[kind];
  return length > max ? `is ${length} bytes long; the limit for a ${kind} is ${max} bytes` : null;
}

/** Throws BAD_USER_INPUT naming `field` when `value` is over the limit for `kind`. */
export function assertWithinLimit(field: string, kind: InputLimitKind, value: string): void {
  const problem = lengthProblem(kind, value);
  if (problem) throw new BadInputError(field, `${field} ${problem}`, { limit: INPUT_LIMITS[kind] });
}
