import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';

export const EXPLORER_ASSET_PATH = '/assets/explorer';

/**
 * Where `npm run build` put the bundle (scripts/build-ui.mjs): dist/ui beside dist/src when
 * running compiled code, <repo>/dist/ui when tests run the sources.
 */
export function explorerDir(): string | null {
  const candidates = [join(__dirname, '..', '..', 'ui'), join(__dirname, '..', '..', 'dist', 'ui')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The lineage explorer at GET /lineage and its assets. The page itself is public (it signs
 * in with `login`); everything it shows comes through /graphql with the user's token. Assets
 * are read once at start-up, so no request can name a path on disk.
 */
export function mountExplorer(app: Express, options: { maxDepth: number; dir?: string | null }): void {
  const dir = options.dir === undefined ? explorerDir() : options.dir;
  if (!dir) {
    // Never a blank page: say what is missing and how to make it.
    app.get('/lineage', (_req, res) => {
      res.status(503).type('text').send('The lineage explorer has not been built: run `npm run build` (it writes dist/ui), then restart the API.');
    });
    return;
  }
  const html = readFileSync(join(dir, 'index.html'), 'utf8').replace('{{MAX_DEPTH}}', String(options.maxDepth));
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const name of ['explorer.js', 'explorer.css', 'explorer.js.map', 'explorer.css.map', 'explorer.js.LEGAL.txt']) {
    const file = join(dir, name);
    if (existsSync(file)) assets.set(name, { body: readFileSync(file), type: TYPES[name.slice(name.lastIndexOf('.'))] });
  }
  app.get(`${EXPLORER_ASSET_PATH}/:name`, (req, res) => {
    const asset = assets.get(String(req.params.name));
    if (!asset) {
      res.status(404).end();
      return;
    }
    res.type(asset.type);
    res.setHeader('Cache-Control', 'no-cache');
    res.send(asset.body);
  });
  app.get('/lineage', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  });
}
