import fc from 'fast-check';

type Json = unknown;
type Path = (string | number)[];

/** Every path into a JSON value, the root included, in a stable order. */
export function pathsOf(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

const parentOf = (root: Json, path: Path) => path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], root) as Record<string | number, Json>;

export const GOOD = ['1d79ed5b-7fe9-4124-b70a-bfa01d9fba83', 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent', '2024-05-01T10:00:00.5-03:00'];
export const BAD_UUIDS = ['run_id', '1d79ed5b-7fe9-4124-b70a-bfa01d9fba8', '1d79ed5b7fe94124b70abfa01d9fba83', '{1d79ed5b-7fe9-4124-b70a-bfa01d9fba83}', ' 1d79ed5b-7fe9-4124-b70a-bfa01d9fba83', '1D79ED5B-7FE9-4124-B70A-BFA01D9FBA83', 'urn:uuid:1d79ed5b-7fe9-4124-b70a-bfa01d9fba83', '00000000-0000-0000-0000-000000000000', 'g079ed5b-7fe9-4124-b70a-bfa01d9fba83', ''];
export const BAD_URIS = ['not a uri', 'http://exa mple.com', 'urn:isbn:0451450523', 'mailto:a@b.c', 'https://[::1]:8080/x', 'https://[fe80::1%25en0]/', '//host/path', 'a:b', 'file:///tmp/x', 'https://example.com/%zz', 'http://h/ä', '', 'x', 'https://example.com/a b', 'https://u@h:99/p?q=1#f', 'HTTP://EXAMPLE.COM', '1http://x', 'https://999.1.1.1/'];
export const BAD_DATE_TIMES = ['2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2024-05-01 10:00:00Z', '2024-05-01T25:00:00Z', '2024-06-30T23:59:60Z', '2024-06-30T22:59:60-01:00', '2024-06-30T12:59:60Z', '2024-05-01T10:00:00+24:00', '2024-05-01T10:00:00+0530', '2024-05-01T10:00:00', '2024-05-01T10:00', 'yesterday', '2024-05-01t10:00:00z', '2024-05-01T10:00:00.123456789+05:30', '2024-5-1T10:00:00Z', '2024-05-01T10:00:00ZZ', ''];
const EVENT_TYPES = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER', 'start', 'EXPLODED', '', 'COMPLETE '];
const KNOWN_KEYS = ['run', 'job', 'dataset', 'inputs', 'outputs', 'facets', 'inputFacets', 'outputFacets', 'runId', 'namespace', 'name', 'eventType', '_producer', '_schemaURL', '_deleted', 'fields', 'type', 'tags', 'schema', 'parent', 'owners', 'description', 'lifecycleStateChange', 'rowCount', 'parameters', 'extra'];
const FRAGMENTS = ['RunEvent', 'DatasetEvent', 'JobEvent', 'BaseEvent', 'Nothing'];

/** One value of each JSON type, a fraction beside the integer and a string no enum holds. */
export const ONE_OF_EACH_TYPE: readonly Json[] = [null, true, 7, 1.5, 'MELT', [], {}];

/** A JSON value of any type, scalars more often than containers. */
const anyJson = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 2 ** 60, '', 'string', 'esc\u001bape', 'rl\u202eo', [], {}) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** One mutation, applied at the path its index picks among the event's current paths. */
export type Mutation =
  | { op: 'remove'; pick: number }
  | { op: 'retype'; pick: number; value: Json }
  | { op: 'format'; pick: number; value: string }
  | { op: 'add'; pick: number; key: string; value: Json }
  | { op: 'eventType'; value: Json }
  | { op: 'kind'; drop: 'run' | 'job' | 'dataset' | null; add: 'run' | 'job' | 'dataset' | null; fragment: string }
  | { op: 'moveFacet'; from: number; to: number };

const pick = fc.nat();
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), pick }),
  fc.record({ op: fc.constant('retype' as const), pick, value: anyJson }),
  fc.record({ op: fc.constant('format' as const), pick, value: fc.constantFrom(...GOOD, ...BAD_UUIDS, ...BAD_URIS, ...BAD_DATE_TIMES) }),
  fc.record({ op: fc.constant('add' as const), pick, key: fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 6 })), value: anyJson }),
  fc.record({ op: fc.constant('eventType' as const), value: fc.oneof(fc.constantFrom<Json>(...EVENT_TYPES), anyJson) }),
  fc.record({
    op: fc.constant('kind' as const),
    drop: fc.constantFrom('run' as const, 'job' as const, 'dataset' as const, null),
    add: fc.constantFrom('run' as const, 'job' as const, 'dataset' as const, null),
    fragment: fc.constantFrom(...FRAGMENTS),
  }),
  fc.record({ op: fc.constant('moveFacet' as const), from: pick, to: pick }),
);

const ADDED = {
  run: () => ({ runId: '0190b1c2-7a1e-7c3a-9f00-0000000000bb' }),
  job: () => ({ namespace: 'n', name: 'j' }),
  dataset: () => ({ namespace: 'n', name: 'd' }),
};

/** Where the schemas ask for a format (core and facet fields): bad values are aimed there. */
const FORMAT_KEYS = new Set(['runId', 'eventTime', 'producer', 'schemaURL', '_producer', '_schemaURL', 'uri', 'url', 'nominalStartTime', 'nominalEndTime', 'lastUpdated']);
const formatPaths = (e: Json) => pathsOf(e).filter((p) => FORMAT_KEYS.has(String(p[p.length - 1])));

/** Paths of facet bodies: the values of every `facets`, `inputFacets` or `outputFacets` object. */
const facetPaths = (e: Json) => pathsOf(e).filter((p) => p.length >= 2 && ['facets', 'inputFacets', 'outputFacets'].includes(String(p[p.length - 2])));

/** Applies a mutation in place. */
export const formatPathsOf = formatPaths;

export function apply(event: Record<string, Json>, m: Mutation): void {
  if (m.op === 'eventType') {
    event.eventType = m.value;
    return;
  }
  if (m.op === 'kind') {
    if (m.drop) delete event[m.drop];
    if (m.add) event[m.add] = ADDED[m.add]();
    if (typeof event.schemaURL === 'string') event.schemaURL = event.schemaURL.replace(/#.*$/, `#/$defs/${m.fragment}`);
    return;
  }
  if (m.op === 'moveFacet') {
    // A facet body under another facet's key or place: a run facet where a dataset facet goes, etc.
    const ps = facetPaths(event);
    if (ps.length < 2) return;
    const from = ps[m.from % ps.length];
    const to = ps[m.to % ps.length];
    parentOf(event, to)[to[to.length - 1]] = structuredClone(parentOf(event, from)[from[from.length - 1]]);
    return;
  }
  const ps = m.op === 'format' ? formatPaths(event) : pathsOf(event);
  if (ps.length === 0) return;
  const path = ps[m.pick % ps.length];
  if (m.op === 'add') {
    const target = path.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], event);
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, Json>)[m.key] = m.value;
    else if (Array.isArray(target)) target.push(m.value);
    return;
  }
  if (path.length === 0) return;
  const parent = parentOf(event, path);
  const key = path[path.length - 1];
  if (m.op === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    parent[key] = m.value;
  }
}
