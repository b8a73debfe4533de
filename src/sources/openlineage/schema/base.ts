import { z } from 'zod';
import { isDateTime, isUri, isUuid } from '../formats';

/** JSON Schema's `integer`: any whole number, however large (zod's `.int()` stops at 2^53). */
export const integer = () => z.number().refine((n) => n % 1 === 0, { message: 'must be an integer' });

export const uuid = () => z.string().refine(isUuid, { message: 'must be a UUID' });
export const uri = () => z.string().refine(isUri, { message: 'must be a URI (RFC 3986, with a scheme)' });
export const dateTime = () => z.string().refine(isDateTime, { message: 'must be an RFC 3339 date-time with a UTC offset' });

/** A JSON object of any keys (JSON Schema `type: object`; arrays and null are not objects). */
export const anyObject = () => z.looseObject({});

/**
 * A facet body's own fields, every one optional: facet bodies are held to their types, not to
 * their `required` lists (the spec's own sample events omit required facet fields).
 */
export function tolerant<S extends Record<string, z.ZodType>>(shape: S) {
  return z.looseObject(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof S]: z.ZodOptional<S[K]> });
}

/** Every facet's `_producer` and `_schemaURL`, as the core schema requires them. */
const BASE = { _producer: uri(), _schemaURL: uri() };
/** Job and dataset facets may also be deletion markers. */
const DELETABLE = { ...BASE, _deleted: z.boolean().optional() };

export const runFacet = () => z.looseObject(BASE);
export const deletableFacet = () => z.looseObject(DELETABLE);

/** A `facets` object: any key, each value a facet. */
export const facetMap = (facet: z.ZodType) => z.record(z.string(), facet);
