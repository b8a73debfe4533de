import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSpecDir, loadSpecSchemas } from './specSchemas';
import { OpenLineageValidator } from './validator';

const eventsDir = join(defaultSpecDir(), '..', 'events');
const load = (dir: string, f: string) => JSON.parse(readFileSync(join(eventsDir, dir, f), 'utf8')) as Record<string, unknown>;
const validator = new OpenLineageValidator(loadSpecSchemas());
const LENIENT = new Set(['event_required_no_timezone.json', 'event_without_schema_url.json']);

describe('OpenLineageValidator on the shared fixtures', () => {
  const files = ['spec', 'marquez'].flatMap((dir) => readdirSync(join(eventsDir, dir)).filter((f) => f.endsWith('.json')).map((f) => [dir, f] as const));

  it('finds the fixture events', () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
  });

  it.each(files.filter(([, f]) => !f.startsWith('invalid')))('accepts %s/%s', (dir, f) => {
    const r = validator.validate(load(dir, f));
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.lenient.length > 0).toBe(LENIENT.has(f));
  });

  it('rejects the event without a runId, naming it', () => {
    const r = validator.validate(load('spec', 'invalid_event_no_run_id.json'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.path === '/run' && p.message.includes('runId'))).toBe(true);
  });
});

describe('OpenLineageValidator rules', () => {
  const base = () => load('marquez', 'event_full.json');

  it('enforces the uuid format on runId', () => {
    const e = base();
    e.run = { ...(e.run as object), runId: 'not-a-uuid' };
    const r = validator.validate(e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ path: '/run/runId', message: 'must match format "uuid"' });
  });

  it('enforces the date-time format on eventTime', () => {
    const r = validator.validate({ ...base(), eventTime: 'yesterday' });
    expect(r.ok).toBe(false);
  });

  it('rejects an unknown eventType', () => {
    const r = validator.validate({ ...base(), eventType: 'EXPLODED' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.path === '/eventType')).toBe(true);
  });

  it('validates a core facet body against its facet schema', () => {
    const e = base();
    const inputs = e.inputs as { facets: Record<string, Record<string, unknown>> }[];
    inputs[0].facets.schema.fields = 'column1 VARCHAR';
    const r = validator.validate(e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].path).toMatch(/^\/inputs\/0\/facets\/schema\/fields/);
  });

  it('keeps custom facets without validating their bodies', () => {
    const e = base();
    const run = e.run as { facets: Record<string, unknown> };
    run.facets.myCompany = { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s', anything: [{ goes: 1 }] };
    const r = validator.validate(e);
    expect(r.ok).toBe(true);
  });

  it('refuses nesting deeper than the limit', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const e = base();
    const run = e.run as { facets: Record<string, unknown> };
    run.facets.deep = { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s', deep };
    const r = validator.validate(e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/nesting deeper than/);
  });

  it('refuses a body that is not an object', () => {
    expect(validator.validate([base()]).ok).toBe(false);
    expect(validator.validate('event').ok).toBe(false);
  });
});
