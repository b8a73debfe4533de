import { z } from 'zod';
import { anyObject, tolerant } from './base';

/**
 * What a standard facet's body inherits, as its facet schema checks it: the types of the base
 * fields (their URI format and presence are the core schema's concern, where it applies).
 */
const BASE = { _producer: z.string(), _schemaURL: z.string() };

/** A run, input-dataset or output-dataset facet body with these fields of its own. */
export const plainFacet = <S extends Record<string, z.ZodType>>(own: S) => tolerant({ ...BASE, ...own });

/** A job or dataset facet body: the base may also carry `_deleted`. */
export const deletableFacetBody = <S extends Record<string, z.ZodType>>(own: S) => tolerant({ ...BASE, _deleted: z.boolean(), ...own });

export const str = () => z.string();
export const arrayOf = (item: z.ZodType) => z.array(item);
/** `type: object, additionalProperties: true`. */
export const params = anyObject;

/** `{ key, value, source }` tags, shared by the run, job and (with `field`) dataset tags facets. */
export const tagsFacet = (body: typeof plainFacet, extra: Record<string, z.ZodType> = {}) =>
  body({ tags: arrayOf(tolerant({ key: str(), value: str(), source: str(), ...extra })) });

/** `{ owners: [{ name, type }] }`, shared by the job and dataset ownership facets. */
export const ownershipFacet = () => deletableFacetBody({ owners: arrayOf(tolerant({ name: str(), type: str() })) });

/** `{ description, contentType }`, shared by the job and dataset documentation facets. */
export const documentationFacet = () => deletableFacetBody({ description: str(), contentType: str() });
