import { quarterOrdinal } from './dataPeriod';
import { type TrendRun, groupChoices, metricKeysOf, signedReportsOf, trendOf, xOf } from './trends';

let n = 0;
function run(p: Partial<TrendRun> & { period?: string; auc?: number | null; special?: string; exp?: string; store?: string; model?: [string, number] }): TrendRun {
  n++;
  const exp = p.exp ?? 'pv-signal-ml';
  const store = p.store ?? 'filestore';
  return {
    id: p.id ?? `run:${store}:r${n}`,
    runId: `r${n}`,
    name: p.name ?? `run-${n}`,
    startTime: 'startTime' in p ? p.startTime! : `2024-0${(n % 9) + 1}-01T00:00:00.000Z`,
    params: p.period ? { data_period: p.period } : {},
    tags: {},
    inputs: [],
    experiment: { id: `experiment:${store}:${exp}`, name: exp, store: { displayName: store } },
    metrics: p.auc === undefined ? [{ key: 'loss', value: 1, special: null }] : [{ key: 'AUC_test', value: p.auc, special: p.special ?? null }, { key: 'loss', value: 1, special: null }],
    modelVersions: p.model ? [{ id: `mv:${store}:${p.model[0]}:${p.model[1]}`, name: p.model[0], version: p.model[1], model: { id: `model:${store}:${p.model[0]}`, name: p.model[0] } }] : [],
    downstreamReports: p.downstreamReports ?? [],
  };
}

const signed = { id: 'report:SDR-2024Q1', title: 'SDR 2024Q1', latestVersion: { version: 1, signatures: [{ meaning: 'APPROVED' }] } };
const unsigned = { id: 'report:DRAFT', title: 'Draft', latestVersion: { version: 2, signatures: [] } };

describe('trends: a metric across runs', () => {
  it('lists the metric keys and the lines to choose, telling apart same-named ones by store', () => {
    const runs = [run({ auc: 0.8, exp: 'a', model: ['m', 1] }), run({ auc: 0.7, exp: 'a', store: 'sqlite', model: ['m', 1] }), run({ exp: 'b' })];
    expect(metricKeysOf(runs)).toEqual(['AUC_test', 'loss']);
    const choices = groupChoices(runs);
    expect(choices.experiments.map((c) => c.label)).toEqual(['a (filestore)', 'a (sqlite)', 'b']);
    expect(choices.models.map((c) => c.id)).toEqual(['model:filestore:m', 'model:sqlite:m']);
  });

  it('marks runs feeding a report whose latest version is signed, not one awaiting signatures', () => {
    expect(signedReportsOf(run({ downstreamReports: [unsigned, signed] }))).toEqual([{ id: signed.id, title: signed.title }]);
    expect(signedReportsOf(run({ downstreamReports: [unsigned, { ...signed, latestVersion: null }] }))).toEqual([]);
  });

  it('groups by experiment at the data period, sorted by period then start, counting runs left out', () => {
    const runs = [
      run({ exp: 'b', period: '2024Q2', auc: 0.9, startTime: '2024-07-02T00:00:00Z' }),
      run({ exp: 'b', period: '2024Q1', auc: 0.8, startTime: '2024-07-03T00:00:00Z', downstreamReports: [signed] }),
      run({ exp: 'b', period: '2024Q1', auc: 0.7, startTime: '2024-07-01T00:00:00Z' }),
      run({ exp: 'a', period: '2023Q4', auc: null, special: 'NAN' }),
      run({ exp: 'a', auc: 0.6 }),
      run({ exp: 'a', period: '2024Q1' }),
      run({ exp: 'c', period: '2024Q1' }),
    ];
    const t = trendOf(runs, 'AUC_test', 'period', { kind: 'experiments' });
    expect(t.series.map((s) => s.label)).toEqual(['a', 'b']);
    expect(t.series[1].points.map((p) => [p.period, p.y])).toEqual([['2024Q1', 0.7], ['2024Q1', 0.8], ['2024Q2', 0.9]]);
    expect(t.series[1].points.map((p) => p.signedReports.length)).toEqual([0, 1, 0]);
    expect(t.series[1].points[0].x).toBe(quarterOrdinal('2024Q1'));
    // NaN is listed, not drawn.
    expect(t.series[0].points).toEqual([expect.objectContaining({ y: null, value: { value: null, special: 'NAN' } })]);
    expect([t.withoutX, t.withoutMetric]).toEqual([1, 2]);
  });

  it('puts a point per model version on its model line, by start time, and keeps a line asked for by id even when empty', () => {
    const runs = [
      run({ auc: 0.85, model: ['pv-signal', 2], startTime: '2024-03-01T00:00:00Z' }),
      run({ auc: 0.84, model: ['pv-signal', 1], startTime: '2024-01-01T00:00:00Z' }),
      run({ auc: 0.5, startTime: null, model: ['pv-signal', 3] }),
      run({ auc: 0.9 }),
    ];
    const t = trendOf(runs, 'AUC_test', 'time', { kind: 'models' });
    expect(t.series).toHaveLength(1);
    expect(t.series[0].points.map((p) => [p.version, p.x])).toEqual([['v1', Date.parse('2024-01-01T00:00:00Z')], ['v2', Date.parse('2024-03-01T00:00:00Z')]]);
    expect(t.withoutX).toBe(1);
    expect(trendOf(runs, 'loss', 'period', { kind: 'model', id: 'model:filestore:pv-signal' }).series).toEqual([expect.objectContaining({ points: [] })]);
    expect(trendOf(runs, 'AUC_test', 'time', { kind: 'model', id: 'model:elsewhere:x' }).series).toEqual([]);
  });

  it('reads x from the start time, or null for a run without one', () => {
    expect(xOf(run({ startTime: '2024-05-01T00:00:00Z' }), 'time')).toBe(Date.parse('2024-05-01T00:00:00Z'));
    expect(xOf(run({ startTime: null }), 'time')).toBeNull();
    expect(xOf(run({}), 'period')).toBeNull();
  });
});
