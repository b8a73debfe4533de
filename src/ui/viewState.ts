import { DEFAULT_LINEAGE_LIMIT, LINEAGE_NODE_TYPES, LineageDirection, LineageNodeType, MAX_LINEAGE_LIMIT } from '../domain/lineage';
import { DomainError } from '../domain/errors';
import { parseId } from '../domain/ids';
import type { NodeType } from '../domain/nodeType';

/** What the explorer shows; the address bar holds it, so a view can be bookmarked and shared. */
export interface ViewState {
  readonly id: string | null;
  readonly direction: LineageDirection;
  readonly depth: number;
  /** Null for every type. */
  readonly types: readonly LineageNodeType[] | null;
  /** Recorded clock: ISO 8601 instant, or null for now (docs/time.md). */
  readonly asOf: string | null;
  /** Source clock: ISO 8601 instant, or null for no source-time filter. */
  readonly validAt: string | null;
  readonly limit: number;
}

export const DEFAULT_DEPTH = 3;

export const DEFAULT_VIEW: ViewState = {
  id: null,
  direction: LineageDirection.UPSTREAM,
  depth: DEFAULT_DEPTH,
  types: null,
  asOf: null,
  validAt: null,
  limit: DEFAULT_LINEAGE_LIMIT,
};

const TYPES = new Set<string>(Object.values(LineageNodeType));

/**
 * Why an id cannot be a lineage root, or null when it can. The domain's own parser checks the
 * grammar, so the page and the API agree on what a well-formed id is.
 */
export function idProblem(id: string): string | null {
  try {
    const { type } = parseId(id);
    if (!(LINEAGE_NODE_TYPES as readonly NodeType[]).includes(type)) return `"${id}" is not a lineage node (audit records and actors are not drawn)`;
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err.message;
    throw err;
  }
}

export interface ParsedView {
  readonly view: ViewState;
  /** One sentence per parameter that was ignored, for the page to show. */
  readonly problems: readonly string[];
}

/** Reads a `?id=…&direction=…` query string. Bad parameters fall back to defaults and are reported, never silently dropped. */
export function parseView(search: string, maxDepth: number): ParsedView {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  let view: ViewState = DEFAULT_VIEW;
  const set = (patch: Partial<ViewState>) => {
    view = { ...view, ...patch };
  };

  const id = params.get('id');
  if (id !== null && id !== '') {
    const problem = idProblem(id);
    if (problem) problems.push(`The id in the address is not valid: ${problem}.`);
    else set({ id });
  }
  const direction = params.get('direction');
  if (direction !== null) {
    if ((Object.values(LineageDirection) as string[]).includes(direction)) set({ direction: direction as LineageDirection });
    else problems.push(`Unknown direction "${direction}" in the address; expected UPSTREAM, DOWNSTREAM or BOTH.`);
  }
  const depth = params.get('depth');
  if (depth !== null) {
    const n = Number(depth);
    if (/^\d+$/.test(depth) && n >= 1 && n <= maxDepth) set({ depth: n });
    else problems.push(`Depth "${depth}" in the address is not a whole number from 1 to ${maxDepth}.`);
  }
  const limit = params.get('limit');
  if (limit !== null) {
    const n = Number(limit);
    if (/^\d+$/.test(limit) && n >= 1 && n <= MAX_LINEAGE_LIMIT) set({ limit: n });
    else problems.push(`Limit "${limit}" in the address is not a whole number from 1 to ${MAX_LINEAGE_LIMIT}.`);
  }
  const types = params.get('types');
  if (types !== null) {
    const list = types.split(',').filter((t) => t !== '');
    const unknown = list.filter((t) => !TYPES.has(t));
    if (unknown.length > 0 || list.length === 0) problems.push(`Unknown node types in the address: "${types}".`);
    else set({ types: list as LineageNodeType[] });
  }
  for (const [key, label] of [['asOf', 'as of'], ['validAt', 'valid at']] as const) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    if (isInstant(value)) set({ [key]: new Date(value).toISOString() });
    else problems.push(`"${label}" value "${value}" in the address is not a date and time (e.g. 2024-06-30T12:00:00Z).`);
  }
  return { view, problems };
}

/** The query string for a view; defaults are left out so shared links stay short. */
export function formatView(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.id) params.set('id', view.id);
  params.set('direction', view.direction);
  params.set('depth', String(view.depth));
  if (view.limit !== DEFAULT_LINEAGE_LIMIT) params.set('limit', String(view.limit));
  if (view.types) params.set('types', view.types.join(','));
  if (view.asOf) params.set('asOf', view.asOf);
  if (view.validAt) params.set('validAt', view.validAt);
  return `?${params.toString()}`;
}

function isInstant(value: string): boolean {
  // Date.parse accepts many shapes; the API takes ISO 8601 date-times, so insist on that shape.
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}
