import { UnavailableError } from '../../domain/errors';
import { loadSpecSchemas } from './specSchemas';
import { OpenLineageValidator } from './validator';

let shared: OpenLineageValidator | undefined;

/**
 * The validator over the spec in its default place, compiled once per process on first use.
 * A missing spec makes the endpoint answer SERVICE_UNAVAILABLE rather than accept unvalidated events.
 */
export function defaultValidator(): OpenLineageValidator {
  if (shared) return shared;
  try {
    shared = new OpenLineageValidator(loadSpecSchemas());
  } catch (err) {
    throw new UnavailableError(`The OpenLineage JSON Schema could not be loaded (${(err as Error).message.slice(0, 300)}); set PVL_OPENLINEAGE_SPEC_DIR`);
  }
  return shared;
}
