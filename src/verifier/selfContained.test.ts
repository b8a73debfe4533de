import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { eventLeafHash, type AuditEventData } from '../domain/audit/event';
import { consistencyProof, inclusionProof, rootHash } from '../domain/audit/merkle';
import { formatCheckpoint, generateSignerKey, signNote } from '../domain/audit/note';

/**
 * The verifier ships to auditors as one bundled file, so everything it reaches must stay inside
 * src/verifier and src/domain/audit and use only node:* modules and `canonicalize`.
 */
const SRC = resolve(__dirname, '..');
const ALLOWED_DIRS = [join(SRC, 'verifier'), join(SRC, 'domain', 'audit')];
const ALLOWED_PACKAGES = /^(node:[a-z_/]+|canonicalize)$/;

function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const patterns = [
    /\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1]));
}

function resolveLocal(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`${relative(SRC, from)} imports ${spec}, which does not resolve to a .ts file`);
}

/** Every source file the verifier can reach, with the problems found on the way. */
function closure(): { files: Set<string>; problems: string[] } {
  const entries = readdirSync(join(SRC, 'verifier')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const todo = entries.map((f) => join(SRC, 'verifier', f));
  const files = new Set<string>();
  const problems: string[] = [];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!ALLOWED_DIRS.some((d) => file.startsWith(`${d}/`))) problems.push(`${relative(SRC, file)} is outside src/verifier and src/domain/audit`);
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) todo.push(resolveLocal(file, spec));
      else if (!ALLOWED_PACKAGES.test(spec)) problems.push(`${relative(SRC, file)} imports ${spec}`);
    }
  }
  return { files, problems };
}

describe('the standalone verifier', () => {
  it('imports nothing outside src/verifier, src/domain/audit, node:* and canonicalize', () => {
    const { files, problems } = closure();
    expect(problems).toEqual([]);
    const names = [...files].map((f) => relative(SRC, f));
    // The scan must actually follow imports, or the check above proves nothing.
    expect(names).toEqual(expect.arrayContaining(['verifier/index.ts', 'domain/audit/merkle.ts', 'domain/audit/note.ts', 'domain/audit/event.ts', 'domain/audit/canonical.ts']));
  });

  it('the scan catches an import from elsewhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvl-scan-'));
    try {
      const file = join(dir, 'x.ts');
      writeFileSync(file, "import { a } from 'lodash';\nimport type { B } from '../errors';\nexport * from \"node:fs\";\nconst c = require('zod');\n");
      expect(specifiers(file)).toEqual(['lodash', '../errors', 'node:fs', 'zod']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bundles into one file that runs with no node_modules and verifies a checkpoint and proofs', () => {
    const out = buildSync({
      entryPoints: [join(SRC, 'verifier', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0].text;
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required.filter((r) => !r.startsWith('node:'))).toEqual([]);

    const key = generateSignerKey('pv-lineage.test/audit');
    const events: AuditEventData[] = [0, 1, 2].map((seq) => ({
      seq, at: `2026-11-26T10:00:0${seq}.000Z`, actorId: 'u', actorRole: null, actorName: 'U', action: 'A', entityType: 'T',
      entityId: `t:${seq}`, entityVersion: null, oldValue: null, newValue: { seq }, reason: null, category: 'CHANGE',
    }));
    const leaves = events.map(eventLeafHash);
    const b64 = (b: Buffer) => b.toString('base64');
    const root = b64(rootHash(leaves));
    const input = {
      note: signNote(formatCheckpoint({ origin: 'pv-lineage.test/audit', treeSize: 3, rootHash: root }), key.signerKey),
      keys: [key.verifierKey],
      events,
      inclusion: { event: events[1], index: 1, treeSize: 3, proof: inclusionProof(1, leaves).map(b64), rootHash: root },
      consistency: { fromSize: 2, toSize: 3, fromRoot: b64(rootHash(leaves.slice(0, 2))), toRoot: root, proof: consistencyProof(2, leaves).map(b64) },
    };

    const dir = mkdtempSync(join(tmpdir(), 'pvl-verifier-'));
    try {
      writeFileSync(join(dir, 'verifier.js'), code);
      writeFileSync(join(dir, 'input.json'), JSON.stringify(input));
      const script = `
        const v = require('./verifier.js');
        const i = require('./input.json');
        const tampered = { ...i.inclusion, event: { ...i.inclusion.event, reason: 'x' } };
        console.log(JSON.stringify([
          v.verifyCheckpoint(i.note, i.keys, 'pv-lineage.test/audit').ok,
          v.verifyEvents(i.events).rootHash === v.verifyCheckpoint(i.note, i.keys).rootHash,
          v.verifyInclusionProof(i.inclusion).ok,
          v.verifyConsistencyProof(i.consistency).ok,
          v.verifyInclusionProof(tampered).ok,
        ]));`;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual([true, true, true, true, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
