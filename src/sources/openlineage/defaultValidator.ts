import { OpenLineageValidator } from './validator';

let shared: OpenLineageValidator | undefined;

/** The validator the endpoint uses: the schemas are code, so it is built once and cannot fail. */
export function defaultValidator(): OpenLineageValidator {
  shared ??= new OpenLineageValidator();
  return shared;
}
