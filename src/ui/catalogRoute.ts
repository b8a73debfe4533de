import { DomainError } from '../domain/errors';
import { parseIdOf } from '../domain/ids';
import { NodeType } from '../domain/nodeType';

/**
 * The registry and dataset views' part of the address: `?view=registry` (the registered
 * models), `?view=registry&model=<model id>` (one model's versions), `?view=dataset&id=<dataset id>`.
 */
export type CatalogRoute = { readonly view: 'registry'; readonly model: string | null } | { readonly view: 'dataset'; readonly id: string | null };

/** Whether the address asks for the registry or a dataset view. */
export function isCatalogAddress(search: string): boolean {
  const view = new URLSearchParams(search).get('view');
  return view === 'registry' || view === 'dataset';
}

function typedId(type: NodeType, text: string | null, what: string, problems: string[]): string | null {
  if (text === null || text === '') return null;
  try {
    parseIdOf(type, text);
    return text;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    problems.push(`The address names "${text}" as ${what}, but it is not one: ${err.message}`);
    return null;
  }
}

/** Reads the route; an id of the wrong kind is dropped and reported in one sentence. */
export function parseCatalogRoute(search: string): { route: CatalogRoute; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  if (params.get('view') === 'dataset') {
    const id = typedId(NodeType.DATASET, params.get('id'), 'a dataset', problems);
    if (id === null && problems.length === 0) problems.push('The dataset view needs a dataset id: pick a dataset in the lineage or in search results.');
    return { route: { view: 'dataset', id }, problems };
  }
  return { route: { view: 'registry', model: typedId(NodeType.REGISTERED_MODEL, params.get('model'), 'a registered model', problems) }, problems };
}

export function formatCatalogRoute(route: CatalogRoute): string {
  const params = new URLSearchParams({ view: route.view });
  if (route.view === 'registry' && route.model) params.set('model', route.model);
  if (route.view === 'dataset' && route.id) params.set('id', route.id);
  return `?${params.toString()}`;
}
