import type { GraphExecutor } from '../src/graph/executor';
import { type TestApi, provisionTestToken, startTestApi } from './support/api';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { graphSnapshot, olFixture, olFixtureFiles, postEvent, runEvent, uuid } from './support/openlineage';
import { Role } from '../src/domain/role';

const LENIENT = ['event_required_no_timezone.json', 'event_without_schema_url.json'];

describe('POST /api/v1/lineage', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const valid = olFixtureFiles().filter(([, f]) => !f.startsWith('invalid'));

  it.each(valid)('ingests %s/%s with 201 and logs it verbatim', async (dir, file) => {
    const event = olFixture(dir, file);
    const res = await postEvent(api, event);
    expect(res.status).toBe(201);
    expect(res.body.lenient).toHaveLength(LENIENT.includes(file) ? 1 : 0);
    const [row] = await graph.query('test.logged', 'MATCH (e:LineageEvent {eventId: $id}) RETURN e.payload AS payload', { id: res.body.eventId });
    expect(JSON.parse(row.payload as string)).toEqual(event);
  });

  it('maps every fixture RunEvent to its job, run, inputs and outputs', async () => {
    for (const [dir, file] of valid) {
      const e = olFixture(dir, file) as { run?: { runId: string }; job?: { namespace: string; name: string }; inputs?: { name: string }[]; outputs?: { name: string }[] };
      if (!e.run || !e.job) continue;
      const [row] = await graph.query(
        'test.mapped',
        `MATCH (j:Job {namespace: $ns, name: $name})-[:HAS_RUN]->(r:Run {runId: $runId})
         RETURN [(d:Dataset)-[:INPUT_TO]->(r) | d.name] AS inputs, [(r)-[:PRODUCED]->(d:Dataset) | d.name] AS outputs`,
        { ns: e.job.namespace, name: e.job.name, runId: e.run.runId.toLowerCase() },
      );
      expect({ file, found: row !== undefined }).toEqual({ file, found: true });
      // Several fixtures share a run id, so the run holds at least this event's datasets.
      for (const d of e.inputs ?? []) expect(row.inputs).toContain(d.name);
      for (const d of e.outputs ?? []) expect(row.outputs).toContain(d.name);
    }
  });

  it('rejects the event without a runId with 400 and the validation errors, changing nothing', async () => {
    const before = await graphSnapshot(graph);
    const res = await postEvent(api, olFixture('spec', 'invalid_event_no_run_id.json'));
    expect(res.status).toBe(400);
    const [error] = res.body.errors as { message: string; extensions: { code: string; problems: { path: string; message: string }[] } }[];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.problems).toEqual([{ path: '/run/runId', message: 'is required' }]);
    expect(await graphSnapshot(graph)).toEqual(before);
  });

  it('reads an eventTime without offset as UTC (lenient, like Marquez) and says so', async () => {
    const e = olFixture('marquez', 'event_required_no_timezone.json');
    const res = await postEvent(api, e);
    expect(res.status).toBe(201);
    expect(res.body.lenient).toEqual(['eventTime has no UTC offset; read as UTC']);
    const [row] = await graph.query('test.time', 'MATCH (e:LineageEvent {eventId: $id}) RETURN e.eventTime AS t', { id: res.body.eventId });
    expect(row.t).toBe(new Date(`${String(e.eventTime)}Z`).toISOString());
  });

  it('assumes the spec schemaURL when it is missing (lenient, like Marquez) and says so', async () => {
    const res = await postEvent(api, olFixture('marquez', 'event_without_schema_url.json'));
    expect(res.status).toBe(201);
    expect((res.body.lenient as string[])[0]).toMatch(/^schemaURL is missing; assumed https:\/\/openlineage\.io\/spec\//);
  });

  it('treats a redelivered event as a no-op: same counts, same properties', async () => {
    const event = olFixture('marquez', 'event_full.json');
    const first = await postEvent(api, event);
    const before = await graphSnapshot(graph);
    const counts = await countGraph(graph);
    const again = await postEvent(api, event);
    // The same event with its keys in another order is the same event.
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    const third = await postEvent(api, reordered);
    expect([again.status, third.status]).toEqual([201, 201]);
    expect([again.body.eventId, third.body.eventId]).toEqual([first.body.eventId, first.body.eventId]);
    expect([again.body.created, third.body.created]).toEqual([false, false]);
    expect(await countGraph(graph)).toEqual(counts);
    expect(await graphSnapshot(graph)).toEqual(before);
  });

  describe('bad input: a 4xx with a message and an unchanged graph', () => {
    const good = () => runEvent({ eventType: 'START', runId: uuid(), job: { namespace: 'bad', name: 'job' }, eventTime: '2024-01-01T00:00:00Z' });
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const cases: [string, () => unknown, boolean, number][] = [
      ['a body that is not JSON', () => '{"eventType": "START", ', true, 400],
      ['a 20 MB body', () => JSON.stringify({ ...good(), padding: 'x'.repeat(20 * 1024 * 1024) }), true, 413],
      ['a runId that is not a UUID', () => ({ ...good(), run: { runId: 'run-42' } }), false, 400],
      ['an unknown eventType', () => ({ ...good(), eventType: 'FINISHED' }), false, 400],
      ['a facet with wrong types', () => ({ ...good(), outputs: [{ namespace: 's3://b', name: 'x', facets: { schema: { _producer: 'https://p', _schemaURL: 'https://s', fields: { name: 'a' } } } }] }), false, 400],
      ['a deeply nested facet', () => ({ ...good(), run: { runId: uuid(), facets: { deep: { _producer: 'https://p', _schemaURL: 'https://s', deep } } } }), false, 400],
      ['a JSON array', () => [good()], false, 400],
      ['an event time that is not a date-time', () => ({ ...good(), eventTime: 'tomorrow' }), false, 400],
    ];
    it.each(cases)('%s', async (_name, make, raw, status) => {
      const before = await graphSnapshot(graph);
      const res = await postEvent(api, make(), { raw });
      expect(res.status).toBe(status);
      const [error] = res.body.errors as { message: string }[];
      expect(error.message.length).toBeGreaterThan(10);
      expect(await graphSnapshot(graph)).toEqual(before);
    });

    const problemsOf = (res: { body: Record<string, unknown> }) => (res.body.errors as { extensions: { problems: { path: string; message: string }[] } }[])[0].extensions.problems;

    it('names the offending field, and only the event kind it meant to be', async () => {
      const res = await postEvent(api, { ...good(), run: { runId: 'run_id' } });
      expect(problemsOf(res)).toEqual([{ path: '/run/runId', message: 'must be a UUID' }]);
    });

    it.each([
      ['a NUL', '\u0000'],
      ['an ESC', '\u001b'],
      ['a newline', '\n'],
      ['a bidirectional override', '\u202e'],
      ['a bidirectional isolate', '\u2067'],
    ])('refuses %s in a job or dataset name with 400, naming the field, changing nothing', async (_what, ch) => {
      const before = await graphSnapshot(graph);
      const e = { ...good(), job: { namespace: 'bad', name: `job${ch}x` }, inputs: [{ namespace: `s3://b${ch}`, name: 'in' }] };
      const res = await postEvent(api, e);
      expect(res.status).toBe(400);
      expect(problemsOf(res).map((p) => p.path)).toEqual(['/job/name', '/inputs/0/namespace']);
      expect(await graphSnapshot(graph)).toEqual(before);
    });
  });

  describe('authentication', () => {
    it('refuses a request without a token with 401', async () => {
      const res = await postEvent(api, olFixture('marquez', 'event_simple.json'), { token: null });
      expect(res.status).toBe(401);
    });

    it('refuses a token without the PIPELINE role with 403', async () => {
      const viewer = await provisionTestToken([Role.VIEWER, Role.SCIENTIST], 'test.ol.viewer');
      const res = await postEvent(api, olFixture('marquez', 'event_simple.json'), { token: viewer });
      expect(res.status).toBe(403);
    });
  });

  describe('GET /api/v1/events/lineage', () => {
    const get = async (query: string) => {
      const res = await fetch(`${api.url}/api/v1/events/lineage${query}`, { headers: { authorization: `Bearer ${api.token}` } });
      return { status: res.status, body: (await res.json()) as { events: { eventTime: string }[]; totalCount: number; errors?: unknown[] } };
    };

    it('returns the raw events newest first, paged, and bounded by before/after', async () => {
      const [rows] = [await graph.query('test.log', 'MATCH (e:LineageEvent) RETURN e.payload AS p, e.eventTime AS t, e.eventId AS id ORDER BY t DESC, id')];
      const all = await get('?limit=1000');
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(rows.length);
      expect(all.body.events).toEqual(rows.map((r) => JSON.parse(r.p as string)));
      const page = await get('?limit=2&offset=1');
      expect(page.body.events).toEqual(all.body.events.slice(1, 3));
      const cut = '2020-12-28T19:52:00.000Z';
      const after = await get(`?after=${cut}`);
      expect(after.body.events).toEqual(rows.filter((r) => (r.t as string) > cut).map((r) => JSON.parse(r.p as string)));
      const before = await get(`?before=${cut}&limit=1000`);
      expect(before.body.events).toEqual(rows.filter((r) => (r.t as string) < cut).map((r) => JSON.parse(r.p as string)));
    });

    it.each([['?limit=0'], ['?limit=abc'], ['?before=yesterday'], ['?after=2024-01-02T00:00:00Z&before=2024-01-01T00:00:00Z'], ['?offset=-1']])('rejects %s with 400', async (q) => {
      const res = await get(q);
      expect(res.status).toBe(400);
    });
  });
});
