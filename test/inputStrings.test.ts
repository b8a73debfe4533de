import { INPUT_LIMITS } from '../src/domain/inputLimits';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { countGraph, testGraph } from './support/graph';
import { postEvent, runEvent, uuid } from './support/openlineage';

const LONG = 'x'.repeat(10 * 1024);
const REGISTER = 'mutation($in: RegisterReportInput!) { registerReport(input: $in) { id } }';
const report = (over: Record<string, unknown>) => ({ title: 'Quarterly', kind: 'PSUR', contentHash: 'c'.repeat(64), ...over });

describe('bad strings are refused as BAD_USER_INPUT naming the field, never 500', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it.each([
    ['a lone surrogate in report(id:)', 'query($id: ID!) { report(id: $id) { id } }', { id: '\ud800' }, 'id', /lone surrogate/],
    ['a lone surrogate in a registerReport title', REGISTER, { in: report({ title: 'T\ud800' }) }, 'input.title', /lone surrogate/],
    ['a 10 kB registerReport title', REGISTER, { in: report({ title: LONG }) }, 'input.title', /limit for a name is 2048 bytes/],
    ['a 10 kB registerReport uri', REGISTER, { in: report({ uri: `s3://${LONG}` }) }, 'input.uri', /limit for a uri is 4096 bytes/],
    ['a 10 kB signal drug name', 'mutation($in: RecordSignalInput!) { recordSignal(input: $in) { id } }', { in: { drug: LONG, eventTerm: 'Nausea', detectedByRun: 'r' } }, 'input.drug', /limit for a name/],
    ['a 10 kB ingestMlflow uri', 'mutation($u: String!) { ingestMlflow(uri: $u) { id } }', { u: `file://${LONG}` }, 'uri', /limit for a uri/],
  ])('%s', async (_name, query, variables, argument, message) => {
    const before = await countGraph(graph);
    const res = await api.gql(query, variables);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', argument } });
    expect(await countGraph(graph)).toEqual(before);
  });

  const event = (job: { namespace: string; name: string }, output: { namespace: string; name: string }) =>
    runEvent({ eventType: 'COMPLETE', runId: uuid(), eventTime: '2024-05-01T10:00:00Z', job, outputs: [output] });

  it.each([
    ['a 10 kB job name', event({ namespace: 'ns', name: LONG }, { namespace: 'ds', name: 'd' }), '/job/name', /limit for a name/],
    ['a 10 kB dataset name', event({ namespace: 'ns', name: 'j' }, { namespace: 'ds', name: LONG }), '/outputs/0/name', /limit for a name/],
    ['a 10 kB namespace', event({ namespace: LONG, name: 'j' }, { namespace: 'ds', name: 'd' }), '/job/namespace', /limit for a name/],
    ['a lone surrogate in a job name', event({ namespace: 'ns', name: 'j\ud800' }, { namespace: 'ds', name: 'd' }), '/job/name', /lone surrogate/],
    ['an empty dataset name', event({ namespace: 'ns', name: 'j' }, { namespace: 'ds', name: '' }), '/outputs/0/name', /must not be empty/],
    ['an ESC in a dataset namespace', event({ namespace: 'ns', name: 'j' }, { namespace: 'd\u001bs', name: 'd' }), '/outputs/0/namespace', /control/],
  ])('OpenLineage: %s gets 400 naming the field, and changes nothing', async (_name, body, path, message) => {
    const before = await countGraph(graph);
    const res = await postEvent(api, body);
    expect(res.status).toBe(400);
    const [error] = res.body.errors as { extensions: { code: string; problems: { path: string; message: string }[] } }[];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.problems).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(await countGraph(graph)).toEqual(before);
  });

  it('accepts an OpenLineage job name exactly at the limit', async () => {
    const res = await postEvent(api, event({ namespace: 'ns', name: 'j'.repeat(INPUT_LIMITS.name) }, { namespace: 'ds', name: 'limit-ok' }));
    expect(res.status).toBe(201);
  });
});
