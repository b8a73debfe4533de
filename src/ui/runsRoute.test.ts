import { EMPTY_ROUTE, formatRunsRoute, isRunsAddress, parseRunsRoute } from './runsRoute';

const RUN_A = 'run:abc123:0123456789abcdef0123456789abcdef';
const RUN_B = 'run:abc123:fedcba9876543210fedcba9876543210';

describe('the runs view in the address', () => {
  it('round-trips a filter, a sort and the runs compared', () => {
    const route = { filter: "metrics.AUC_test > 0.85 and params.eta = '0.1'", sort: { by: { kind: 'param', key: 'features/set' }, descending: false }, compare: [RUN_A, RUN_B] } as const;
    const search = formatRunsRoute(route);
    expect(isRunsAddress(search)).toBe(true);
    expect(parseRunsRoute(search)).toEqual({ route, problems: [] });
    expect(formatRunsRoute(EMPTY_ROUTE)).toBe('?view=runs');
    expect(isRunsAddress('?id=report:x')).toBe(false);
  });

  it('reports what it ignores: an unknown sort, an id that is not a run, more than 5 runs', () => {
    const ids = Array.from({ length: 6 }, (_, i) => `run:s:${String(i).repeat(32)}`);
    const params = new URLSearchParams({ view: 'runs', sort: 'attribute:duration' });
    for (const id of ['report:SDR-1', ...ids, ids[0]]) params.append('compare', id);
    const { route, problems } = parseRunsRoute(`?${params}`);
    expect(route.sort).toBeNull();
    expect(route.compare).toEqual(ids.slice(0, 5));
    expect(problems).toEqual([
      expect.stringMatching(/cannot sort by "attribute:duration"/),
      expect.stringMatching(/"report:SDR-1" .* not a run id/),
      expect.stringMatching(/names 6 runs to compare; the first 5/),
    ]);
  });

  it('sorts descending unless the address says asc', () => {
    expect(parseRunsRoute('?view=runs&sort=metric:AUC_test').route.sort).toEqual({ by: { kind: 'metric', key: 'AUC_test' }, descending: true });
    expect(parseRunsRoute('?view=runs&sort=attribute:start_time&order=asc').route.sort).toEqual({ by: { kind: 'attribute', key: 'start_time' }, descending: false });
  });
});
