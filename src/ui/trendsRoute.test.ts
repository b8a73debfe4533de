import { DEFAULT_TRENDS, formatTrendsRoute, isTrendsAddress, parseTrendsRoute } from './trendsRoute';

describe('the trends view in the address', () => {
  it('round-trips every grouping, axis and metric', () => {
    for (const route of [
      { metric: 'AUC_test', by: 'period' as const, group: { kind: 'experiments' as const } },
      { metric: 'loss / val', by: 'time' as const, group: { kind: 'models' as const } },
      { metric: 'AUC_test', by: 'period' as const, group: { kind: 'experiment' as const, id: 'experiment:fs:1' } },
      { metric: null, by: 'time' as const, group: { kind: 'model' as const, id: 'model:sq:pv-signal' } },
    ]) {
      const text = formatTrendsRoute(route);
      expect(isTrendsAddress(text)).toBe(true);
      expect(parseTrendsRoute(text)).toEqual({ route, problems: [] });
    }
    expect(parseTrendsRoute('?view=trends')).toEqual({ route: DEFAULT_TRENDS, problems: [] });
    expect(isTrendsAddress('?view=runs')).toBe(false);
  });

  it('falls back on a bad axis or grouping, and says so', () => {
    const { route, problems } = parseTrendsRoute('?view=trends&by=step&group=users&metric=');
    expect(route).toEqual(DEFAULT_TRENDS);
    expect(problems).toHaveLength(2);
    const both = parseTrendsRoute('?view=trends&experiment=e&model=m');
    expect(both.route.group).toEqual({ kind: 'experiment', id: 'e' });
    expect(both.problems[0]).toMatch(/both an experiment and a model/);
  });
});
