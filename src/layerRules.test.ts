import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** Runs the project's dependency-cruiser rules over a small tree of files. */
function cruise(files: Record<string, string>): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pvl-layers-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs' } }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const bin = join(ROOT, 'node_modules', '.bin', 'depcruise');
    const r = spawnSync(bin, ['src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the layer rules (.dependency-cruiser.cjs)', () => {
  it('accept a tree whose arrows all point inward', () => {
    const r = cruise({
      'src/domain/run.ts': 'export interface Run { id: string }\n',
      'src/graph/runRepository.ts': "import type { Run } from '../domain/run';\nexport const load = (): Run[] => [];\n",
      'src/services/runService.ts': "import { load } from '../graph/runRepository';\nexport const runs = () => load();\n",
      'src/schema/runResolver.ts': "import { runs } from '../services/runService';\nexport const resolve = () => runs();\n",
    });
    expect(r.out).not.toMatch(/error/);
    expect(r.status).toBe(0);
  });

  it('name a cycle closed through a type import, an outward arrow, and a client reaching the server', () => {
    const r = cruise({
      'src/domain/run.ts': "import type { Session } from '../graph/session';\nexport interface Run { id: string; s?: Session }\n",
      'src/graph/session.ts': "import type { Run } from '../domain/run';\nexport interface Session { run?: Run }\n",
      'src/loaders/runLoader.ts': "import type { Ctx } from '../services/context';\nexport type Loader = { ctx?: Ctx };\n",
      'src/services/context.ts': "import type { Loader } from '../loaders/runLoader';\nexport interface Ctx { loader?: Loader }\n",
      'src/export/pdf.ts': "import type { Ctx } from '../services/context';\nexport type P = Ctx;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/no-circular/);
    expect(r.out).toMatch(/domain-is-innermost: src\/domain\/run\.ts → src\/graph\/session\.ts/);
    expect(r.out).toMatch(/loaders-see-graph: src\/loaders\/runLoader\.ts → src\/services\/context\.ts/);
    expect(r.out).toMatch(/export-is-a-client: src\/export\/pdf\.ts → src\/services\/context\.ts/);
  });
});
