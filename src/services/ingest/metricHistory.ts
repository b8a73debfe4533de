import { BadInputError } from '../../domain/errors';
import type { MetricPoint } from '../../domain/metric';
import type { ServiceContext } from '../context';

/** The full history of one metric of a run, ordered by step, then timestamp, then value. */
export async function metricHistory(ctx: ServiceContext, runNodeId: string, key: string): Promise<MetricPoint[]> {
  if (key.length === 0 || key.length > 250) {
    throw new BadInputError('key', `Argument "key" must be a metric name of 1 to 250 characters, got ${key.length} characters`);
  }
  return ctx.loaders.metricHistory.load(`${runNodeId}\u0000${key}`);
}
