import { BadInputError } from './errors';

/**
 * Cursors are opaque to clients but simple inside: a versioned offset into a list in its
 * documented stable order. Offsets keep every sort order (including by metric) pageable with
 * one code path; lists here are bounded (runs of one store number in the tens of thousands),
 * so SKIP stays cheap. A cursor that does not decode is rejected, never guessed at.
 */
const CURSOR_PREFIX = 'pvl1:';
const MAX_OFFSET = 10_000_000;

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): number {
  const fail = (): never => {
    throw new BadInputError(argument, `Argument "${argument}" is not a cursor this API issued`);
  };
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) fail();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) fail();
  const digits = text.slice(CURSOR_PREFIX.length);
  if (!/^(0|[1-9][0-9]{0,8})$/.test(digits)) fail();
  const offset = Number(digits);
  if (offset > MAX_OFFSET) fail();
  return offset;
}

/** Validates `first`/`after` and turns them into an offset and a limit. */
export function toPageRequest(args: PageArgs, maxPageSize: number, defaultPageSize = 50): PageRequest {
  const first = args.first ?? defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw new BadInputError('first', `Argument "first" must be an integer from 0 to ${maxPageSize}, got ${first}`);
  }
  const offset = args.after == null ? 0 : decodeCursor(args.after) + 1;
  return { offset, limit: first };
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
  readonly offset: number;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfo;
  readonly totalCount: number;
}

export function toConnection<T>(page: Page<T>): Connection<T> {
  const edges = page.items.map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.offset + page.items.length < page.totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
