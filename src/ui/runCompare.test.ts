import { type CompareRun, diffDatasets, diffParams, metricRows, selectionProblem, stepTable } from './runCompare';

const input = (id: string, context: string | null, digest: string | null, datasetDigest: string | null = null) => ({ context, digest, dataset: { id, name: id.split(':').pop()!, digest: datasetDigest } });
const metric = (key: string, value: number | null, special: string | null = null) => ({ key, value, special });

describe('comparing runs', () => {
  it('allows 2 to 5 runs and says why not otherwise', () => {
    expect(selectionProblem(1)).toMatch(/at least 2/);
    expect(selectionProblem(2)).toBeNull();
    expect(selectionProblem(5)).toBeNull();
    expect(selectionProblem(6)).toMatch(/at most 5/);
  });

  it('lists every param once, marking those the runs disagree on or do not all have', () => {
    const diff = diffParams([{ params: { eta: '0.1', max_depth: '5', seed: '1' } }, { params: { eta: '0.1', max_depth: '6' } }]);
    expect(diff).toEqual([
      { key: 'eta', values: ['0.1', '0.1'], differs: false },
      { key: 'max_depth', values: ['5', '6'], differs: true },
      { key: 'seed', values: ['1', null], differs: true },
    ]);
  });

  it('puts latest metric values side by side and marks the highest finite one', () => {
    const rows = metricRows([{ metrics: [metric('AUC_test', 0.8), metric('logloss', null, 'NAN')] }, { metrics: [metric('AUC_test', 0.9), metric('logloss', 0.3)] }, { metrics: [] }]);
    expect(rows.map((r) => [r.key, r.highest, r.values.map((v) => v?.value ?? null)])).toEqual([
      ['AUC_test', 1, [0.8, 0.9, null]],
      // One finite value is nothing to rank.
      ['logloss', null, [null, 0.3, null]],
    ]);
    expect(metricRows([{ metrics: [metric('a', 1)] }, { metrics: [metric('a', 1)] }])[0].highest).toBeNull();
  });

  it('tells the same snapshot from another one and from a dataset some run did not read', () => {
    const runs: Pick<CompareRun, 'inputs'>[] = [
      { inputs: [input('dataset:s3:faers_2024Q1', 'training', 'aaa'), input('dataset:s3:faers_2024Q2', 'evaluation', 'bbb')] },
      { inputs: [input('dataset:s3:faers_2024Q1', 'training', 'ccc'), input('dataset:s3:faers_2024Q2', 'evaluation', null, 'bbb')] },
      { inputs: [input('dataset:s3:faers_2024Q1', 'training', 'aaa'), input('dataset:s3:faers_2024Q2', 'evaluation', 'bbb'), input('dataset:s3:faers_2024Q2', 'training', 'bbb')] },
    ];
    expect(diffDatasets(runs).map((d) => [d.name, d.context, d.digests, d.change])).toEqual([
      ['faers_2024Q1', 'training', ['aaa', 'ccc', 'aaa'], 'different snapshot'],
      // The second run's input has no digest of its own: the dataset's is what it read.
      ['faers_2024Q2', 'evaluation', ['bbb', 'bbb', 'bbb'], 'same'],
      ['faers_2024Q2', 'training', [undefined, undefined, 'bbb'], 'not read by every run'],
    ]);
  });

  it('tabulates histories by step, the last point of a step winning and specials by name', () => {
    const p = (step: number, value: number | null, special: string | null = null, timestamp = step) => ({ step, timestamp, value, special });
    const table = stepTable([[p(0, 0.5), p(1, 0.6), p(1, 0.65, null, 9)], [p(1, null, 'NAN'), p(2, 0.7)]]);
    expect(table).toEqual([
      { step: 0, values: [0.5, null] },
      { step: 1, values: [0.65, 'NAN'] },
      { step: 2, values: [null, 0.7] },
    ]);
  });
});
