/** The credential in an Authorization header: absent, malformed, or a bearer string. */
export type BearerResult = { kind: 'none' } | { kind: 'malformed' } | { kind: 'bearer'; token: string };

export function parseBearer(header: string | undefined): BearerResult {
  if (header === undefined || header === '') return { kind: 'none' };
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,4096})$/i.exec(header.trim());
  return match ? { kind: 'bearer', token: match[1] } : { kind: 'malformed' };
}

/** JWTs are three base64url parts; pv-lineage tokens start with `pvl_`. */
export const isJwt = (token: string): boolean => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
