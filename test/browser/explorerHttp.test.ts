import express from 'express';
import request from 'supertest';
import type { GraphExecutor } from '../../src/graph/executor';
import { mountExplorer } from '../../src/http/explorer';
import { startTestApi, type TestApi } from '../support/api';
import { testGraph } from '../support/graph';

/** The explorer page over plain HTTP: public, local assets only, configured depth, clear when unbuilt. */
describe('GET /lineage', () => {
  let graph: GraphExecutor;
  let api: TestApi;

  beforeAll(async () => {
    graph = testGraph();
    api = await startTestApi(graph, { PVL_MAX_LINEAGE_DEPTH: '12' }, { anonymous: true });
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('serves the page without a token, from local assets only, with the configured maximum depth', async () => {
    const page = await fetch(`${api.url}/lineage`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<body data-max-depth="12" ');
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toEqual(expect.arrayContaining(['/assets/explorer/explorer.css', '/assets/explorer/explorer.js']));
    for (const src of srcs) {
      expect(src.startsWith('/') || src.startsWith('#')).toBe(true);
      if (!src.startsWith('/assets/')) continue;
      const asset = await fetch(`${api.url}${src}`);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    // Inline scripts would be blocked by the CSP: the page has none.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('serves only the files of the bundle', async () => {
    for (const path of ['/assets/explorer/index.html', '/assets/explorer/..%2F..%2Fpackage.json', '/assets/explorer/nothing.js']) {
      expect({ path, status: (await fetch(`${api.url}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });

  it('says how to build the explorer when the bundle is missing, instead of a blank page', async () => {
    const app = express();
    mountExplorer(app, { maxDepth: 20, dir: null });
    const res = await request(app).get('/lineage');
    expect(res.status).toBe(503);
    expect(res.text).toMatch(/not been built: run `npm run build`/);
  });
});
