import { BadInputError } from './errors';
import { NODE_TYPES, NodeType, nodeTypeForPrefix } from './nodeType';

/**
 * Typed node ids: `<prefix>:<part>(:<part>)*`, one grammar for every label.
 * Each part is percent-encoded (RFC 3986 unreserved characters stay as they are), so a
 * part may hold `:`, `/` or spaces and the id still splits unambiguously on `:`.
 */
export interface ParsedId {
  readonly type: NodeType;
  readonly parts: readonly string[];
}

const MAX_ID_LENGTH = 2048;

export function encodeIdPart(part: string): string {
  // encodeURIComponent leaves !'()* alone; encode them too so the form is canonical.
  return encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formatId(type: NodeType, ...parts: string[]): string {
  const info = NODE_TYPES[type];
  if (parts.length !== info.keyParts.length) {
    throw new Error(`${type} id needs ${info.keyParts.length} parts, got ${parts.length}`);
  }
  for (const [i, p] of parts.entries()) {
    if (p.length === 0) throw new Error(`${type} id part "${info.keyParts[i]}" is empty`);
  }
  return [info.prefix, ...parts.map(encodeIdPart)].join(':');
}

/** Parses a typed id or throws BAD_USER_INPUT naming the argument and the id. */
export function parseId(id: string, argument = 'id'): ParsedId {
  const fail = (why: string): never => {
    throw new BadInputError(argument, `Malformed id "${truncate(id)}" in argument "${argument}": ${why}`, { id: truncate(id) });
  };
  if (id.length === 0) fail('it is empty');
  if (id.length > MAX_ID_LENGTH) fail(`it is longer than ${MAX_ID_LENGTH} characters`);
  const [prefix, ...encoded] = id.split(':');
  const type = nodeTypeForPrefix(prefix);
  if (type === undefined) {
    const known = Object.values(NODE_TYPES).map((t) => t.prefix).join(', ');
    return fail(`unknown type prefix "${truncate(prefix)}" (expected one of ${known})`);
  }
  const info = NODE_TYPES[type];
  if (encoded.length !== info.keyParts.length) {
    fail(`a ${info.prefix} id has the form ${info.prefix}:<${info.keyParts.join('>:<')}>`);
  }
  const parts = encoded.map((p, i) => {
    if (p.length === 0) fail(`part <${info.keyParts[i]}> is empty`);
    try {
      return decodeURIComponent(p);
    } catch {
      return fail(`part <${info.keyParts[i]}> is not valid percent-encoding`);
    }
  });
  // Only the canonical spelling is accepted, so one node has exactly one id.
  if (formatId(type, ...parts) !== id) fail('it is not in canonical percent-encoded form');
  return { type, parts };
}

/** Parses an id that must be of one type. */
export function parseIdOf(type: NodeType, id: string, argument = 'id'): ParsedId {
  const parsed = parseId(id, argument);
  if (parsed.type !== type) {
    throw new BadInputError(
      argument,
      `Argument "${argument}" must be a ${NODE_TYPES[type].prefix} id, got "${truncate(id)}"`,
      { id: truncate(id) },
    );
  }
  return parsed;
}

function truncate(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
