import type { Repositories } from '../graph/repositories';
import type { Loaders } from '../loaders/createLoaders';

/** What every service call needs: the repositories, this request's loaders and the limits. */
export interface ServiceContext {
  readonly repos: Repositories;
  readonly loaders: Loaders;
  readonly limits: { readonly maxPageSize: number; readonly maxLineageDepth: number };
}
