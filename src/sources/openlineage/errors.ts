import type { z } from 'zod';

export interface ValidationProblem {
  /** JSON Pointer into the event, e.g. `/run/runId`. */
  readonly path: string;
  readonly message: string;
}

/** A response names at most this many problems; the first ones are enough to fix the sender. */
export const MAX_PROBLEMS = 20;

const escape = (segment: PropertyKey) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
export const pointer = (prefix: string, path: readonly PropertyKey[]) => `${prefix}${path.map((s) => `/${escape(s)}`).join('')}` || '/';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const s of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[s] : undefined;
  return v;
}

const ARTICLE: Record<string, string> = { object: 'an object', array: 'an array', integer: 'an integer', record: 'an object' };

function messageOf(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? 'is required' : `must be ${ARTICLE[issue.expected] ?? `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Zod's issues as JSON-Pointer problems under `prefix`, one per key not allowed, without repeats. */
export function toProblems(issues: readonly z.core.$ZodIssue[], root: unknown, prefix = ''): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const seen = new Set<string>();
  const add = (p: ValidationProblem) => {
    const key = `${p.path} ${p.message}`;
    if (seen.has(key) || out.length >= MAX_PROBLEMS) return;
    seen.add(key);
    out.push(p);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) add({ path: pointer(prefix, [...issue.path, k]), message: 'is not a field this object allows' });
    } else {
      add({ path: pointer(prefix, issue.path), message: messageOf(issue, valueAt(root, issue.path)) });
    }
  }
  return out;
}
