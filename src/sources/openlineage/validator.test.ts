import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { INPUT_LIMITS } from '../../domain/inputLimits';
import { OpenLineageValidator } from './validator';

/** Events written here, so these tests need nothing outside the repository. */
const base = (): Record<string, unknown> => ({
  eventType: 'COMPLETE',
  eventTime: '2024-05-01T10:00:00.000Z',
  producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/client/python',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId: '1d79ed5b-7fe9-4124-b70a-bfa01d9fba83', facets: {} },
  job: { namespace: 'airflow', name: 'etl.load' },
  inputs: [{ namespace: 's3://bucket', name: 'raw/orders', facets: {} }],
  outputs: [{ namespace: 's3://bucket', name: 'clean/orders', facets: {} }],
});
const facet = (body: Record<string, unknown>) => ({ _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s#/$defs/F', ...body });
const validator = new OpenLineageValidator();
const problemsOf = (body: unknown) => {
  const r = validator.validate(body);
  return r.ok ? [] : r.problems;
};

describe('OpenLineageValidator: which kind, and only its problems', () => {
  it('accepts a RunEvent, a DatasetEvent and a JobEvent', () => {
    expect(validator.validate(base()).ok).toBe(true);
    const { run: _r, job: _j, inputs: _i, outputs: _o, ...rest } = base();
    expect(validator.validate({ ...rest, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent', dataset: { namespace: 'pg://h:5432', name: 'db.t' } }).ok).toBe(true);
    expect(validator.validate({ ...rest, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent', job: { namespace: 'n', name: 'j' } }).ok).toBe(true);
  });

  it('gives a bad runId exactly one problem', () => {
    expect(problemsOf({ ...base(), run: { runId: 'run_id' } })).toEqual([{ path: '/run/runId', message: 'must be a UUID' }]);
  });

  it('reports a missing runId as required, at its pointer', () => {
    expect(problemsOf({ ...base(), run: {} })).toEqual([{ path: '/run/runId', message: 'is required' }]);
  });

  it('names a DatasetEvent missing its dataset by the schemaURL it declares', () => {
    const e = { eventTime: '2024-05-01T10:00:00Z', producer: 'https://p.example/x', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent' };
    expect(problemsOf(e)).toEqual([{ path: '/dataset', message: 'is required' }]);
  });

  it('refuses a JobEvent holding a run', () => {
    const e = { ...base(), schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent', run: 5 };
    expect(problemsOf(e)).toEqual([{ path: '/run', message: expect.stringContaining('must not have a run') }]);
  });

  it('refuses an event that is both a valid DatasetEvent and a valid JobEvent', () => {
    const { run: _r, ...rest } = base();
    const schemaURL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent';
    const problems = problemsOf({ ...rest, schemaURL, dataset: { namespace: 'n', name: 'd' } });
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/both a valid/);
  });

  it('lists the enum values for an unknown eventType', () => {
    expect(problemsOf({ ...base(), eventType: 'EXPLODED' })).toEqual([{ path: '/eventType', message: 'must be one of: START, RUNNING, COMPLETE, ABORT, FAIL, OTHER' }]);
  });

  it('enforces uri and date-time formats', () => {
    expect(problemsOf({ ...base(), producer: 'not a uri' })).toEqual([{ path: '/producer', message: expect.stringMatching(/URI/) }]);
    expect(problemsOf({ ...base(), eventTime: '2024-02-30T10:00:00Z' })).toEqual([{ path: '/eventTime', message: expect.stringMatching(/date-time/) }]);
  });

  it('escapes facet keys in pointers', () => {
    const e = base();
    (e.run as Record<string, unknown>).facets = { 'a/b~c': { _producer: 'https://p.example/x' } };
    expect(problemsOf(e)).toEqual([{ path: '/run/facets/a~1b~0c/_schemaURL', message: 'is required' }]);
  });
});

describe('OpenLineageValidator: facet bodies', () => {
  it('holds a standard facet body to its types, at the field', () => {
    const e = base();
    (e.inputs as Record<string, unknown>[])[0].facets = { schema: facet({ fields: [{ name: 'id', type: 'int' }, { name: 'x', fields: 'nope' }] }) };
    expect(problemsOf(e)).toEqual([{ path: '/inputs/0/facets/schema/fields/1/fields', message: 'must be an array' }]);
  });

  it('does not require facet fields the spec marks required (sample events omit them)', () => {
    const e = base();
    (e.run as Record<string, unknown>).facets = { errorMessage: facet({}), nominalTime: facet({}), processing_engine: facet({ name: 'spark' }) };
    expect(validator.validate(e).ok).toBe(true);
  });

  it('checks enums, integers and closed objects inside facets', () => {
    const e = base();
    (e.outputs as Record<string, unknown>[])[0].facets = { lifecycleStateChange: facet({ lifecycleStateChange: 'MELT' }) };
    (e.outputs as Record<string, unknown>[])[0].outputFacets = { outputStatistics: facet({ rowCount: 1.5 }) };
    (e.run as Record<string, unknown>).facets = { executionParameters: facet({ parameters: [{ key: 'k', extra: 1 }] }) };
    expect(problemsOf(e).map((p) => p.path)).toEqual([
      '/run/facets/executionParameters/parameters/0/extra',
      '/outputs/0/facets/lifecycleStateChange/lifecycleStateChange',
      '/outputs/0/outputFacets/outputStatistics/rowCount',
    ]);
  });

  it('keeps custom facets without validating their bodies', () => {
    const e = base();
    (e.run as Record<string, unknown>).facets = { myCompany: facet({ anything: [{ goes: 1 }] }) };
    expect(validator.validate(e).ok).toBe(true);
  });
});

describe('OpenLineageValidator: names and shape', () => {
  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001b'],
    ['newline', '\n'],
    ['RLO', '\u202e'],
    ['LRI', '\u2066'],
  ])('refuses a %s in a job or dataset name, naming the field', (_n, ch) => {
    const e = base();
    (e.job as Record<string, unknown>).name = `etl${ch}load`;
    (e.outputs as Record<string, unknown>[])[0].namespace = `s3://b${ch}`;
    expect(problemsOf(e)).toEqual([
      { path: '/job/name', message: expect.stringMatching(/control/) },
      { path: '/outputs/0/namespace', message: expect.stringMatching(/control/) },
    ]);
  });

  it('refuses an empty dataset name, a lone surrogate in a job name and an over-long namespace, naming each field', () => {
    const e = base();
    (e.job as Record<string, unknown>).name = 'etl\ud800';
    (e.outputs as Record<string, unknown>[])[0].name = '';
    (e.outputs as Record<string, unknown>[])[0].namespace = `s3://${'b'.repeat(INPUT_LIMITS.name)}`;
    expect(problemsOf(e)).toEqual([
      { path: '/job/name', message: expect.stringMatching(/lone surrogate/) },
      { path: '/outputs/0/namespace', message: `is ${INPUT_LIMITS.name + 5} bytes long; the limit for a name is ${INPUT_LIMITS.name} bytes` },
      { path: '/outputs/0/name', message: 'must not be empty' },
    ]);
  });

  it('accepts a name exactly at the length limit', () => {
    const e = base();
    (e.job as Record<string, unknown>).name = 'j'.repeat(INPUT_LIMITS.name);
    expect(validator.validate(e).ok).toBe(true);
  });

  it('accepts names in any script', () => {
    const e = base();
    (e.job as Record<string, unknown>).name = 'ジョブ.تحميل.загрузка';
    expect(validator.validate(e).ok).toBe(true);
  });

  it('refuses nesting deeper than the limit', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const e = base();
    (e.run as Record<string, unknown>).facets = { deep: facet({ deep }) };
    expect(problemsOf(e)[0].message).toMatch(/nesting deeper than/);
  });

  it('counts every value against the size limit, the event itself included', () => {
    const count = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Object.values(v).reduce<number>((n, x) => n + count(x), 0) : 1);
    const e = base();
    expect(new OpenLineageValidator({ maxDepth: 32, maxNodes: count(e) }).validate(e).ok).toBe(true);
    const r = new OpenLineageValidator({ maxDepth: 32, maxNodes: count(e) - 1 }).validate(e);
    expect(r).toEqual({ ok: false, problems: [{ path: '/', message: `the event holds more than ${count(e) - 1} values` }] });
  });

  it('names where the nesting goes too deep', () => {
    const r = new OpenLineageValidator({ maxDepth: 3, maxNodes: 1000 }).validate({ ...base(), run: { runId: '1d79ed5b-7fe9-4124-b70a-bfa01d9fba83' }, inputs: [], outputs: [], x: { y: { z: [1] } } });
    expect(r).toEqual({ ok: false, problems: [{ path: '/x/y/z', message: 'nesting deeper than 3 levels' }] });
  });

  it('refuses a body that is not an object', () => {
    expect(validator.validate([base()]).ok).toBe(false);
    expect(validator.validate('event').ok).toBe(false);
  });

  it('reports the lenient readings it applies', () => {
    const e: Record<string, unknown> = { ...base(), eventTime: '2024-05-01T10:00:00' };
    delete e.schemaURL;
    const r = validator.validate(e);
    expect(r).toMatchObject({ ok: true, lenient: [expect.stringMatching(/UTC offset/), expect.stringMatching(/schemaURL is missing/)] });
    if (r.ok) expect(r.event.eventTime).toBe('2024-05-01T10:00:00Z');
  });
});

describe('the validator needs nothing outside the repository', () => {
  /** The modules defaultValidator() loads, followed through every import, and the packages they use. */
  function closure(entry: string) {
    const modules = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (modules.has(file)) return;
      modules.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*'([^']+)'/g)) {
        if (spec.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`));
        else packages.add(spec);
      }
    };
    visit(entry);
    return { modules: [...modules], packages: [...packages] };
  }

  it('loads only modules of this directory and of domain/, zod and the format checks of ajv-formats: no file system, no spec directory', () => {
    const { modules, packages } = closure(join(__dirname, 'defaultValidator.ts'));
    expect(modules.length).toBeGreaterThanOrEqual(10);
    expect(modules.filter((m) => !m.startsWith(`${__dirname}/`) && !m.startsWith(resolve(__dirname, '..', '..', 'domain') + '/'))).toEqual([]);
    expect(packages.sort()).toEqual(['ajv-formats/dist/formats', 'zod']);
    for (const m of modules) expect([m, readFileSync(m, 'utf8')]).not.toEqual([m, expect.stringMatching(/PVL_OPENLINEAGE_SPEC_DIR|process\.env|__dirname/)]);
  });

  it('opens no file while loading and validating', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const spies = (['readFileSync', 'readdirSync', 'existsSync', 'openSync', 'statSync'] as const).map((name) => jest.spyOn(fs, name));
    try {
      jest.isolateModules(() => {
        const { defaultValidator } = require('./defaultValidator') as typeof import('./defaultValidator');
        expect(defaultValidator().validate(base()).ok).toBe(true);
      });
      // jest itself reads the module sources, and on a cold cache writes and reads back its
      // transform cache; none of those reads is the spec or anything beside the clone.
      const outside = spies
        .flatMap((s) => s.mock.calls.map((c) => String(c[0])))
        .filter((f) => !f.startsWith(resolve(__dirname, '..', '..', '..')) && !f.includes('/jest-transform-cache-'));
      expect(outside).toEqual([]);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});
