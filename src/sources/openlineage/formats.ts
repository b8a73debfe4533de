/**
 * The three string formats the core schema asks for, read exactly as the official schema's own
 * validator reads them (ajv-formats' full formats: RFC 4122, RFC 3986, RFC 3339 with a required
 * offset), so a value accepted here is accepted there and the other way round.
 */
import { fullFormats } from 'ajv-formats/dist/formats';

const UUID = fullFormats.uuid as RegExp;
const URI = fullFormats.uri as (s: string) => boolean;
const DATE_TIME = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

export const isUuid = (s: string): boolean => UUID.test(s);

/**
 * The usual `http(s)://host/path#fragment` with no percent-escapes, IP literal or user info:
 * a strict subset of URI, tested first because the full expression is slow and every facet
 * carries two URIs.
 */
const PLAIN_HTTP = /^https?:\/\/[a-z0-9.-]+(?::\d+)?(?:\/[a-z0-9\-._~!$&'()*+,;=:@]*)*(?:\?[a-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[a-z0-9\-._~!$&'()*+,;=:@/?]*)?$/i;

export const isUri = (s: string): boolean => PLAIN_HTTP.test(s) || URI(s);

/** RFC 3339 date-time; the offset is required (lenient.ts supplies `Z` before validation). */
export const isDateTime = (s: string): boolean => DATE_TIME(s);
