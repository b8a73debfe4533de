import path from 'node:path';
import { BadInputError, DomainError } from './errors';

/**
 * Where the API may read tracking stores from, set by the operator (PVL_INGEST_ROOTS,
 * PVL_INGEST_ORIGINS). Both lists are empty unless configured, so nothing may be registered
 * through the API until an operator names a folder or an origin.
 */
export interface IngestAllowList {
  /** Canonical absolute folders; a file store or SQLite file must lie inside one of them. */
  readonly roots: readonly string[];
  /** WHATWG-serialised origins (`scheme://host[:port]`) of MLflow tracking servers. */
  readonly origins: readonly string[];
}

export const EMPTY_ALLOW_LIST: IngestAllowList = { roots: [], origins: [] };

/** An allow-list refusal: FORBIDDEN, naming the argument and the rule, never what is behind it. */
export class IngestRefusedError extends DomainError {
  constructor(argument: string, setting: string, rule: string) {
    super('FORBIDDEN', `Argument "${argument}" is refused: ${rule}`, { argument, rule: setting });
  }
}

/**
 * The origin of an http(s) URL after WHATWG normalisation, which turns `http://2130706433`,
 * `http://0x7f.1` and `http://127.1` into `http://127.0.0.1` and drops a default port, so a
 * listed origin matches however it is spelt and an unlisted one cannot pass as another.
 * User-info is refused: `http://listed@other` reads as another host to a person than to a parser.
 */
export function originOf(raw: string, argument: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadInputError(argument, `Argument "${argument}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BadInputError(argument, `Argument "${argument}" must be an http(s):// URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new BadInputError(argument, `Argument "${argument}" must not carry user-info (user:password@) in the URL`);
  }
  return url.origin;
}

/** Parses an allow-list entry of PVL_INGEST_ORIGINS: an origin and nothing more. */
export function parseAllowedOrigin(entry: string): string {
  const origin = originOf(entry, 'PVL_INGEST_ORIGINS');
  const url = new URL(entry);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new BadInputError('PVL_INGEST_ORIGINS', `"${entry}" is not an origin (scheme://host[:port], no path)`);
  }
  return origin;
}

export function checkOrigin(allow: IngestAllowList, url: string, argument: string): void {
  if (!allow.origins.includes(originOf(url, argument))) {
    throw new IngestRefusedError(argument, 'PVL_INGEST_ORIGINS', 'the origin is not listed in PVL_INGEST_ORIGINS');
  }
}

/** `canonical` must be an absolute path already resolved through every symlink (realpath). */
export function isInsideRoot(canonical: string, root: string): boolean {
  const rel = path.relative(root, canonical);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

export function checkRoot(canonicalRoots: readonly string[], canonical: string, argument: string): void {
  if (!canonicalRoots.some((r) => isInsideRoot(canonical, r))) {
    throw new IngestRefusedError(argument, 'PVL_INGEST_ROOTS', 'the store is not inside a folder listed in PVL_INGEST_ROOTS');
  }
}
