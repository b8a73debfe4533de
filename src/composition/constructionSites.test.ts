import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Services and the audited writer are built in one place, so every part of a process shares one
 * writer (one group-commit queue) and one set of services. This test keeps it that way: it reads
 * every product file under src/ with the TypeScript parser, so comments and strings never count.
 */
const SRC = path.resolve(__dirname, '..');
const ROOT = path.join(SRC, 'composition', 'root.ts');

interface Site {
  readonly line: number;
  readonly text: string;
}

const nameOf = (e: ts.Expression): string | null =>
  ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : null;

const constructs = (name: string): boolean => name === 'AuditedWriter' || name.endsWith('Service');

/** `new XxxService(…)`, `new AuditedWriter(…)` and `createXxxServices(…)` in one file's text. */
function constructionSites(fileName: string, text: string): Site[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: Site[] = [];
  const visit = (node: ts.Node): void => {
    const name = ts.isNewExpression(node) ? nameOf(node.expression) : ts.isCallExpression(node) ? nameOf(node.expression) : null;
    const hit = name !== null && (ts.isNewExpression(node) ? constructs(name) : /^create\w*Services$/.test(name));
    if (hit) sites.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: node.getText(source).split('\n')[0] });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return productFiles(full);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('the scanner', () => {
  it('finds service and writer constructions and service factories, however they are reached', () => {
    const sites = constructionSites(
      'snippet.ts',
      [
        'const a = new IdentityService(repo, policy);',
        'const b = new writers.AuditedWriter(graph);',
        'const c = createAuditServices(repos, keys, 500);',
        'const d = services.createIngestServices();',
      ].join('\n'),
    );
    expect(sites.map((s) => s.line)).toEqual([1, 2, 3, 4]);
    expect(sites[0].text).toBe('new IdentityService(repo, policy)');
  });

  it('ignores other constructions, service types, comments and strings', () => {
    const text = [
      'import type { IdentityService } from "./identityService";',
      'let s: IdentityService;',
      'const r = new IdentityRepository(graph, writer);',
      '// new IdentityService(repo, policy)',
      'const t = "new AuditedWriter(graph)";',
      'const u = createRepositories(graph, writer);',
      'class TrailService {}',
    ].join('\n');
    expect(constructionSites('snippet.ts', text)).toEqual([]);
  });
});

describe('construction sites under src/', () => {
  it('the composition root is the only product file that constructs services or an AuditedWriter', () => {
    const files = productFiles(SRC);
    expect(files).toContain(ROOT);
    const elsewhere = files
      .filter((f) => f !== ROOT)
      .flatMap((f) => constructionSites(f, readFileSync(f, 'utf8')).map((s) => `${path.relative(SRC, f)}:${s.line}: ${s.text}`));
    expect(elsewhere).toEqual([]);
    // The root itself is scanned the same way, so a scanner that finds nothing would fail here.
    expect(constructionSites(ROOT, readFileSync(ROOT, 'utf8')).length).toBeGreaterThan(0);
  });
});
