import { formatCatalogRoute, isCatalogAddress, parseCatalogRoute } from './catalogRoute';

const MODEL = 'model:12ace34a8985:pv-signal-xgb';
const DATASET = 'dataset:s3%3A%2F%2Fpv-data:faers%2F2024Q1%2Fdrug_event.parquet';

describe('the registry and dataset views in the address', () => {
  it('round-trips the registry, one model, and one dataset', () => {
    for (const route of [{ view: 'registry', model: null }, { view: 'registry', model: MODEL }, { view: 'dataset', id: DATASET }] as const) {
      const search = formatCatalogRoute(route);
      expect(isCatalogAddress(search)).toBe(true);
      expect(parseCatalogRoute(search)).toEqual({ route, problems: [] });
    }
    expect(formatCatalogRoute({ view: 'registry', model: null })).toBe('?view=registry');
    expect(isCatalogAddress('?view=runs')).toBe(false);
    expect(isCatalogAddress(`?id=${DATASET}`)).toBe(false);
  });

  it('drops an id of the wrong kind and says so, and asks for a dataset when none is named', () => {
    const wrong = parseCatalogRoute(`?view=registry&model=${encodeURIComponent(DATASET)}`);
    expect(wrong.route).toEqual({ view: 'registry', model: null });
    expect(wrong.problems).toEqual([expect.stringMatching(/names ".*" as a registered model, but it is not one/)]);
    const none = parseCatalogRoute('?view=dataset');
    expect(none.route).toEqual({ view: 'dataset', id: null });
    expect(none.problems).toEqual([expect.stringMatching(/needs a dataset id/)]);
  });
});
