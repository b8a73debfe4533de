import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { resetGraph } from '../support/graph';
import { facet, postEvent, runEvent, uuid } from '../support/openlineage';
import { browserSuite, graphSettled, openPage } from './browser';

const NS = 'postgres://db.pv:5432';
const A = { namespace: NS, name: 'pv.public.cases' };
const B = { namespace: NS, name: 'pv.public.cases_clean' };
const dataset = (d: typeof A) => formatId(NodeType.DATASET, d.namespace, d.name);

describe('explorer: fields and the columns switch', () => {
  const suite = browserSuite(resetGraph);

  beforeAll(async () => {
    const event = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'pv', name: 'clean' }, eventTime: '2024-06-01T00:00:00.000Z', inputs: [A], outputs: [B] });
    (event.inputs as Record<string, unknown>[])[0].facets = { schema: facet({ fields: [{ name: 'caseid', type: 'BIGINT' }, { name: 'email', type: 'VARCHAR' }] }) };
    (event.outputs as Record<string, unknown>[])[0].facets = {
      schema: facet({ fields: [{ name: 'caseid', type: 'BIGINT', description: 'FAERS case' }, { name: 'reporter', type: 'VARCHAR' }] }),
      columnLineage: facet({
        fields: {
          caseid: { inputFields: [{ ...A, field: 'caseid', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }] }] },
          reporter: { inputFields: [{ ...A, field: 'email', transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true }] }] },
        },
      }),
    };
    expect((await postEvent(suite.api, event)).status).toBe(201);
  });

  it("lists a dataset's fields and draws field edges between the datasets on screen", async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(dataset(B))}&direction=UPSTREAM&depth=2`);
    expect(await graphSettled(page)).toBe('ready');
    // The root is selected: its details list its fields in schema order.
    const rows = page.locator('#details-body section.fields tbody tr');
    await rows.first().waitFor();
    expect(await rows.allInnerTexts()).toEqual(['caseid\tBIGINT\tFAERS case', 'reporter\tVARCHAR\t']);

    await page.getByLabel('Columns').check();
    await page.waitForFunction(() => document.getElementById('graph')!.dataset.columnEdges !== undefined);
    const drawn = await page.evaluate(() =>
      (window as unknown as { pvlExplorer: { cy: { edges(s: string): { map(f: (e: { data(k: string): string }) => string): string[] } } } }).pvlExplorer.cy
        .edges('.column')
        .map((e) => `${e.data('source')} ${e.data('label')} ${e.data('target')}`),
    );
    expect(drawn.sort()).toEqual([`${dataset(A)} caseid → caseid ${dataset(B)}`, `${dataset(A)} email → reporter (masked) ${dataset(B)}`]);

    await page.getByLabel('Columns').uncheck();
    await page.waitForFunction(() => document.getElementById('graph')!.dataset.columnEdges === '0');
    expect(errors).toEqual([]);
  });
});
