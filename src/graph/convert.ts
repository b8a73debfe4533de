import neo4j, { type DateTime, type Integer, isDate, isDateTime, isDuration, isInt, isLocalDateTime, isLocalTime, isNode, isPath, isRelationship, isTime } from 'neo4j-driver';

/**
 * Turns driver values into plain JavaScript once, at the boundary, so nothing above the graph
 * layer ever sees a neo4j Integer or temporal object. Integers outside ±2^53 are refused rather
 * than silently rounded: MLflow's large ids are stored as strings for exactly that reason.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  // Lists and maps come fresh from the driver and belong to this call alone, so they are
  // converted in place: a page of runs is mostly maps, and copying them doubled the garbage.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>;
    for (const k of Object.keys(map)) map[k] = toPlain(map[k]);
    return map;
  }
  if (isInt(value)) {
    if (!value.inSafeRange()) throw new RangeError(`Integer ${value.toString()} is outside the safe JavaScript range`);
    return value.toNumber();
  }
  if (isDateTime(value)) return dateTimeToIso(value);
  if (isDate(value) || isLocalDateTime(value) || isLocalTime(value) || isTime(value) || isDuration(value)) {
    return value.toString();
  }
  if (isNode(value) || isRelationship(value)) return toPlain({ ...value.properties });
  if (isPath(value)) throw new TypeError('Paths must be returned as lists of ids, not path values');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
  return out;
}

function dateTimeToIso(dt: DateTime<Integer | number>): string {
  // Millisecond precision in UTC: the form JavaScript, GraphQL DateTime and MLflow all share.
  return dt.toStandardDate().toISOString();
}

/** Converts an ISO string or Date to a driver DateTime parameter. */
export function toNeoDateTime(value: string | Date): DateTime<number> {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a valid date-time: ${String(value)}`);
  return neo4j.types.DateTime.fromStandardDate(d) as DateTime<number>;
}

/** JavaScript numbers travel as Cypher floats; list slices and LIMIT need real integers. */
export function toNeoInt(value: number): Integer {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
  return neo4j.int(value);
}

/** Offset and limit of a page as Cypher integers. */
export function pageParams(page: { offset: number; limit: number }): { offset: Integer; limit: Integer } {
  return { offset: toNeoInt(page.offset), limit: toNeoInt(page.limit) };
}
