import { formatQuarter, periodOf, quarterOrdinal } from './dataPeriod';

const run = (params: Record<string, string>, tags: Record<string, string> = {}, inputs: { context: string | null; period: string | null }[] = []) => ({
  params,
  tags,
  inputs: inputs.map((i) => ({ context: i.context, dataset: { period: i.period } })),
});

describe('data periods as x values', () => {
  it('puts consecutive quarters one apart, across a year end, and reads them back', () => {
    expect(quarterOrdinal('2024Q1')! - quarterOrdinal('2023Q4')!).toBe(1);
    expect(quarterOrdinal('2024Q3')! - quarterOrdinal('2024Q1')!).toBe(2);
    expect(quarterOrdinal('2024-q2')).toBe(quarterOrdinal('2024Q2'));
    expect(formatQuarter(quarterOrdinal('2023Q4')!)).toBe('2023Q4');
    expect(formatQuarter(8096.5)).toBe('8096.5');
    for (const bad of ['2024Q5', '2024', 'Q1', '', null, undefined, '2024Q1x']) expect(quarterOrdinal(bad)).toBeNull();
  });

  it('reads the data_period param first, then the tag, then the training dataset, then the one period of all inputs', () => {
    const inputs = [{ context: 'training', period: '2023Q4' }, { context: 'evaluation', period: '2024Q1' }];
    expect(periodOf(run({ data_period: '2024Q2' }, { 'pv.data_period': '2024Q3' }, inputs))).toEqual({ period: '2024Q2', from: 'param data_period' });
    expect(periodOf(run({}, { 'pv.data_period': '2024-Q3' }, inputs))).toEqual({ period: '2024Q3', from: 'tag pv.data_period' });
    expect(periodOf(run({ data_period: 'spring' }, {}, inputs))).toEqual({ period: '2023Q4', from: 'training dataset' });
    expect(periodOf(run({}, {}, [{ context: null, period: '2024Q1' }, { context: 'evaluation', period: '2024Q1' }]))).toEqual({ period: '2024Q1', from: 'input datasets' });
    // Two periods and no training input: nothing says which one the run covers.
    expect(periodOf(run({}, {}, [{ context: null, period: '2024Q1' }, { context: 'evaluation', period: '2024Q2' }]))).toBeNull();
    expect(periodOf(run({}))).toBeNull();
  });
});
