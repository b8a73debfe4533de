import type { TrendAxis, TrendGroup } from './trends';

/**
 * The trends view's part of the address (`?view=trends&metric=AUC_test&by=period`, plus
 * `group=models` for every registered model, or `experiment=<id>` / `model=<id>` for one line),
 * so a trend can be bookmarked and shared.
 */
export interface TrendsRoute {
  /** Null until chosen: the view then picks AUC_test, or the first metric key. */
  readonly metric: string | null;
  readonly by: TrendAxis;
  readonly group: TrendGroup;
}

export const DEFAULT_TRENDS: TrendsRoute = { metric: null, by: 'period', group: { kind: 'experiments' } };

export const isTrendsAddress = (search: string): boolean => new URLSearchParams(search).get('view') === 'trends';

/** Reads the trends view's parameters; bad ones fall back and are reported, one sentence each. */
export function parseTrendsRoute(search: string): { route: TrendsRoute; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const byText = params.get('by');
  let by: TrendAxis = 'period';
  if (byText === 'time' || byText === 'period') by = byText;
  else if (byText !== null) problems.push(`Trends run along "period" (the data period) or "time" (the start time), not "${byText}"; showing by period.`);
  const experiment = params.get('experiment');
  const model = params.get('model');
  const groupText = params.get('group');
  let group: TrendGroup = { kind: 'experiments' };
  if (experiment && model) problems.push('The address names both an experiment and a model; showing the experiment.');
  if (experiment) group = { kind: 'experiment', id: experiment };
  else if (model) group = { kind: 'model', id: model };
  else if (groupText === 'models') group = { kind: 'models' };
  else if (groupText !== null && groupText !== 'experiments') problems.push(`Trends group by "experiments" or "models", not "${groupText}"; showing every experiment.`);
  const metric = params.get('metric');
  return { route: { metric: metric === null || metric === '' ? null : metric, by, group }, problems };
}

/** The query string of a trends route; defaults are left out. */
export function formatTrendsRoute(route: TrendsRoute): string {
  const params = new URLSearchParams({ view: 'trends' });
  if (route.metric) params.set('metric', route.metric);
  params.set('by', route.by);
  const g = route.group;
  if (g.kind === 'models') params.set('group', 'models');
  else if (g.kind === 'experiment') params.set('experiment', g.id);
  else if (g.kind === 'model') params.set('model', g.id);
  return `?${params.toString()}`;
}
