/**
 * Query strings as they reach the log. A GET /graphql carries the whole operation (variables,
 * passwords of a `login`) in its query string, so none of it is logged; elsewhere only the
 * parameters that name a secret are.
 */
const REDACTED = '[redacted]';
const SECRET_PARAM = /token|password|secret/i;

const isGraphqlGet = (method: string | undefined, url: string) => method === 'GET' && /^\/graphql\/?(\?|$)/.test(url);

export function redactUrl(method: string | undefined, url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  if (isGraphqlGet(method, url)) return `${url.slice(0, q)}?${REDACTED}`;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of new Set(params.keys())) {
    if (SECRET_PARAM.test(key)) {
      params.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

function redactQuery(method: string | undefined, url: string, query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  if (isGraphqlGet(method, url)) return REDACTED;
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, SECRET_PARAM.test(k) ? REDACTED : v]));
}

interface SerializedRequest {
  method?: string;
  url?: string;
  query?: unknown;
  [key: string]: unknown;
}

/** pino-http's request serializer, applied to the standard serialized request. */
export function redactRequest(req: SerializedRequest): SerializedRequest {
  if (typeof req.url !== 'string') return req;
  return { ...req, url: redactUrl(req.method, req.url), query: redactQuery(req.method, req.url, req.query) };
}
