import fc from 'fast-check';
import { olFixture, olFixtureFiles } from '../../../test/support/openlineage';
import { apply, BAD_DATE_TIMES, BAD_URIS, BAD_UUIDS, formatPathsOf, GOOD, mutation, ONE_OF_EACH_TYPE, pathsOf } from '../../../test/support/openlineageMutations';
import { OpenLineageOracle } from '../../../test/support/openlineageOracle';
import { richDatasetEvent, richJobEvent, richRunEvent } from '../../../test/support/openlineageRich';
import { INPUT_LIMITS, utf8Length } from '../../domain/inputLimits';
import { isWellFormed } from '../../domain/wellFormed';
import { normaliseLeniently } from './lenient';
import { OpenLineageValidator } from './validator';

/**
 * The product's validator against the official JSON Schema (Ajv over ../shared/…/spec), on every
 * fixture event and on mutated events: same accept/reject verdict, apart from the deliberate
 * differences of docs/openlineage.md, each handled explicitly below.
 */
const SEED = 20_2026;
const RUNS = 5_100;

const product = new OpenLineageValidator();
const oracle = new OpenLineageOracle();

/** Leniency 1 and 2 (eventTime without offset, missing schemaURL): the oracle sees the event as read. */
const oracleVerdict = (body: Record<string, unknown>) => oracle.accepts(normaliseLeniently(body).event);

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const NAME_HOLDERS = /^\/(job|dataset|inputs\/\d+|outputs\/\d+|run\/facets\/parent\/job)$/;

/** Stricter on purpose: an unprintable, empty, ill-formed or over-long job or dataset name is refused though the schema allows it. */
function hasUnprintableName(e: unknown): boolean {
  return pathsOf(e).some((p) => {
    if (p.length === 0 || !['namespace', 'name'].includes(String(p[p.length - 1]))) return false;
    const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], e);
    return typeof v === 'string' && (v === '' || UNPRINTABLE.test(v) || !isWellFormed(v) || utf8Length(v) > INPUT_LIMITS.name) && NAME_HOLDERS.test(`/${p.slice(0, -1).join('/')}`);
  });
}

/** Lenient on purpose: the `lineage` and `subset` facet bodies (oneOf/anyOf schemas the graph never reads) are not checked. */
function hasUncheckedFacet(e: unknown): boolean {
  return pathsOf(e).some((p) => p.length >= 2 && ['lineage', 'subset'].includes(String(p[p.length - 1])) && String(p[p.length - 2]).endsWith('acets'));
}

const fixtures = olFixtureFiles().filter(([, f]) => f !== 'LICENSE.txt');

describe('the validator and the official JSON Schema agree', () => {
  it.each(fixtures)('on the fixture %s/%s', (dir, file) => {
    const e = olFixture(dir, file);
    expect(product.validate(e).ok).toBe(oracleVerdict(e));
  });

  it(`on ${RUNS} mutated events (seed ${SEED})`, () => {
    // event_large is 220 kB: mutating it adds time, not cases.
    const bases = [richRunEvent(), richJobEvent(), richDatasetEvent(), ...fixtures.filter(([, f]) => f !== 'event_large.json').map(([d, f]) => olFixture(d, f))];
    const tally = { compared: 0, accepted: 0, names: 0, unchecked: 0 };
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (b, ms) => {
        const e = structuredClone(bases[b]) as Record<string, unknown>;
        for (const m of ms) apply(e, m);
        const ours = product.validate(e).ok;
        if (hasUnprintableName(e)) {
          tally.names++;
          return ours === false;
        }
        if (hasUncheckedFacet(e)) {
          tally.unchecked++;
          return true;
        }
        tally.compared++;
        if (ours) tally.accepted++;
        return ours === oracleVerdict(e);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    process.stdout.write(`differential tally: ${JSON.stringify(tally)}\n`);
    expect(tally.compared).toBeGreaterThanOrEqual(5_000);
    // Both verdicts well represented, so agreement is not agreement on "reject everything".
    expect(tally.accepted).toBeGreaterThan(tally.compared / 10);
    expect(tally.compared - tally.accepted).toBeGreaterThan(tally.compared / 10);
  });
});

/**
 * Every single-point change of the rich events: each path removed, retyped, and (where a format
 * applies) given a valid and an invalid value of each format. The job and dataset events carry the run event's facets, and
 * the run event's output carries its input's dataset facets, so those are not changed twice.
 */
function* singleChanges(): Generator<[string, Record<string, unknown>]> {
  for (const [make, depth] of [[richRunEvent, Infinity], [richJobEvent, 3], [richDatasetEvent, 2]] as const) {
    const base = make() as Record<string, unknown>;
    const at = (e: unknown, p: (string | number)[]) => p.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], e) as Record<string | number, unknown>;
    const twice = (q: (string | number)[]) => q.length > 3 && q[0] === 'outputs' && q[2] === 'facets';
    for (const p of pathsOf(base).filter((q) => q.length > 0 && q.length <= depth && !twice(q))) {
      const removed = structuredClone(base);
      delete at(removed, p)[p[p.length - 1]];
      yield [`remove /${p.join('/')}`, removed];
      for (const v of ONE_OF_EACH_TYPE) {
        const e = structuredClone(base);
        at(e, p)[p[p.length - 1]] = v;
        yield [`/${p.join('/')} = ${JSON.stringify(v)}`, e];
      }
    }
    for (const p of formatPathsOf(base).filter((q) => q.length <= depth)) {
      // formats.test.ts compares the formats themselves; here it is only which field holds which.
      for (const v of [...GOOD, BAD_UUIDS[0], BAD_URIS[0], BAD_DATE_TIMES[0]]) {
        const e = structuredClone(base);
        at(e, p)[p[p.length - 1]] = v;
        yield [`/${p.join('/')} = ${JSON.stringify(v)}`, e];
      }
    }
  }
}

describe('the validator and the official JSON Schema agree on every single change', () => {
  it('of each field of the rich events', () => {
    const disagreements: string[] = [];
    let n = 0;
    for (const [what, e] of singleChanges()) {
      n++;
      if (hasUnprintableName(e) || hasUncheckedFacet(e)) continue;
      if (product.validate(e).ok !== oracleVerdict(e)) disagreements.push(what);
    }
    process.stdout.write(`single changes: ${n}\n`);
    expect(disagreements).toEqual([]);
    expect(n).toBeGreaterThan(3_000);
  });
});

describe('the deliberate differences are exactly these', () => {
  it('reads an eventTime without offset as UTC and assumes a missing schemaURL (the oracle refuses both as sent)', () => {
    const e: Record<string, unknown> = { ...richRunEvent(), eventTime: '2024-05-01T10:00:00' };
    delete e.schemaURL;
    expect(product.validate(e)).toMatchObject({ ok: true, lenient: [expect.any(String), expect.any(String)] });
    expect(oracle.validate(e).ok).toBe(false);
  });

  it('refuses an unprintable name the oracle accepts', () => {
    const e = richRunEvent();
    e.job.name = 'etl\u202eload';
    expect(oracle.validate(e).ok).toBe(true);
    expect(product.validate(e)).toMatchObject({ ok: false, problems: [{ path: '/job/name' }] });
  });

  it('does not check lineage and subset facet bodies, which the oracle does', () => {
    const e = richRunEvent();
    Object.assign(e.job.facets, { lineage: { _producer: 'https://p.example/x', _schemaURL: 'https://s.example/x', entries: 5 } });
    Object.assign(e.inputs[0].facets, { subset: { _producer: 'https://p.example/x', _schemaURL: 'https://s.example/x', inputCondition: { type: 'nonsense' } } });
    expect(hasUncheckedFacet(e)).toBe(true);
    expect(product.validate(e).ok).toBe(true);
    expect(oracle.validate(e).ok).toBe(false);
  });
});
