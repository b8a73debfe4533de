import { parseRunOrderTerm } from '../domain/runSearch/parse';
import { type RunRow, columnKeys, formatDuration, formatMetric, nextSort, orderTerm } from './runColumns';

const row = (params: Record<string, string>, metrics: string[]): RunRow => ({
  id: 'run:s:1', runId: '1', name: null, status: 'FINISHED', lifecycleStage: 'active', userId: null, startTime: null, endTime: null, experiment: null,
  params, metrics: metrics.map((key) => ({ key, value: 1, special: null })),
});

describe('runs table columns', () => {
  it('takes every param and metric key of the page, each sorted once', () => {
    const keys = columnKeys([row({ eta: '0.1', max_depth: '5' }, ['logloss', 'AUC_test']), row({ 'features/set': 'v2', eta: '0.2' }, ['AUC_test', 'AP_test'])]);
    expect(keys).toEqual({ params: ['eta', 'features/set', 'max_depth'], metrics: ['AP_test', 'AUC_test', 'logloss'] });
    expect(columnKeys([])).toEqual({ params: [], metrics: [] });
  });

  it('writes order-by terms the API’s MLflow parser reads back as the same key and direction', () => {
    const cases = [
      [{ by: { kind: 'metric', key: 'AUC_test' }, descending: true }, { kind: 'metric', key: 'AUC_test', ascending: false }],
      [{ by: { kind: 'param', key: 'features/set' }, descending: false }, { kind: 'param', key: 'features/set', ascending: true }],
      [{ by: { kind: 'param', key: 'odd`key' }, descending: true }, { kind: 'param', key: 'odd`key', ascending: false }],
      [{ by: { kind: 'attribute', key: 'start_time' }, descending: true }, { kind: 'time-attribute', key: 'start_time', ascending: false }],
      [{ by: { kind: 'attribute', key: 'user_id' }, descending: false }, { kind: 'string-attribute', key: 'user_id', ascending: true }],
    ] as const;
    for (const [sort, parsed] of cases) expect(parseRunOrderTerm(orderTerm(sort), 'orderBy.search[0]')).toEqual(parsed);
    expect(orderTerm({ by: { kind: 'metric', key: 'AUC_test' }, descending: true })).toBe('metrics.`AUC_test` DESC');
  });

  it('starts a new column descending and flips the one already sorted', () => {
    const auc = { kind: 'metric', key: 'AUC_test' } as const;
    const first = nextSort(null, auc);
    expect(first).toEqual({ by: auc, descending: true });
    expect(nextSort(first, auc)).toEqual({ by: auc, descending: false });
    expect(nextSort(first, { kind: 'attribute', key: 'status' })).toEqual({ by: { kind: 'attribute', key: 'status' }, descending: true });
  });

  it('says durations in words, and what it cannot know', () => {
    const start = '2024-01-08T10:00:00.000Z';
    const after = (ms: number) => new Date(Date.parse(start) + ms).toISOString();
    expect(formatDuration(start, after(45_400))).toBe('45 s');
    expect(formatDuration(start, after(38 * 60_000 + 10_000))).toBe('38 min');
    expect(formatDuration(start, after(2 * 3_600_000 + 5 * 60_000))).toBe('2 h 05 min');
    expect(formatDuration(start, after(3 * 86_400_000 + 4 * 3_600_000))).toBe('3 d 4 h');
    expect(formatDuration(start, null)).toBe('running');
    expect(formatDuration(null, null)).toBe('—');
    expect(formatDuration(start, after(-1000))).toBe('—');
  });

  it('shows metric values short, and NaN and infinities by name', () => {
    expect(formatMetric({ value: 0.852341, special: null })).toBe('0.8523');
    expect(formatMetric({ value: 0.5, special: null })).toBe('0.5');
    expect(formatMetric({ value: 3, special: null })).toBe('3');
    expect(formatMetric({ value: 1.5e10 + 0.5, special: null })).toBe('1.500e+10');
    expect(formatMetric({ value: null, special: 'NAN' })).toBe('NaN');
    expect(formatMetric({ value: null, special: 'POSITIVE_INFINITY' })).toBe('+∞');
    expect(formatMetric({ value: 0, special: 'NEGATIVE_ZERO' })).toBe('0');
    expect(formatMetric(undefined)).toBe('');
  });
});
