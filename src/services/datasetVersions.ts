import type { DatasetInput } from '../domain/dataset';
import type { DatasetVersion } from '../domain/datasetVersion';
import type { ServiceContext } from './context';

/**
 * The dataset's newest version when the input read another one: what "changed since" means for
 * a run's input. Versions come oldest recorded first, so the newest is the last.
 */
export async function newestVersionOf(ctx: ServiceContext, input: DatasetInput): Promise<DatasetVersion | null> {
  if (input.versionId === null) return null;
  const versions = await ctx.loaders.versionsOfDataset.load(input.dataset.id);
  const newest = versions[versions.length - 1];
  return newest && newest.id !== input.versionId ? newest : null;
}
